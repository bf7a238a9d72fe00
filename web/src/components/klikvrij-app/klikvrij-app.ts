import { LitElement, html } from 'lit';
import { I18nController } from '../../i18n/index';
import { sharedStyles } from '../../styles/shared';
import '../help-lines/help-lines';
import '../language-switch/language-switch';
import '../receipt-code/receipt-code';
import type { ReportSentDetail } from '../report-form/report-form';
import '../report-form/report-form';
import { klikvrijAppStyles } from './klikvrij-app.styles';

/** The report page: header, help lines, then the form, or once sent, the receipt. */
export class KlikvrijApp extends LitElement {
  static override properties = {
    receipt: { state: true },
  };

  static override styles = [sharedStyles, klikvrijAppStyles];

  declare receipt: string;

  private readonly i18n = new I18nController(this);

  constructor() {
    super();
    this.receipt = '';
  }

  override render() {
    const { m } = this.i18n;
    return html`
      <header>
        <h1>${m.intro.title}</h1>
        <language-switch></language-switch>
      </header>
      <help-lines></help-lines>
      <main>
        ${this.receipt
          ? html`<receipt-code code=${this.receipt}></receipt-code>`
          : html`
              <div class="intro">
                <p class="lead">${m.intro.lead}</p>
                <p>${m.intro.anonymous}</p>
                <p>${m.intro.required}</p>
              </div>
              <report-form @report-sent=${this.onSent}></report-form>
            `}
      </main>
    `;
  }

  private onSent(event: CustomEvent<ReportSentDetail>): void {
    this.receipt = event.detail.receipt;
    window.scrollTo({ top: 0 });
  }
}

customElements.define('klikvrij-app', KlikvrijApp);

declare global {
  interface HTMLElementTagNameMap {
    'klikvrij-app': KlikvrijApp;
  }
}
