import { css, html } from 'lit';
import { CLOSE_LABELS, CLOSING_MESSAGES, type CloseOutcome } from '../../../../../server/shared/protocol';
import { StaffCasePanel } from '../../action-element';
import { formatWhen } from '../../format';
import { staffStyles } from '../../staff-styles';

const CONFIRM_TITLES: Record<CloseOutcome, string> = {
  plagen: 'Afsluiten als plagen?',
  resolved: 'Afsluiten als opgelost?',
};

/**
 * Closing a case as plagen or as resolved, in two steps: choose the outcome, then check the message
 * the reporter gets (a default text per outcome, to edit or clear) and confirm. Or reopening it.
 */
export class StaffCaseClosing extends StaffCasePanel {
  static override properties = {
    confirming: { state: true },
    message: { state: true },
    fieldErrors: { state: true },
  };

  static override styles = [
    staffStyles,
    css`
      .step {
        display: grid;
        gap: 0.5rem;
      }

      .buttons {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }

      h3:focus {
        outline: none;
      }
    `,
  ];

  declare confirming: CloseOutcome | null;
  declare message: string;
  declare fieldErrors: Record<string, string>;

  constructor() {
    super();
    this.confirming = null;
    this.message = '';
    this.fieldErrors = {};
  }

  override render() {
    const d = this.data;
    if (d.purgedAt) return html``;
    return html`
      <section class="panel" aria-labelledby="close-title">
        <h2 id="close-title">Afsluiten</h2>
        ${d.status === 'closed'
          ? html`<p>${CLOSE_LABELS[d.closedAs as CloseOutcome] ?? 'Afgesloten'} op ${d.closedAt ? formatWhen(d.closedAt) : ''}.</p>
              <button type="button" ?disabled=${this.busy} @click=${this.reopen}>Heropenen</button>`
          : this.confirming
            ? this.renderConfirmation(this.confirming)
            : html`<div class="step">
                <p class="muted small">Je kiest eerst hoe je afsluit. Daarna zie je het bericht aan de melder en bevestig je.</p>
                <div class="buttons">
                  <button type="button" @click=${() => this.choose('plagen')}>Afsluiten als plagen</button>
                  <button type="button" @click=${() => this.choose('resolved')}>Afsluiten: opgelost</button>
                </div>
              </div>`}
        ${this.renderError()}
      </section>
    `;
  }

  private renderConfirmation(outcome: CloseOutcome) {
    const silent = this.message.trim() === '';
    return html`<form class="step" @submit=${(event: SubmitEvent) => this.close(event, outcome)}>
      <h3 id="confirm-title" tabindex="-1">${CONFIRM_TITLES[outcome]}</h3>
      <label for="close-message">Bericht aan de melder</label>
      <p class="muted small" id="close-message-hint">
        De melder leest dit met de ontvangstcode bij de status "Afgerond". Pas het aan als je wilt.
      </p>
      <textarea
        id="close-message"
        name="message"
        rows="6"
        aria-describedby="close-message-hint"
        aria-invalid=${this.fieldErrors.message ? 'true' : 'false'}
        .value=${this.message}
        @input=${(event: Event) => (this.message = (event.target as HTMLTextAreaElement).value)}
      ></textarea>
      ${this.fieldErrors.message ? html`<p class="error">${this.fieldErrors.message}</p>` : ''}
      ${silent ? html`<p class="notice" role="status">De melder krijgt geen bericht, alleen de status "Afgerond".</p>` : ''}
      <label for="close-note">Korte toelichting voor collega's (optioneel)</label>
      <textarea id="close-note" name="note" rows="2"></textarea>
      <div class="buttons">
        <button class="primary" type="submit" ?disabled=${this.busy}>
          ${silent ? 'Ja, sluit af zonder bericht' : 'Ja, sluit af en stuur het bericht'}
        </button>
        <button type="button" ?disabled=${this.busy} @click=${this.cancel}>Terug</button>
      </div>
    </form>`;
  }

  private async choose(outcome: CloseOutcome): Promise<void> {
    this.confirming = outcome;
    this.message = CLOSING_MESSAGES[outcome];
    this.fieldErrors = {};
    this.error = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#confirm-title')?.focus();
  }

  private cancel(): void {
    this.confirming = null;
    this.fieldErrors = {};
    this.error = '';
  }

  private async close(event: SubmitEvent, outcome: CloseOutcome): Promise<void> {
    event.preventDefault();
    const note = String(new FormData(event.target as HTMLFormElement).get('note') ?? '').trim();
    const error = await this.changeCase('POST', 'close', { outcome, message: this.message, ...(note ? { note } : {}) });
    this.fieldErrors = error?.body.fields ?? {};
    if (!error) this.confirming = null;
  }

  private async reopen(): Promise<void> {
    await this.changeCase('POST', 'reopen');
  }
}

customElements.define('staff-case-closing', StaffCaseClosing);

declare global {
  interface HTMLElementTagNameMap {
    'staff-case-closing': StaffCaseClosing;
  }
}
