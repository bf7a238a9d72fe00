import { LitElement, css, html } from 'lit';
import {
  FREQUENCY_LABELS,
  KIND_LABELS,
  PLACE_LABELS,
  PLATFORM_LABELS,
  ROLE_LABELS,
  SIGNAL_LABELS,
  SINCE_LABELS,
  SOURCE_LABELS,
} from '../../../../../server/shared/labels';
import { FREQUENCIES, KINDS, PLACES, PLATFORMS, RECORDED_SOURCES, ROLES, SIGNALS, SINCE } from '../../../../../server/shared/report-options';
import { api, ApiError, type MeResponse, type RecordedReportResponse } from '../../api';
import { staffStyles } from '../../staff-styles';
import '../staff-receipt-slip/staff-receipt-slip';
import { checkboxGroup, radioGroup, selectField, YES_NO } from './record-fields';

const LIST_FIELDS = ['kinds', 'places', 'platforms', 'signals'];
const FLAG_FIELDS = ['urgent', 'followUp'];

/** The form's answers as the record route takes them; empty fields are left out. */
function bodyOf(form: HTMLFormElement, anonymous: boolean): Record<string, unknown> {
  const data = new FormData(form);
  const body: Record<string, unknown> = { anonymous };
  for (const [name, value] of data) {
    if (LIST_FIELDS.includes(name) || FLAG_FIELDS.includes(name) || value === '') continue;
    body[name] = value;
  }
  for (const name of LIST_FIELDS) body[name] = data.getAll(name);
  for (const name of FLAG_FIELDS) body[name] = data.has(name);
  if (data.has('onlyVp')) body.recipients = 'vertrouwenspersoon';
  delete body.onlyVp;
  return body;
}

/**
 * "Melding vastleggen": a report that came in person, by phone, by letter or from one's own
 * observation, with the form's questions and the protocol's signals. After saving: the slip with the
 * receipt code (when the pupil or parent will follow it up) and a link to the new case.
 */
export class StaffRecordReport extends LitElement {
  static override properties = {
    me: { attribute: false },
    anonymous: { state: true },
    saving: { state: true },
    error: { state: true },
    fieldErrors: { state: true },
    saved: { state: true },
  };

  static override styles = [
    staffStyles,
    css`
      form {
        display: grid;
        gap: 1rem;
        max-width: 46rem;
      }

      fieldset {
        margin: 0;
        padding: 0.75rem 1rem;
        border: 1px solid var(--st-border);
        border-radius: var(--st-radius);
      }

      legend {
        font-weight: 600;
      }

      .check {
        display: flex;
        align-items: center;
        gap: 0.5rem;
        font-weight: 400;
      }

      @media print {
        .after-save > :not(staff-receipt-slip) {
          display: none;
        }
      }
    `,
  ];

  declare me: MeResponse;
  declare anonymous: boolean;
  declare saving: boolean;
  declare error: string;
  declare fieldErrors: Record<string, string>;
  declare saved: RecordedReportResponse | undefined;

  constructor() {
    super();
    this.anonymous = true;
    this.saving = false;
    this.error = '';
    this.fieldErrors = {};
    this.saved = undefined;
  }

