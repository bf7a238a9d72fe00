import { LitElement, html } from 'lit';
import { STEP_LABELS, type Step } from '../../../../../server/shared/protocol';
import { api, ApiError, type InvitedCasesResponse } from '../../api';
import { formatWhen } from '../../format';
import { staffStyles } from '../../staff-styles';

/** A teacher's start page: the open cases they are invited to, and nothing else of the school. */
export class StaffTeacherCases extends LitElement {
  static override properties = {
    data: { state: true },
    error: { state: true },
  };

  static override styles = [staffStyles];

  declare data: InvitedCasesResponse | undefined;
  declare error: string;

  constructor() {
    super();
    this.data = undefined;
    this.error = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    api.invitedCases().then(
      (data) => (this.data = data),
      (error: unknown) => (this.error = error instanceof ApiError ? error.message : String(error)),
    );
  }

  override render() {
    if (!this.data) {
      return this.error ? html`<p class="error" role="alert">${this.error}</p>` : html`<p class="muted" role="status">Even laden…</p>`;
    }
    return html`<h1>Jouw meldingen</h1>
      <p class="muted">Je ziet alleen de meldingen waarvoor de anti-pestcoördinator je uitnodigde. Is een melding afgesloten? Dan staat hij hier niet meer.</p>
      ${this.data.cases.length === 0
        ? html`<p>Je bent nu bij geen melding uitgenodigd.</p>`
        : html`<ul class="cases">
            ${this.data.cases.map(
              (item) => html`<li>
                <a href=${`/staff/reports/${item.id}`}>Melding ${item.id}</a>
                — ${item.step ? STEP_LABELS[item.step as Step].split(' – ')[0] : 'nog geen stap'}, uitgenodigd ${formatWhen(item.invitedAt)}
              </li>`,
            )}
          </ul>`}`;
  }
}

customElements.define('staff-teacher-cases', StaffTeacherCases);

declare global {
  interface HTMLElementTagNameMap {
    'staff-teacher-cases': StaffTeacherCases;
  }
}
