import { LitElement, html } from 'lit';
import { SCHOOL_YEAR_PATH } from '../../../../../server/shared/staff-paths';
import { api, type StaffSchoolYearResponse } from '../../api';
import { staffStyles } from '../../staff-styles';

/**
 * Above the inbox of the directeur and the anti-pestcoördinator: the school year began and nobody
 * confirmed the contact table. The table keeps working; this only asks to look at it.
 */
export class StaffSchoolYearNotice extends LitElement {
  static override properties = {
    data: { state: true },
  };

  static override styles = [staffStyles];

  declare data: StaffSchoolYearResponse | undefined;

  constructor() {
    super();
    this.data = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Only a warning: when it cannot be loaded the inbox is shown without it.
    api.schoolYear().then(
      (data) => (this.data = data),
      () => undefined,
    );
  }

  override render() {
    const data = this.data;
    if (!data?.schoolYear.unconfirmed) return '';
    return html`<p class="notice school-year-warning">
      Let op: de contacttabel van ${data.schoolName} voor schooljaar ${data.schoolYear.schoolYear} is nog niet bevestigd. De tabel werkt gewoon door.
      ${data.canChange ? html`<a href=${SCHOOL_YEAR_PATH}>Kijk de tabel na en bevestig hem</a>.` : 'De directeur bevestigt hem.'}
    </p>`;
  }
}

customElements.define('staff-school-year-notice', StaffSchoolYearNotice);

declare global {
  interface HTMLElementTagNameMap {
    'staff-school-year-notice': StaffSchoolYearNotice;
  }
}
