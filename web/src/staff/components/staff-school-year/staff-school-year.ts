import { html } from 'lit';
import { api, type StaffSchoolYearResponse } from '../../api';
import '../../../board/components/board-days-off/board-days-off';
import type { DayOffEditor } from '../../../board/components/board-days-off/board-days-off';
import '../../../board/components/school-year-status/school-year-status';
import { StaffLoadedPage } from '../../loaded-page';

/**
 * The school year page (/staff/schooljaar): is the contact table confirmed for the school year,
 * and the school's holidays and own days off. The directeur confirms and adds studiedagen; the
 * anti-pestcoördinator reads.
 */
export class StaffSchoolYear extends StaffLoadedPage<StaffSchoolYearResponse> {
  protected override load(): Promise<StaffSchoolYearResponse> {
    return api.schoolYear();
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

  protected override renderData(data: StaffSchoolYearResponse) {
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
