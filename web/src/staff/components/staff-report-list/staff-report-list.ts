import { LitElement, css, html } from 'lit';
import { INDICATION_LABELS, KIND_LABELS, PLACE_LABELS, ROLE_LABELS, STATUS_LABELS } from '../../../../../server/shared/labels';
import { STEP_LABELS, type Step } from '../../../../../server/shared/protocol';
import type { InboxItem } from '../../api';
import { formatWhen } from '../../format';
import { staffStyles } from '../../staff-styles';

function list(labels: Record<string, string>, values: readonly string[]): string {
  return values.length === 0 ? 'niet ingevuld' : values.map((value) => labels[value] ?? value).join(', ');
}

/** Staff's judgement as is; the one computed from the answers as a "looks like". */
function indicationText(report: InboxItem): string {
  if (report.staffIndication) return INDICATION_LABELS[report.staffIndication] ?? report.staffIndication;
  if (report.indication === 'onduidelijk') return 'Nog onduidelijk';
  return `Lijkt ${(INDICATION_LABELS[report.indication] ?? report.indication).toLowerCase()}`;
}

/** One line per report: what, where, how it looks, how far it is. Each line opens the case. */
export class StaffReportList extends LitElement {
  static override properties = {
    reports: { attribute: false },
  };

  static override styles = [
    staffStyles,
    css`
      ul {
        display: grid;
        gap: 0.5rem;
        margin: 0;
        padding: 0;
        list-style: none;
      }

      a.row {
        display: grid;
        grid-template-columns: 7.5rem minmax(0, 1fr) minmax(0, 14rem);
        gap: 0.25rem 1rem;
        padding: 0.75rem 1rem;
        border: 1px solid var(--st-border);
        border-radius: var(--st-radius);
        background: var(--st-surface);
        color: inherit;
        text-decoration: none;
      }

      a.row:hover {
        border-color: var(--st-accent);
      }

      a.row.unread {
        border-inline-start: 5px solid var(--st-warn-border);
      }

      .id {
        font-weight: 700;
      }

      .what {
        font-weight: 600;
      }

      .badges {
        display: flex;
        flex-wrap: wrap;
        gap: 0.35rem;
        align-content: start;
        justify-content: end;
      }

      .meta {
        color: var(--st-muted);
        font-size: 0.875rem;
      }

      @media (max-width: 760px) {
        a.row {
          grid-template-columns: minmax(0, 1fr);
        }

        .badges {
          justify-content: start;
        }
      }
    `,
  ];

  declare reports: InboxItem[];

  constructor() {
    super();
    this.reports = [];
  }

  override render() {
    return html`<ul>
      ${this.reports.map((report) => {
        const indication = report.staffIndication ?? report.indication;
        return html`<li>
          <a class="row ${report.unread || report.newAnswer ? 'unread' : ''}" href="/staff/reports/${report.id}">
            <div>
              <div class="id">Melding ${report.id}</div>
              <div class="meta">${formatWhen(report.receivedAt)}</div>
              ${report.linkedReports.length > 0
                ? html`<div class="meta">Eén zaak met ${report.linkedReports.map((id) => `melding ${id}`).join(', ')}</div>`
                : ''}
            </div>
            <div>
              <div class="what">${report.kinds.length === 0 ? 'Soort niet ingevuld' : list(KIND_LABELS, report.kinds)}</div>
              <div class="meta">
                Waar: ${list(PLACE_LABELS, report.places)} · ${ROLE_LABELS[report.reporterRole] ?? report.reporterRole}${report.anonymous ? ' (anoniem)' : ''}
                ${report.screenshots > 0 ? html` · ${report.screenshots} ${report.screenshots === 1 ? 'schermafbeelding' : 'schermafbeeldingen'}` : ''}
              </div>
              <div class="meta">
                ${report.step ? STEP_LABELS[report.step as Step] : 'Nog geen stap'}${report.assignee ? html` · Bij ${report.assignee}` : ''}
              </div>
            </div>
            <div class="badges">
              ${report.urgent ? html`<span class="badge urgent">Dringend</span>` : ''}
              ${report.unread ? html`<span class="badge new">Ongeopend</span>` : ''}
              ${report.newAnswer ? html`<span class="badge new">Nieuw antwoord van de melder</span>` : ''}
              ${report.confidential ? html`<span class="badge">Alleen vertrouwenspersoon</span>` : ''}
              <span class="badge ${indication}">${indicationText(report)}</span>
              <span class="badge">${STATUS_LABELS[report.status] ?? report.status}</span>
              ${report.followUpOn && report.status !== 'closed' ? html`<span class="badge">Terugkijken ${formatWhen(report.followUpOn)}</span>` : ''}
            </div>
          </a>
        </li>`;
      })}
    </ul>`;
  }
}

customElements.define('staff-report-list', StaffReportList);

declare global {
  interface HTMLElementTagNameMap {
    'staff-report-list': StaffReportList;
  }
}