  override render() {
    if (this.saved) return this.renderSaved(this.saved);
    return html`<h1>Melding vastleggen</h1>
      <p class="muted">Kreeg je een melding persoonlijk, per telefoon of per brief, of zag je het zelf? Leg het hier vast. Het gaat daarna zoals een melding via het formulier.</p>
      <form @submit=${this.onSubmit} novalidate>
        ${radioGroup('Hoe kwam de melding binnen?', 'source', SOURCE_LABELS, RECORDED_SOURCES)} ${this.fieldError('source')}
        <label>Wie meldde het?
          <select name="role" required>
            ${ROLES.map((role) => html`<option value=${role}>${ROLE_LABELS[role]}</option>`)}
          </select>
        </label>
        <fieldset>
          <legend>Wie is de melder?</legend>
          <label class="check"><input type="checkbox" .checked=${this.anonymous} @change=${(event: Event) => (this.anonymous = (event.target as HTMLInputElement).checked)} /> De melder wil anoniem blijven</label>
          ${this.anonymous
            ? ''
            : html`<label>Naam <input name="name" autocomplete="off" /></label>${this.fieldError('name')}
                <label>Groep (1 tot en met 8) <input name="group" inputmode="numeric" /></label>${this.fieldError('group')}
                <label>E-mailadres (mag leeg) <input name="email" type="email" autocomplete="off" /></label>${this.fieldError('email')}`}
        </fieldset>
        <label>Wat is er gebeurd? <textarea name="description" required rows="6"></textarea></label>${this.fieldError('description')}
        <label>Bij wie gebeurt het? <input name="target" autocomplete="off" /></label>${this.fieldError('target')}
        <label>Wie doet het? <input name="perpetrators" autocomplete="off" /></label>${this.fieldError('perpetrators')}
        ${checkboxGroup('Wat gebeurt er?', 'kinds', KIND_LABELS, KINDS)}
        ${checkboxGroup('Waar gebeurt het?', 'places', PLACE_LABELS, PLACES)}
        ${checkboxGroup('Online: welke app of welk spel?', 'platforms', PLATFORM_LABELS, PLATFORMS)}
        ${selectField('Hoe vaak gebeurt het?', 'frequency', FREQUENCY_LABELS, FREQUENCIES)}
        ${selectField('Sinds wanneer?', 'since', SINCE_LABELS, SINCE)}
        ${selectField('Zijn de kinderen even sterk?', 'equal', YES_NO, ['true', 'false'])}
        ${selectField('Gebeurt het steeds bij hetzelfde kind?', 'sameTarget', YES_NO, ['true', 'false'])}
        ${selectField('Is het kwetsend (en niet grappig bedoeld)?', 'hurtful', YES_NO, ['true', 'false'])}
        ${checkboxGroup('Signalen van pesten die je ziet of hoort', 'signals', SIGNAL_LABELS, SIGNALS)}
        <fieldset>
          <legend>Verder</legend>
          <label class="check"><input type="checkbox" name="urgent" /> Het kind is nu in gevaar</label>
          <label class="check"><input type="checkbox" name="afraidOfSchool" value="true" /> Het kind is bang om naar school te gaan</label>
          ${this.me.canSeeConfidential
            ? html`<label class="check"><input type="checkbox" name="onlyVp" /> Alleen voor de vertrouwenspersoon</label>`
            : html`<p class="muted">Mag alleen de vertrouwenspersoon het weten? Vraag de vertrouwenspersoon om het vast te leggen.</p>`}
          <label class="check"><input type="checkbox" name="followUp" /> De leerling of ouder wil de melding zelf volgen (je krijgt een code om mee te geven)</label>
        </fieldset>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
        <p><button type="submit" class="primary" ?disabled=${this.saving}>Melding opslaan</button></p>
      </form>`;
  }

  private renderSaved(saved: RecordedReportResponse) {
    return html`<div class="after-save">
      <h1>Melding vastgelegd</h1>
      <p role="status">De melding is opgeslagen als nummer ${saved.id}.</p>
      ${this.me.kind === 'teacher' ? html`<p>De melding staat nu bij jouw meldingen. Het team krijgt een mail.</p>` : ''}
      ${saved.receiptWords
        ? html`<p>Geef deze code mee aan de leerling of ouder. Je ziet hem alleen nu.</p>
            <staff-receipt-slip .schoolName=${this.me.school.name} .words=${saved.receiptWords}></staff-receipt-slip>`
        : ''}
      <p><a href="/staff/reports/${saved.id}">Naar de melding</a></p>
    </div>`;
  }

  private fieldError(name: string) {
    const message = this.fieldErrors[name];
    return message ? html`<p class="error">${message}</p>` : '';
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    this.saving = true;
    this.error = '';
    this.fieldErrors = {};
    try {
      this.saved = await api.recordReport(bodyOf(event.target as HTMLFormElement, this.anonymous));
    } catch (error) {
      this.error = (error as Error).message;
      if (error instanceof ApiError) this.fieldErrors = error.body.fields ?? {};
    } finally {
      this.saving = false;
    }
  }
}

customElements.define('staff-record-report', StaffRecordReport);

declare global {
  interface HTMLElementTagNameMap {
    'staff-record-report': StaffRecordReport;
  }
}
