import { html, nothing } from 'lit';
import type { ErrorBody } from '../../../../server/shared/errors';
import { normalizeReceiptCode } from '../../../../server/shared/receipt-code';
import { MAX_RECEIPT_INPUT_LENGTH } from '../../../../server/shared/limits';
import { isolateNumbers } from '../../i18n/bidi';
import { I18nController } from '../../i18n/index';
import { sharedStyles } from '../../styles/shared';
import { BusyForm } from '../busy-form';
import { receiptEntryStyles } from './receipt-entry.styles';

/** Opens the report behind a code; resolves with the server's error, or null once it is open. */
export type OpenFollowUp = (receipt: string) => Promise<ErrorBody | null>;


type Problem =
  | { kind: 'empty' | 'shape' | 'network' }
  | { kind: 'server'; code: string; message: string };

/**
 * "Jouw code": the one thing a reporter needs to come back. The typed code lives in this input
 * only: no name attribute and autocomplete off, so the browser keeps no form history of it.
 */
export class ReceiptEntry extends BusyForm<Problem> {
  static override properties = {
    open: { attribute: false },
  };

  static override styles = [sharedStyles, receiptEntryStyles];

  declare open: OpenFollowUp;

  private readonly i18n = new I18nController(this);

  constructor() {
    super();
    this.open = async () => null;
  }

  /** Whether anything was typed: the page clears an idle screen only when there is something to clear. */
  get hasInput(): boolean {
    return (this.renderRoot.querySelector<HTMLInputElement>('#code')?.value ?? '') !== '';
  }

  override render() {
    const { m } = this.i18n;
    return html`
      <form novalidate @submit=${this.onSubmit}>
        <label class="label" for="code">${m.followUp.codeLabel}</label>
        <p class="hint" id="code-hint">${isolateNumbers(m.followUp.codeHint)}</p>
        <div class="row">
          <input
            id="code"
            type="text"
            dir="ltr"
            lang="nl"
            autocomplete="off"
            autocapitalize="off"
            spellcheck="false"
            maxlength=${MAX_RECEIPT_INPUT_LENGTH}
            aria-describedby=${this.problem ? 'code-hint problem' : 'code-hint'}
            aria-invalid=${this.problem ? 'true' : nothing}
          />
          <button type="submit" class="primary" ?disabled=${this.busy}>
            ${this.busy ? m.followUp.opening : m.followUp.open}
          </button>
        </div>
        ${this.problem ? this.renderProblem(this.problem) : nothing}
      </form>
    `;
  }

  private renderProblem(problem: Problem) {
    const { m } = this.i18n;
    const message =
      problem.kind === 'server'
        ? problem.message
        : { empty: m.followUp.codeEmpty, shape: m.followUp.codeShape, network: m.followUp.network }[problem.kind];
    const lost = problem.kind === 'server' && problem.code === 'not_found';
    return html`
      <div class="alert error" id="problem" role="alert" tabindex="-1">
        <p>${message}</p>
        ${lost
          ? html`<p class="lost">${m.followUp.lostCode}</p>
              <p><a href="/">${m.followUp.newReport}</a></p>`
          : nothing}
      </div>
    `;
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const typed = this.renderRoot.querySelector<HTMLInputElement>('#code')?.value ?? '';
    if (typed.trim() === '') return this.show({ kind: 'empty' });
    // Six words or sixteen digits, with any case, spaces and dashes: the same rule as the server's.
    const digits = normalizeReceiptCode(typed);
    if (!digits) return this.show({ kind: 'shape' });

    await this.whileBusy(async () => {
      const error = await this.open(digits);
      if (error) await this.show({ kind: 'server', code: error.error.code, message: error.error.message });
    }, { kind: 'network' });
  }
}

customElements.define('receipt-entry', ReceiptEntry);

declare global {
  interface HTMLElementTagNameMap {
    'receipt-entry': ReceiptEntry;
  }
}
