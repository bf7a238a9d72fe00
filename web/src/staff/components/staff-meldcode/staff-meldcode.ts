import { css, html, type PropertyValues } from 'lit';
import { StaffCasePanel } from '../../action-element';
import { formatNames, formatWhen } from '../../format';
import { staffStyles } from '../../staff-styles';

/** What the panel says when the school's contact table has nobody to tell of the mark. */
const NO_AANDACHTSFUNCTIONARIS =
  'de contacttabel van de school heeft geen aandachtsfunctionaris. Vertel het de directeur, en vraag het bestuur er een toe te voegen.';

/**
 * The Meldcode huiselijk geweld en kindermishandeling on a case. Anyone who opens the case can mark it
 * (the aandachtsfunctionaris is told); the Meldcode part itself, its five steps and notes, comes from
 * the server only to the aandachtsfunctionaris, the directeur and the handler, and is shown to them.
 */
export class StaffMeldcode extends StaffCasePanel {
  static override properties = { confirming: { state: true }, done: { state: true } };

  static override styles = [
    staffStyles,
    css`
      ol {
        display: grid;
        gap: 0.5rem;
        margin: 0 0 0.75rem;
        padding-inline-start: 1.25rem;
      }

      .record {
        margin: 0.25rem 0 0;
        font-size: 0.9rem;
      }

      .note {
        display: block;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }

      form,
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }

      form {
        flex-direction: column;
      }
    `,
  ];

  declare confirming: boolean;
  declare done: boolean;

  constructor() {
    super();
    this.confirming = false;
    this.done = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Another case in the same element starts from its own state.
    if (changed.has('data') && (changed.get('data') as StaffMeldcode['data'] | undefined)?.id !== this.data.id) {
      this.confirming = false;
      this.done = false;
    }
  }

  override render() {
    const part = this.data.meldcode;
    return html`
      <section class="panel" aria-labelledby="meldcode-title">
        <h2 id="meldcode-title">Meldcode huiselijk geweld en kindermishandeling</h2>
        ${part ? this.renderPart(part) : this.renderMark()} ${this.renderError()}
      </section>
    `;
  }

  private renderMark() {
    const told = this.data.aandachtsfunctionarissen;
    if (this.done) {
      return html`<p role="status">
        ${told.length > 0
          ? `Gemarkeerd. ${formatNames(told)} (aandachtsfunctionaris) ${told.length === 1 ? 'heeft' : 'hebben'} een mail gekregen.`
          : `Gemarkeerd. Er ging geen mail: ${NO_AANDACHTSFUNCTIONARIS}`}
      </p>`;
    }
    if (this.data.purgedAt) return '';
    return html`<p>Wijst de melding op huiselijk geweld of kindermishandeling? Markeer hem dan voor de Meldcode.</p>
      <p class="muted small">
        ${told.length > 0
          ? `${formatNames(told)} (aandachtsfunctionaris) ${told.length === 1 ? 'krijgt een mail en kan' : 'krijgen een mail en kunnen'} de melding openen.`
          : `Er gaat geen mail: ${NO_AANDACHTSFUNCTIONARIS}`}
      </p>
      ${this.confirming
        ? html`<p role="alert">Weet je het zeker? Dit kan niet terug.</p>
            <div class="actions">
              <button type="button" class="primary" ?disabled=${this.busy} @click=${this.mark}>Ja, markeer voor de Meldcode</button>
              <button type="button" @click=${() => (this.confirming = false)}>Nee</button>
            </div>`
        : html`<button type="button" id="meldcode-mark" @click=${() => (this.confirming = true)}>Markeer voor de Meldcode</button>`}`;
  }

  private renderPart(part: NonNullable<StaffMeldcode['data']['meldcode']>) {
    const notes = part.entries.filter((entry) => entry.step === null);
    return html`<p class="muted small">
        Gemarkeerd door ${part.markedBy}, ${formatWhen(part.markedAt)}. Alleen de aandachtsfunctionaris, de directeur en wie
        de melding behandelt zien dit deel.
      </p>
      <ol id="meldcode-steps">
        ${part.steps.map(
          (step) =>
            html`<li>
              ${step.label}
              ${part.entries
                .filter((entry) => entry.step === step.step)
                .map((entry) => html`<p class="record">${formatWhen(entry.at)} – ${entry.by}${entry.note ? html`<span class="note">${entry.note}</span>` : ''}</p>`)}
            </li>`,
        )}
      </ol>
      ${notes.length > 0
        ? html`<h3>Notities bij de Meldcode</h3>
            ${notes.map((entry) => html`<p class="record">${formatWhen(entry.at)} – ${entry.by}<span class="note">${entry.note}</span></p>`)}`
        : ''}
      ${this.data.purgedAt
        ? ''
        : html`<form @submit=${this.record}>
            <label for="meldcode-step">Stap van de Meldcode</label>
            <select id="meldcode-step" name="step">
              <option value="">Geen stap, alleen een notitie</option>
              ${part.steps.map((step) => html`<option value=${step.step}>${step.label}</option>`)}
            </select>
            <label for="meldcode-note">Notitie</label>
            <textarea id="meldcode-note" name="note" rows="3"></textarea>
            <div><button type="submit" class="primary" ?disabled=${this.busy}>Vastleggen bij de Meldcode</button></div>
          </form>`}`;
  }

  private async mark(): Promise<void> {
    const error = await this.changeCase('POST', 'meldcode');
    if (!error) {
      this.confirming = false;
      this.done = true;
    }
  }

  private async record(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const step = String(data.get('step') ?? '');
    const body = { ...(step ? { step } : {}), note: String(data.get('note') ?? '') };
    const error = await this.changeCase('POST', 'meldcode/entries', body, (failure) => failure.body.fields.note ?? failure.body.fields.step ?? failure.message);
    if (!error) form.reset();
  }
}

customElements.define('staff-meldcode', StaffMeldcode);

declare global {
  interface HTMLElementTagNameMap {
    'staff-meldcode': StaffMeldcode;
  }
}
