import { LitElement, css, html } from 'lit';
import { FREQUENCY_LABELS, KIND_LABELS, labelsOf, PLACE_LABELS, PLATFORM_LABELS, ROLE_LABELS, SIGNAL_LABELS, SINCE_LABELS, SOURCE_LABELS } from '../../../../../server/shared/labels';
import { isLanguage, LANGUAGE_NAMES_IN_DUTCH } from '../../../../../server/shared/languages';
import type { CaseResponse } from '../../api';
import { formatWhen } from '../../format';
import { staffStyles } from '../../staff-styles';
import { IDENTITY_WITHHELD } from '../../../../../server/shared/teachers';

/** The reporter's language in Dutch ("Arabisch"); a value we do not know is shown as it came. */
function languageLabel(language: string): string {
  return isLanguage(language) ? LANGUAGE_NAMES_IN_DUTCH[language] : language;
}

/** Everything the reporter sent with the report; who they are only when they chose to say. */
export class StaffReportDetails extends LitElement {
  static override properties = {
    data: { attribute: false },
  };

  static override styles = [
    staffStyles,
    css`
      dl {
        display: grid;
        grid-template-columns: minmax(7rem, max-content) minmax(0, 1fr);
        gap: 0.35rem 1rem;
        margin: 0 0 1rem;
      }

      dt {
        color: var(--st-muted);
      }

      dd {
        margin: 0;
      }

      .story {
        padding: 0.75rem 1rem;
        border-radius: 6px;
        background: var(--st-bg);
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }

      .shots {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem;
        margin: 0.75rem 0 0;
        padding: 0;
        list-style: none;
      }

      .shots img {
        display: block;
        max-width: 12rem;
        max-height: 12rem;
        border: 1px solid var(--st-border);
        border-radius: 6px;
        background: var(--st-bg);
      }
    `,
  ];

  declare data: CaseResponse;

  override render() {
    const d = this.data;
    // A teacher the coordinator did not share the name with reads that, not "niet ingevuld": the child gave it.
    const name = d.reporter.name ?? (d.reporter.identityWithheld ? IDENTITY_WITHHELD : 'naam niet ingevuld');
    const reporter = d.reporter.anonymous
      ? html`${ROLE_LABELS[d.reporter.role] ?? d.reporter.role} – <strong>anoniem</strong>`
      : html`${ROLE_LABELS[d.reporter.role] ?? d.reporter.role}: <strong>${name}</strong>${d.reporter.group !== null
            ? html`, groep ${d.reporter.group}`
            : ''}${d.reporter.email ? html`, <a href="mailto:${d.reporter.email}">${d.reporter.email}</a>` : ''}`;
    const shots = d.screenshots.filter((shot) => shot.messageId === null);
    return html`
      <section class="panel" aria-labelledby="details-title">
        <h2 id="details-title">Wat de melder stuurde</h2>
        ${d.purgedAt
          ? html`<p class="notice">De inhoud van deze melding is verwijderd na de bewaartermijn (${formatWhen(d.purgedAt)}). Alleen de gegevens voor de telling zijn bewaard.</p>`
          : ''}
        <dl>
          <dt>Ontvangen</dt>
          <dd>${formatWhen(d.receivedAt)}</dd>
          <dt>Binnengekomen</dt>
          <dd>${SOURCE_LABELS[d.source] ?? d.source}</dd>
          <dt>Gemeld door</dt>
          <dd>${reporter}</dd>
          <dt>Taal van de melder</dt>
          <dd>${languageLabel(d.reporter.language)}</dd>
          <dt>Wat</dt>
          <dd>${labelsOf(KIND_LABELS, d.kinds)}</dd>
          <dt>Waar</dt>
          <dd>${labelsOf(PLACE_LABELS, d.places)}</dd>
          ${d.platforms.length > 0 ? html`<dt>Online</dt><dd>${labelsOf(PLATFORM_LABELS, d.platforms)}</dd>` : ''}
          <dt>Hoe vaak</dt>
          <dd>${d.frequency ? (FREQUENCY_LABELS[d.frequency] ?? d.frequency) : 'niet ingevuld'}</dd>
          <dt>Sinds wanneer</dt>
          <dd>${d.since ? (SINCE_LABELS[d.since] ?? d.since) : 'niet ingevuld'}</dd>
          <dt>Bij wie</dt>
          <dd>${d.target ?? 'niet ingevuld'}</dd>
          <dt>Door wie</dt>
          <dd>${d.perpetrators ?? 'niet ingevuld'}</dd>
          ${d.signals.length > 0 ? html`<dt>Signalen van pesten</dt><dd>${labelsOf(SIGNAL_LABELS, d.signals)}</dd>` : ''}
        </dl>
        <h3>Wat er gebeurd is</h3>
        <p class="story">${d.description ?? '(verwijderd)'}</p>
        ${shots.length > 0
          ? html`<h3>Schermafbeeldingen</h3>
              <ul class="shots">
                ${shots.map(
                  (shot, index) => html`<li>
                    <a href=${shot.url} target="_blank" rel="noopener">
                      <img src=${shot.url} width=${shot.width} height=${shot.height} alt="Schermafbeelding ${index + 1} van de melder" loading="lazy" />
                    </a>
                  </li>`,
                )}
              </ul>`
          : ''}
      </section>
    `;
  }
}

customElements.define('staff-report-details', StaffReportDetails);

declare global {
  interface HTMLElementTagNameMap {
    'staff-report-details': StaffReportDetails;
  }
}
