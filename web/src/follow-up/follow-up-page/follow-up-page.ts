import { LitElement, html, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type { FollowUpResponse } from '../../../../server/shared/reporter-responses';
import { lookUpFollowUp, sendFollowUpMessage } from '../../api';
import '../../components/help-lines/help-lines';
import '../../components/language-switch/language-switch';
import type { SpokenPart } from '../../components/read-aloud/read-aloud';
import '../../components/read-aloud/read-aloud';
import { QUICK_EXIT_EVENT } from '../../components/quick-exit/quick-exit';
import { catalogReady, I18nController } from '../../i18n/index';
import { removeLoadingNumbers } from '../../page-loading';
import { sharedStyles } from '../../styles/shared';
import type { SendAnswer } from '../answer-box/answer-box';
import '../answer-box/answer-box';
import { IdleTimeout } from '../idle-timeout';
import { messageLanguage } from '../message-list/message-list';
import '../message-list/message-list';
import type { OpenFollowUp } from '../receipt-entry/receipt-entry';
import '../receipt-entry/receipt-entry';
import '../status-banner/status-banner';
import { followUpPageStyles } from './follow-up-page.styles';

/** Without a key or a click for this long, the page forgets the code and the conversation. */
export const IDLE_MS = 10 * 60 * 1000;

/** An open conversation. The code lives here, in this page's memory, and nowhere else. */
interface Session {
  readonly receipt: string;
  readonly followUp: FollowUpResponse;
}

/** Why the code screen is back: the reporter pressed "Klaar", or nobody was at the screen. */
type Notice = '' | 'cleared' | 'timedOut';

/**
 * /volgen: type the receipt code, read the status and the school's messages, answer.
 * Nothing is stored in the browser: no storage, no cookies, no URL; "Klaar", ten idle minutes
 * and leaving the page all drop the session.
 */
export class FollowUpPage extends LitElement {
  static override properties = {
    session: { state: true },
    notice: { state: true },
  };

  static override styles = [sharedStyles, followUpPageStyles];

  declare session: Session | undefined;
  declare notice: Notice;

  private readonly i18n = new I18nController(this);
  /** Held only to stay alive: it hooks itself to this element's connect and disconnect. */
  private readonly idle = new IdleTimeout(this, IDLE_MS, () => this.onIdle());
  /** Renews the code screen on every clear, so nothing typed survives; also tells late answers apart. */
  private generation = 0;

  constructor() {
    super();
    this.session = undefined;
    this.notice = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('pagehide', this.forget);
    window.addEventListener(QUICK_EXIT_EVENT, this.forget);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('pagehide', this.forget);
    window.removeEventListener(QUICK_EXIT_EVENT, this.forget);
    super.disconnectedCallback();
  }

  /** Nothing is drawn before the page's catalog has arrived: no text in another language first. */
  protected override shouldUpdate(): boolean {
    return catalogReady();
  }

  override render() {
    const { m } = this.i18n;
    return html`
      <header>
        <h1>${m.followUp.title}</h1>
        <language-switch></language-switch>
        <quick-exit></quick-exit>
      </header>
      <help-lines></help-lines>
      <main>${this.session ? this.renderConversation(this.session) : this.renderEntry()}</main>
    `;
  }

  /** Drawn for the first time (the catalog is here): the waiting help numbers give way to the help line. */
  override firstUpdated(): void {
    removeLoadingNumbers();
  }

  protected override updated(): void {
    // Also after a language switch, which sets the report page's title.
    document.title = this.i18n.m.followUp.pageTitle;
  }

  private renderEntry() {
    const { m } = this.i18n;
    const notice = { '': '', cleared: m.followUp.cleared, timedOut: m.followUp.timedOut }[this.notice];
    return html`
      ${notice ? html`<p class="notice" id="notice" tabindex="-1">${notice}</p>` : nothing}
      <p class="lead">${m.followUp.lead}</p>
      <read-aloud .label=${m.followUp.title} .text=${`${m.followUp.lead} ${m.followUp.codeHint}`}></read-aloud>
      ${keyed(this.generation, html`<receipt-entry .open=${this.open}></receipt-entry>`)}
    `;
  }

  private renderConversation({ followUp }: Session) {
    const { m } = this.i18n;
    return html`
      <section aria-labelledby="status-title">
        <h2 id="status-title" tabindex="-1">${m.followUp.statusTitle}</h2>
        <read-aloud .label=${m.followUp.statusTitle} .text=${this.spokenConversation(followUp)}></read-aloud>
        <status-banner status=${followUp.status}></status-banner>
      </section>
      <section aria-labelledby="messages-title">
        <h2 id="messages-title">${m.followUp.messagesTitle}</h2>
        <message-list .messages=${followUp.messages}></message-list>
      </section>
      <answer-box .send=${this.send}></answer-box>
      <div class="done">
        <p>${m.followUp.doneHint}</p>
        <button type="button" class="primary" @click=${() => this.clear('cleared')}>${m.followUp.done}</button>
      </div>
    `;
  }

  /**
   * The status, then every message with who wrote it: the school's questions can be heard, each
   * message in the language it is written in (the school's Dutch by a Dutch voice).
   */
  private spokenConversation(followUp: FollowUpResponse): SpokenPart[] {
    const { m } = this.i18n;
    const messages = followUp.messages.flatMap((message): SpokenPart[] => [
      [`${m.followUp.from[message.from]}:`],
      message.text ? [message.text, messageLanguage(message)] : [m.followUp.onlyPictures],
    ]);
    return [
      [`${m.followUp.status[followUp.status]} ${m.followUp.messagesTitle}.`],
      ...(messages.length ? messages : [[m.followUp.noMessages] as const]),
    ];
  }

  private readonly open: OpenFollowUp = async (receipt) => {
    const generation = this.generation;
    const result = await lookUpFollowUp(receipt);
    if ('error' in result) return result;
    if (generation !== this.generation) return null;
    this.session = { receipt, followUp: result };
    this.notice = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#status-title')?.focus();
    return null;
  };

  private readonly send: SendAnswer = async (answer) => {
    const session = this.session;
    if (!session) return null;
    const error = await sendFollowUpMessage(session.receipt, answer);
    if (error) return error;
    // Read the conversation again: the answer shows as stored, with anything the school added.
    const fresh = await lookUpFollowUp(session.receipt).catch(() => undefined);
    if (this.session !== session) return null;
    const followUp =
      fresh && !('error' in fresh)
        ? fresh
        : {
            ...session.followUp,
            messages: [...session.followUp.messages, { from: 'reporter' as const, text: answer.text, at: new Date().toISOString() }],
          };
    this.session = { ...session, followUp };
    await this.updateComplete;
    await this.renderRoot.querySelector('message-list')?.focusLast();
    return null;
  };

  private onIdle(): void {
    if (this.session || this.renderRoot.querySelector('receipt-entry')?.hasInput) void this.clear('timedOut');
  }

  /** Leaving the page (also into the back-forward cache) takes nothing along. */
  private readonly forget = (): void => {
    this.generation += 1;
    this.session = undefined;
    this.notice = '';
  };

  private async clear(notice: Notice): Promise<void> {
    this.forget();
    this.notice = notice;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#notice')?.focus();
  }
}

customElements.define('follow-up-page', FollowUpPage);

declare global {
  interface HTMLElementTagNameMap {
    'follow-up-page': FollowUpPage;
  }
}
