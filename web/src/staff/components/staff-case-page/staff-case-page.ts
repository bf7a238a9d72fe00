import { LitElement, css, html, type PropertyValues } from 'lit';
import { STATUS_LABELS, urgencyText } from '../../../../../server/shared/labels';
import { REPORTER_STATUS_LABELS, STEP_LABELS, type ReporterStatus, type Step } from '../../../../../server/shared/protocol';
import { api, ApiError, type CaseResponse, type MeResponse } from '../../api';
import type { CaseActionDetail } from '../../case-action';
import { staffStyles } from '../../staff-styles';
import '../staff-assignment/staff-assignment';
import '../staff-case-closing/staff-case-closing';
import '../staff-case-notes/staff-case-notes';
import '../staff-case-sharing/staff-case-sharing';
import '../staff-case-summary/staff-case-summary';
import '../staff-follow-up/staff-follow-up';
import '../staff-checklists/staff-checklists';
import '../staff-indication-table/staff-indication-table';
import '../staff-linked-reports/staff-linked-reports';
import '../staff-meldcode/staff-meldcode';
import '../staff-report-details/staff-report-details';
import '../staff-reporter-messages/staff-reporter-messages';
import '../staff-step-timeline/staff-step-timeline';
import '../staff-teacher-invitations/staff-teacher-invitations';
import { TEACHER_STEPS } from '../../../../../server/shared/teachers';

/**
 * One case: loads it (which the server logs), lays out its parts, and carries out the changes
 * they ask for. Every change answers with the whole case, which replaces what is shown.
 */
export class StaffCasePage extends LitElement {
  static override properties = {
    reportId: { type: Number },
    me: { attribute: false },
    data: { state: true },
    error: { state: true },
  };

  static override styles = [
    staffStyles,
    css`
      .top {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 1rem;
        margin-bottom: 1rem;
      }

      h1 {
        margin: 0;
        font-size: 1.5rem;
      }

      .back {
        display: inline-flex;
        align-items: center;
        min-height: var(--st-target);
      }

      .notice.urgent {
        margin: 0 0 1rem;
        border-color: var(--st-error);
        background: var(--st-error-bg);
        font-weight: 600;
      }

      .grid {
        display: grid;
        grid-template-columns: minmax(0, 7fr) minmax(0, 5fr);
        gap: 1rem;
        align-items: start;
      }

      .column {
        display: grid;
        gap: 1rem;
      }

      @media (max-width: 900px) {
        .grid {
          grid-template-columns: minmax(0, 1fr);
        }
      }

      /* On paper the case is its summary for the dossier, whole: no forms, buttons or badges. */
      @media print {
        .top > :not(h1),
        .notice.urgent,
        .column > :not(staff-case-summary) {
          display: none;
        }

        .grid {
          display: block;
        }
      }
    `,
  ];

  declare reportId: number;
  declare me: MeResponse;
  declare data: CaseResponse | undefined;
  declare error: string;

  constructor() {
    super();
    this.reportId = 0;
    this.data = undefined;
    this.error = '';
    this.addEventListener('case-action', (event) => this.onAction(event));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('reportId')) void this.load();
  }

  private async load(): Promise<void> {
    this.data = undefined;
    this.error = '';
    try {
      this.data = await api.openCase(this.reportId);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) this.error = (error as Error).message;
    }
  }

  private onAction(event: CustomEvent<CaseActionDetail>): void {
    const { method, action, body } = event.detail;
    event.detail.result = api.changeCase(this.reportId, method, action, body).then(
      (data) => {
        this.data = data;
        return undefined;
      },
      (error: unknown) =>
        error instanceof ApiError ? error : new ApiError(0, { code: 'unknown', message: String(error), fields: {} }),
    );
  }

  /**
   * An invited class teacher: what happened, their steps of the protocol, the checklists, their own
   * notes, and the summary of what they see for the leerlingdossier (the protocol has the teacher
   * record the agreements in Parnassys at stap 3a and refer to those reports at stap 4).
   */
  private renderForTeacher(d: CaseResponse) {
    return html`
      <div class="top">
        <a class="back" href="/staff">← Jouw meldingen</a>
        <h1>Melding ${d.id}</h1>
        ${d.urgent ? html`<span class="badge urgent">Dringend</span>` : ''}
        ${d.step ? html`<span class="badge">${STEP_LABELS[d.step as Step].split(' – ')[0]}</span>` : ''}
      </div>
      <div class="grid">
        <div class="column">
          <staff-report-details .data=${d}></staff-report-details>
          <staff-case-notes .data=${d}></staff-case-notes>
        </div>
        <div class="column">
          <staff-step-timeline .data=${d} .choices=${TEACHER_STEPS}></staff-step-timeline>
          <staff-follow-up .data=${d}></staff-follow-up>
          <staff-checklists .data=${d}></staff-checklists>
          <staff-case-summary .text=${d.summary}></staff-case-summary>
        </div>
      </div>
    `;
  }

  override render() {
    if (this.error) return html`<p class="error" role="alert">${this.error}</p><p><a href="/staff">Terug naar de meldingen</a></p>`;
    const d = this.data;
    if (!d) return html`<p class="muted" role="status">Melding laden…</p>`;
    if (this.me.kind === 'teacher') return this.renderForTeacher(d);
    return html`
      <div class="top">
        <a class="back" href="/staff">← Meldingen</a>
        <h1>Melding ${d.id}</h1>
        ${d.urgent ? html`<span class="badge urgent">Dringend</span>` : ''}
        <span class="badge">Voor de school: ${STATUS_LABELS[d.status] ?? d.status}</span>
        <span class="badge" id="reporter-sees">Wat de melder ziet: ${REPORTER_STATUS_LABELS[d.reporterStatus as ReporterStatus] ?? d.reporterStatus}</span>
        ${d.step ? html`<span class="badge">${STEP_LABELS[d.step as Step].split(' – ')[0]}</span>` : ''}
        ${d.confidential ? html`<span class="badge">Alleen voor de vertrouwenspersoon</span>` : ''}
      </div>
      ${d.urgent
        ? html`<p class="notice urgent" role="note">
            Dringend: ${urgencyText(d)}. Neem vandaag contact op.
          </p>`
        : ''}
      <div class="grid">
        <div class="column">
          <staff-report-details .data=${d}></staff-report-details>
          <staff-indication-table .data=${d}></staff-indication-table>
          <staff-reporter-messages .data=${d}></staff-reporter-messages>
          <staff-case-notes .data=${d}></staff-case-notes>
          <staff-meldcode .data=${d}></staff-meldcode>
        </div>
        <div class="column">
          ${d.confidential ? html`<staff-case-sharing .data=${d}></staff-case-sharing>` : ''}
          <staff-linked-reports .data=${d}></staff-linked-reports>
          <staff-step-timeline .data=${d} .viewerRoles=${this.me.roles}></staff-step-timeline>
          <staff-follow-up .data=${d}></staff-follow-up>
          <staff-teacher-invitations .reportId=${d.id}></staff-teacher-invitations>
          <staff-assignment .data=${d}></staff-assignment>
          <staff-checklists .data=${d}></staff-checklists>
          <staff-case-closing .data=${d}></staff-case-closing>
          <staff-case-summary .text=${d.summary}></staff-case-summary>
        </div>
      </div>
    `;
  }
}

customElements.define('staff-case-page', StaffCasePage);

declare global {
  interface HTMLElementTagNameMap {
    'staff-case-page': StaffCasePage;
  }
}
