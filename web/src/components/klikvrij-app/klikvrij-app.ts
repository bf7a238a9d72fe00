import { LitElement, html, nothing } from 'lit';
import { catalogReady, I18nController, requestInfoCatalog } from '../../i18n/index';
import type { InfoTopic } from '../../i18n/catalog';
import type { InfoPage } from '../../info/info-page';
import { removeLoadingNumbers } from '../../page-loading';
import { sharedStyles } from '../../styles/shared';
import '../help-lines/help-lines';
import '../language-switch/language-switch';
import { QUICK_EXIT_EVENT } from '../quick-exit/quick-exit';
import { infoOf, pushInfo } from '../../report/step-history';
import '../receipt-code/receipt-code';
import type { ReportForm, ReportSentDetail } from '../report-form/report-form';
import '../report-form/report-form';
import { klikvrijAppStyles } from './klikvrij-app.styles';

const INFO_TOPICS: readonly InfoTopic[] = ['pesten', 'social', 'contacts', 'parents'];

function isInfoTopic(value: string | null): value is InfoTopic {
  return INFO_TOPICS.some((topic) => topic === value);
}

/**
 * The report page: quick exit, language, help lines, then the guided form, an information page,
 * or once sent, the receipt. Information pages open inside this page, over the screen they were
 * opened from, with a history entry of their own: Back (the browser's, Android's gesture) closes one
 * and the form is where it was, with every answer; "Snel weg" goes back over every entry.
 * `?info=pesten|social|contacts|parents` opens one directly.
 */
export class KlikvrijApp extends LitElement {
  static override properties = {
    receipt: { state: true },
    info: { state: true },
    infoReady: { state: true },
  };

  static override styles = [sharedStyles, klikvrijAppStyles];

  declare receipt: string;
  /** The information page on screen, or undefined for the form. */
  declare info: InfoTopic | undefined;
  /** The information pages are loaded on first use: the form itself stays small. */
  declare infoReady: boolean;

  private readonly i18n = new I18nController(this);
  /**
   * Quick exit must never be held up: the receipt asks "leave?" before unload, so it is taken out
   * of the page at once (its disconnect drops that guard), before the page is replaced.
   */
  private readonly onQuickExit = (): void => {
    this.renderRoot.querySelector('receipt-code')?.remove();
    this.receipt = '';
    this.info = undefined;
  };
  /** Back (or Forward) over an information page's entry closes (or opens) it. */
  private readonly onPopState = (event: PopStateEvent): void => {
    const topic = infoOf(event.state) ?? null;
    const shown = isInfoTopic(topic) ? topic : undefined;
    if (shown === this.info) return;
    if (shown) void this.showInfo(shown);
    else void this.hideInfo();
  };

  constructor() {
    super();
    this.receipt = '';
    const topic = new URLSearchParams(location.search).get('info');
    this.info = isInfoTopic(topic) ? topic : undefined;
    this.infoReady = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(QUICK_EXIT_EVENT, this.onQuickExit);
    window.addEventListener('popstate', this.onPopState);
    if (this.info) void this.loadInfo();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener(QUICK_EXIT_EVENT, this.onQuickExit);
    window.removeEventListener('popstate', this.onPopState);
  }

  /** Nothing is drawn before the page's catalog has arrived: no text in another language first. */
  protected override shouldUpdate(): boolean {
    return catalogReady();
  }

  /** Drawn for the first time (the catalog is here): the waiting help numbers give way to the help line. */
  override firstUpdated(): void {
    removeLoadingNumbers();
  }

  override render() {
    const { m } = this.i18n;
    return html`
      <header class="bar">
        <language-switch></language-switch>
        <quick-exit></quick-exit>
      </header>
      <main>
        <h1>${m.intro.title}</h1>
        <help-lines></help-lines>
        ${this.info
          ? html`<p class="back">
                <button type="button" @click=${this.closeInfo}>${m.info.back}</button>
              </p>
              ${this.infoReady ? html`<info-page topic=${this.info} @info-close=${this.closeInfo}></info-page>` : nothing}`
          : nothing}
        ${this.receipt
          ? html`<receipt-code code=${this.receipt} ?hidden=${this.info !== undefined}></receipt-code>`
          : html`<report-form ?hidden=${this.info !== undefined} @report-sent=${this.onSent}></report-form>`}
      </main>
      <footer>
        <nav aria-label=${m.info.nav}>
          <h2 class="nav-title">${m.info.nav}</h2>
          <ul>
            ${INFO_TOPICS.map(
              (topic) => html`<li>
                <a
                  href=${`?info=${topic}`}
                  aria-current=${this.info === topic ? 'page' : nothing}
                  @click=${(event: MouseEvent) => this.openInfo(event, topic)}
                  >${m.info.topics[topic]}</a
                >
              </li>`,
            )}
          </ul>
        </nav>
      </footer>
    `;
  }

  private async loadInfo(): Promise<void> {
    await Promise.all([import('../../info/info-page'), requestInfoCatalog()]);
    this.infoReady = true;
  }

  private async openInfo(event: MouseEvent, topic: InfoTopic): Promise<void> {
    // A new tab or window is the reader's choice; a plain click stays in this page.
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    pushInfo(topic);
    await this.showInfo(topic);
  }

  private async showInfo(topic: InfoTopic): Promise<void> {
    this.info = topic;
    await this.loadInfo();
    await this.updateComplete;
    window.scrollTo({ top: 0 });
    const page = this.renderRoot.querySelector<InfoPage>('info-page');
    await page?.updateComplete;
    page?.focusTitle();
  }

  /** "Terug naar melden": over the information page's own entry this is Back, which then closes it. */
  private closeInfo(): void {
    if (infoOf(history.state)) history.back();
    else void this.hideInfo();
  }

  private async hideInfo(): Promise<void> {
    this.info = undefined;
    await this.updateComplete;
    window.scrollTo({ top: 0 });
    const form = this.renderRoot.querySelector<ReportForm>('report-form');
    if (form) form.focusQuestion();
    else this.renderRoot.querySelector<HTMLElement>('receipt-code')?.focus();
  }

  private onSent(event: CustomEvent<ReportSentDetail>): void {
    this.receipt = event.detail.receiptWords ?? event.detail.receipt;
    window.scrollTo({ top: 0 });
  }
}

customElements.define('klikvrij-app', KlikvrijApp);

declare global {
  interface HTMLElementTagNameMap {
    'klikvrij-app': KlikvrijApp;
  }
}
