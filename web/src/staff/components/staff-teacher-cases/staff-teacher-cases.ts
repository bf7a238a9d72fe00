import { html } from 'lit';
import { STEP_LABELS, type Step } from '../../../../../server/shared/protocol';
import { api, type InvitedCasesResponse } from '../../api';
import { formatWhen } from '../../format';
import { StaffLoadedPage } from '../../loaded-page';

/** A teacher's start page: the open cases they are invited to (or recorded), and nothing else of the school. */
export class StaffTeacherCases extends StaffLoadedPage<InvitedCasesResponse> {
  protected override load(): Promise<InvitedCasesResponse> {
    return api.invitedCases();
  }

  protected override renderData(data: InvitedCasesResponse) {
    return html`<h1>Jouw meldingen</h1>
      <p class="muted">Je ziet alleen de meldingen waarvoor je bent uitgenodigd. Een melding die je zelf vastlegt, staat hier ook. Is een melding afgesloten? Dan staat hij hier niet meer.</p>
      ${data.cases.length === 0
        ? html`<p>Je bent nu bij geen melding uitgenodigd.</p>`
        : html`<ul class="cases">
            ${data.cases.map(
              (item) => html`<li>
                <a href=${`/staff/reports/${item.id}`}>Melding ${item.id}</a>
                — ${item.step ? STEP_LABELS[item.step as Step].split(' – ')[0] : 'nog geen stap'}, uitgenodigd ${formatWhen(item.invitedAt)}${item.followUpOn
                  ? `, terugkijken ${formatWhen(item.followUpOn)}`
                  : ''}
              </li>`,
            )}
          </ul>`}
      <p>Vertelt een leerling of ouder jou iets over pesten? <a href="/staff/vastleggen">Melding vastleggen</a></p>`;
  }
}

customElements.define('staff-teacher-cases', StaffTeacherCases);

declare global {
  interface HTMLElementTagNameMap {
    'staff-teacher-cases': StaffTeacherCases;
  }
}
