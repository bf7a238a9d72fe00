import { LitElement, html, nothing } from 'lit';
import { isolateNumbers } from '../../i18n/bidi';
import { I18nController } from '../../i18n/index';
import { loadSchool } from '../../info/school';
import { ClickRunGuard } from '../../report/click-run-guard';
import { sharedStyles } from '../../styles/shared';
import '../read-aloud/read-aloud';
import type { SpokenPart } from '../read-aloud/read-aloud';
import { receiptCodeStyles } from './receipt-code.styles';
import { format } from '../../i18n/format';

type CopyState = 'idle' | 'copied' | 'selected';

/**
 * The receipt after sending: shown once, to write down, copy or print. Until the code is copied or
 * the reporter ticks "written down", leaving the page asks for confirmation. Printing gives a slip
 * with only the code, the school and how to come back: nothing of the report.
 */
export class ReceiptCode extends LitElement {
  static override properties = {
    code: {},
    /** The school's name for the printed slip, when the page knows it. */
    school: {},
    copyState: { state: true },
    writtenDown: { state: true },
  };

  static override styles = [sharedStyles, receiptCodeStyles];

  declare code: string;
  declare school: string;
  declare copyState: CopyState;
  declare writtenDown: boolean;

  private readonly i18n = new I18nController(this);
  /** The second click of a double click on Verstuur must not tick "written down" (or copy, or print). */
  private readonly clickRuns = new ClickRunGuard(this);

  constructor() {
    super();
    this.code = '';
    this.school = '';
    this.copyState = 'idle';
    this.writtenDown = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('beforeunload', this.guard);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('beforeunload', this.guard);
    super.disconnectedCallback();
  }

  override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLElement>('#title')?.focus();
    // The slip names the school; without it (offline) the slip is printed without the name.
    if (!this.school) {
      loadSchool()
        .then((school) => (this.school = school.name))
        .catch(() => undefined);
    }
  }

  /** The code is shown once: leaving before it is safe asks "are you sure?". */
  private readonly guard = (event: BeforeUnloadEvent): void => {
    if (this.copyState === 'copied' || this.writtenDown) return;
    event.preventDefault();
    // Older browsers ask only when returnValue is set.
    event.returnValue = '';
  };

  override render() {
    const { m } = this.i18n;
    const status = { idle: '', copied: m.receipt.copied, selected: m.receipt.copyFallback }[this.copyState];
    return html`
      <section aria-labelledby="title">
        <h2 id="title" tabindex="-1">${m.receipt.title}</h2>
        <read-aloud .label=${m.receipt.codeLabel} .text=${this.spokenText()}></read-aloud>
        <p>${m.receipt.thanks}</p>
        <p class="label">${m.receipt.codeLabel}</p>
        <p class="code" id="code" dir="ltr" lang="nl">
          ${this.code.split('-').map((part, index) => (index === 0 ? part : html`-<wbr />${part}`))}
        </p>
        <div class="copy">
          <button type="button" class="primary" @click=${this.copy}>${m.receipt.copy}</button>
          <button type="button" @click=${() => window.print()}>${m.receipt.print}</button>
          <p class="status" role="status">${status}</p>
        </div>
        <p class="write-down">${m.receipt.writeDown}</p>
        <label class="written">
          <input
            type="checkbox"
            .checked=${this.writtenDown}
            @change=${(event: Event) => (this.writtenDown = (event.target as HTMLInputElement).checked)}
          />
          <span>${m.receipt.writtenDown}</span>
        </label>
        <p>${m.receipt.explain}</p>
        <p class="follow"><a href="/volgen">${m.receipt.followLink}</a></p>
        <p>${m.receipt.followExplain}</p>
      </section>
      <div class="slip">
        <p class="slip-title">${m.receipt.printTitle}</p>
        ${this.school ? html`<p>${format(m.receipt.printSchool, { school: this.school })}</p>` : nothing}
        <p class="code" dir="ltr" lang="nl">${this.code}</p>
        <p>${isolateNumbers(format(m.receipt.printHowTo, { url: `${window.location.origin}/volgen` }))}</p>
        <p>${m.receipt.printKeep}</p>
      </div>
    `;
  }

  /**
   * The receipt as it is heard: the code word by word (old digit codes digit by digit), to write down.
   * The code words are Dutch in every language, so a Dutch voice reads them.
   */
  private spokenText(): SpokenPart[] {
    const { receipt } = this.i18n.m;
    const parts = this.code.split('-').map((part) => (/^\d+$/.test(part) ? part.split('').join(' ') : part));
    return [[`${receipt.title} ${receipt.thanks} ${receipt.codeLabel}:`], [`${parts.join(', ')}.`, 'nl'], [`${receipt.writeDown} ${receipt.explain}`]];
  }


  private async copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.code);
      this.copyState = 'copied';
    } catch {
      // No clipboard (insecure context, permission denied): select the code to copy by hand.
      const code = this.renderRoot.querySelector('#code');
      if (code) window.getSelection()?.selectAllChildren(code);
      this.copyState = 'selected';
    }
  }
}

customElements.define('receipt-code', ReceiptCode);

declare global {
  interface HTMLElementTagNameMap {
    'receipt-code': ReceiptCode;
  }
}
