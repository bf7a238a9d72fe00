import { html } from 'lit';
import { StaffActionElement } from '../../../staff/action-element';
import { staffStyles } from '../../../staff/staff-styles';
import { boardTableStyles } from '../../board-styles';
import type { SchoolYearStatus } from '../../../../../server/shared/board-responses';
import { ApiError, boardApi, type BoardSchoolsResponse } from '../../api';

/** The board's schools: name, form address, how many contacts are in force (and whether a role the protocol mails is missing), and whether the table is confirmed for the school year. */
export class BoardSchoolList extends StaffActionElement {
  static override properties = { data: { state: true } };
  static override styles = [staffStyles, boardTableStyles];

  declare data: BoardSchoolsResponse | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    boardApi.schools().then(
      (data) => (this.data = data),
      (error: unknown) => (this.error = error instanceof ApiError ? error.message : String(error)),
    );
  }

  private yearState(status: SchoolYearStatus) {
    if (status.confirmed) return `${status.schoolYear}: ja`;
    return status.unconfirmed ? html`<span class="badge urgent">${status.schoolYear}: nog niet</span>` : `${status.schoolYear}: nog niet`;
  }

  override render() {
    if (this.error) return this.renderError();
    if (!this.data) return html`<p class="muted" role="status">Even laden…</p>`;
    return html`<section class="panel" aria-labelledby="title">
      <h1 id="title">Scholen</h1>
      <table>
        <thead>
          <tr><th scope="col">School</th><th scope="col">Adres van het meldformulier</th><th scope="col">Contactpersonen</th><th scope="col">Tabel bevestigd</th></tr>
        </thead>
        <tbody>
          ${this.data.schools.map(
            (school) => html`<tr>
              <td><a href="/beheer/scholen/${school.slug}">${school.name}</a>${school.isDefault ? html` <span class="badge">standaard</span>` : ''}</td>
              <td><code>${school.formUrl}</code></td>
              <td>
                ${school.contacts.filter((contact) => contact.endedAt === null && contact.joinsSchoolYear === null).length}
                ${school.warnings.length > 0
                  ? html`<span class="badge urgent">let op: ${school.warnings.length === 1 ? '1 rol ontbreekt' : `${school.warnings.length} rollen ontbreken`}</span>`
                  : ''}
              </td>
              <td>${this.yearState(school.schoolYear)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      <p><a href="/beheer/nieuw">+ School toevoegen</a></p>
      <p><a href="/beheer/cijfers">Cijfers per school</a></p>
    </section>`;
  }
}

customElements.define('board-school-list', BoardSchoolList);

declare global {
  interface HTMLElementTagNameMap {
    'board-school-list': BoardSchoolList;
  }
}
