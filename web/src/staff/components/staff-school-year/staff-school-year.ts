import { LitElement, html } from 'lit';
import { api, ApiError, type StaffSchoolYearResponse } from '../../api';
import { staffStyles } from '../../staff-styles';
import '../../../board/components/board-days-off/board-days-off';
import type { DayOffEditor } from '../../../board/components/board-days-off/board-days-off';
import '../../../board/components/school-year-status/school-year-status';

/**
 * The school year page (/staff/schooljaar): is the contact table confirmed for the school year,
 * and the school's holidays and own days off. The directeur confirms and adds studiedagen; the
 * anti-pestcoördinator reads.
 */
export class StaffSchoolYear extends LitElement {
  static override properties = {
    data: { state: true },
    error: { state: true },
  };

  static override styles = [staffStyles];

  declare data: StaffSchoolYearResponse | undefined;
  declare error: string;

  constructor() {
    super();
    this.data = undefined;
    this.error = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    api.schoolYear().then(
      (data) => (this.data = data),
      (error: unknown) => (this.error = error instanceof ApiError ? error.message : String(error)),
    );
  }

  private readonly confirm = async (): Promise<void> => {
    this.data = await api.confirmSchoolYear();
  };

  private readonly editor: DayOffEditor = {
    add: async (body) => {
      this.data = await api.addDayOff(body);
    },
    remove: async (id) => {
      this.data = await api.removeDayOff(id);
    },
  };

  override render() {
    if (!this.data) {
      return this.error ? html`<p class="error" role="alert">${this.error}</p>` : html`<p class="muted" role="status">Even laden…</p>`;
    }
    const data = this.data;
    return html`<h1>Schooljaar</h1>
      <school-year-status .status=${data.schoolYear} schoolName=${data.schoolName} .confirm=${data.canChange ? this.confirm : undefined}></school-year-status>
      ${data.canChange ? '' : html`<p class="muted">Alleen de directeur bevestigt de tabel en zet vrije dagen in het rooster.</p>`}
      <board-days-off .calendar=${data.calendar} .editor=${data.canChange ? this.editor : undefined}></board-days-off>`;
  }
}

customElements.define('staff-school-year', StaffSchoolYear);

declare global {
  interface HTMLElementTagNameMap {
    'staff-school-year': StaffSchoolYear;
  }
}
