import { css, html } from 'lit';
import { ROLE_LABELS, SOURCE_LABELS } from '../../../../../server/shared/labels';
import { StaffCasePanel } from '../../action-element';
import { formatWhen } from '../../format';
import { inlineFormStyles, staffStyles } from '../../staff-styles';

/**
 * Related reports as one case: the reports of this case (each opens its own page, with its own
 * reporter and conversation), linking another report by its number, and taking this one out.
 */
export class StaffLinkedReports extends StaffCasePanel {
  static override styles = [
    staffStyles,
    css`
      ul {
        margin: 0 0 0.75rem;
        padding-inline-start: 1.25rem;
      }

      li {
        min-height: var(--st-target);
      }
    `,
    inlineFormStyles,
  ];

  override render() {
    const d = this.data;
    const linked = d.caseReports.length > 1;
    return html`
      <section class="panel" aria-labelledby="linked-title">
        <h2 id="linked-title">Eén zaak</h2>
        ${linked
          ? html`<p>Deze meldingen gaan over hetzelfde. Ze hebben samen één dossier: stappen, notities en lijsten.</p>
              <ul id="case-reports">
                ${d.caseReports.map(
                  (report) =>
                    html`<li>
                      ${report.id === d.id
                        ? html`<strong>Melding ${report.id} (deze)</strong>`
                        : html`<a href=${`/staff/reports/${report.id}`}>Melding ${report.id}</a>`},
                      ${formatWhen(report.receivedAt)}, ${ROLE_LABELS[report.reporterRole] ?? report.reporterRole}${report.anonymous ? ', anoniem' : ''}${report.source !== 'form'
                        ? `, ${SOURCE_LABELS[report.source] ?? report.source}`
                        : ''}
                    </li>`,
                )}
              </ul>
              <p class="muted small">Elke melder ziet alleen zijn eigen melding en berichten. Niemand ziet dat anderen ook meldden.</p>`
          : html`<p class="muted small">Melden meer kinderen hetzelfde? Koppel hun meldingen, dan is het één zaak.</p>`}
        ${d.purgedAt || d.status === 'closed'
          ? ''
          : html`<form @submit=${this.link}>
              <div>
                <label for="link-number">Nummer van de melding</label>
                <input id="link-number" name="reportId" inputmode="numeric" autocomplete="off" required />
              </div>
              <button type="submit" ?disabled=${this.busy}>Koppel aan deze zaak</button>
            </form>`}
        ${linked && !d.purgedAt
          ? html`<p><button type="button" id="unlink" ?disabled=${this.busy} @click=${this.unlink}>Maak deze melding los</button></p>`
          : ''}
        ${this.renderError()}
      </section>
    `;
  }

  private async link(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const reportId = String(new FormData(form).get('reportId') ?? '').trim();
    const error = await this.changeCase('POST', 'links', { reportId }, (failure) => failure.body.fields.reportId ?? failure.message);
    if (!error) form.reset();
  }

  private async unlink(): Promise<void> {
    await this.changeCase('POST', 'unlink');
  }
}

customElements.define('staff-linked-reports', StaffLinkedReports);

declare global {
  interface HTMLElementTagNameMap {
    'staff-linked-reports': StaffLinkedReports;
  }
}
