import { LitElement, html } from 'lit';
import { I18nController } from '../../i18n/index';
import { sharedStyles } from '../../styles/shared';
import { receiptCodeStyles } from './receipt-code.styles';

type CopyState = 'idle' | 'copied' | 'selected';

/** The receipt after sending: shown once, to write down or copy. */
export class ReceiptCode extends LitElement {
  static override properties = {
    code: {},
    copyState: { state: true },
  };

  static override styles = [sharedStyles, receiptCodeStyles];

  declare code: string;
  declare copyState: CopyState;

  private readonly i18n = new I18nController(this);

  constructor() {
    super();
    this.code = '';
    this.copyState = 'idle';
  }

  override render() {
    const { m } = this.i18n;
    const status = { idle: '', copied: m.receipt.copied, selected: m.receipt.copyFallback }[this.copyState];
    return html`
      <section aria-labelledby="title">
        <h2 id="title" tabindex="-1">${m.receipt.title}</h2>
        <p>${m.receipt.thanks}</p>
        <p class="label">${m.receipt.codeLabel}</p>
        <p class="code" id="code">
          ${this.code.split('-').map((part, index) => (index === 0 ? part : html`-<wbr />${part}`))}
        </p>
        <div class="copy">
          <button type="button" class="primary" @click=${this.copy}>${m.receipt.copy}</button>
          <p class="status" role="status">${status}</p>
        </div>
        <p class="write-down">${m.receipt.writeDown}</p>
        <p>${m.receipt.explain}</p>
      </section>
    `;
  }

  protected override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLElement>('#title')?.focus();
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
