import { LitElement, css, html } from 'lit';
import { api, ApiError, type AuditResponse } from '../../api';
import { formatWhen } from '../../format';
import { staffStyles } from '../../staff-styles';

const ACTIONS: Record<string, string> = {
  login: 'Ingelogd',
  logout: 'Uitgelogd',
  logout_everywhere: 'Overal uitgelogd',
  switch_school: 'Van school gewisseld',
  'report.record': 'Melding vastgelegd',
  'case.view': 'Melding bekeken',
  'screenshot.view': 'Schermafbeelding bekeken',
  'indication.set': 'Oordeel plagen/pesten',
  'step.record': 'Stap vastgelegd',
  'case.close': 'Afgesloten',
  'case.reopen': 'Heropend',
  'checklist.tick': 'Begeleiding afgevinkt',
  'checklist.untick': 'Begeleiding uitgevinkt',
  'followup.set': 'Dag om terug te kijken',
  'note.add': 'Notitie toegevoegd',
  'message.send': 'Bericht aan melder',
  'reporter_status.set': 'Status voor melder',
  'assignee.set': 'Overgedragen',
  'case.share': 'Gedeeld met het team',
  'case.link': 'Meldingen gekoppeld tot één zaak',
  'case.unlink': 'Melding losgemaakt van de zaak',
  'meldcode.mark': 'Gemarkeerd voor de Meldcode',
  'meldcode.step': 'Stap van de Meldcode vastgelegd',
  'meldcode.note': 'Notitie bij de Meldcode',
  'statistics.view': 'Cijfers bekeken',
  'totp.enable': 'Authenticator-app aangezet',
  'totp.disable': 'Authenticator-app uitgezet',
  'totp.lockout': 'Te vaak een verkeerde code',
  'totp.recovery_code': 'Ingelogd met een herstelcode',
  'totp.reset': 'Authenticator-app van collega losgekoppeld',
  'schoolyear.confirm': 'Contacttabel bevestigd',
  'dayoff.add': 'Vrije dag toegevoegd',
  'dayoff.remove': 'Vrije dag weggehaald',
  'teacher.add': 'Leerkracht toegevoegd',
  'teacher.change': 'Leerkracht gewijzigd',
  'teacher.remove': 'Leerkracht weggehaald',
  'invitation.add': 'Leerkracht uitgenodigd',
  'invitation.share': 'Naam melder voor leerkracht',
  'invitation.withdraw': 'Uitnodiging ingetrokken',
  'invitation.end': 'Uitnodigingen beëindigd',
  'board.teacher.add': 'Leerkracht toegevoegd (bestuur)',
  'board.teacher.change': 'Leerkracht gewijzigd (bestuur)',
  'board.teacher.remove': 'Leerkracht weggehaald (bestuur)',
};

/** The audit log of the school, for the directeur: who saw or changed what, and when. Read only. */
export class StaffAuditLog extends LitElement {
  static override properties = {
    entries: { state: true },
    next: { state: true },
    error: { state: true },
  };

  static override styles = [
    staffStyles,
    css`
      h1 {
        margin: 0 0 0.5rem;
        font-size: 1.5rem;
      }

      .table-wrap {
        overflow-x: auto;
      }

      table {
        width: 100%;
        border-collapse: collapse;
        background: var(--st-surface);
      }

      th,
      td {
        padding: 0.4rem 0.6rem;
        border-bottom: 1px solid var(--st-border);
        text-align: start;
        vertical-align: top;
        font-size: 0.9rem;
      }

      th {
        background: var(--st-bg);
      }

      .more {
        margin-top: 1rem;
        text-align: center;
      }
    `,
  ];

  declare entries: AuditResponse['entries'];
  declare next: number | null;
  declare error: string;

  constructor() {
    super();
    this.entries = [];
    this.next = null;
    this.error = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(offset?: number): Promise<void> {
    try {
      const page = await api.audit(offset);
      this.entries = offset ? [...this.entries, ...page.entries] : page.entries;
      this.next = page.next;
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) this.error = (error as Error).message;
    }
  }

  override render() {
    return html`
      <h1>Logboek</h1>
      <p class="muted">Elke keer dat iemand een melding of schermafbeelding bekijkt of iets verandert, staat hier. Niemand kan dit logboek aanpassen.</p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      <div class="table-wrap">
        <table>
          <thead>
            <tr><th scope="col">Wanneer</th><th scope="col">Wie</th><th scope="col">Wat</th><th scope="col">Melding</th><th scope="col">Details</th></tr>
          </thead>
          <tbody>
            ${this.entries.map(
              (entry) => html`<tr>
                <td>${formatWhen(entry.at)}</td>
                <td>${entry.by}</td>
                <td>${ACTIONS[entry.action] ?? entry.action}</td>
                <td>${entry.reportId !== null ? html`<a href="/staff/reports/${entry.reportId}">${entry.reportId}</a>` : '–'}</td>
                <td>${entry.detail ?? ''}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${this.next !== null
        ? html`<div class="more"><button type="button" @click=${() => this.load(this.next ?? undefined)}>Oudere regels</button></div>`
        : ''}
    `;
  }
}

customElements.define('staff-audit-log', StaffAuditLog);

declare global {
  interface HTMLElementTagNameMap {
    'staff-audit-log': StaffAuditLog;
  }
}
