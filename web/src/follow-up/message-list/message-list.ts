import { LitElement, html, nothing } from 'lit';
import type { FollowUpResponse } from '../../../../server/shared/reporter-responses';
import { I18nController, currentLanguage } from '../../i18n/index';
import { sharedStyles } from '../../styles/shared';
import { formatDay } from '../format-day';
import { messageListStyles } from './message-list.styles';

/** The school writes in Dutch; a reporter writes in a language of their own, not marked. */
export function messageLanguage(message: FollowUpResponse['messages'][number]): 'nl' | undefined {
  return message.from === 'school' ? 'nl' : undefined;
}

/** The conversation between the school and the reporter, oldest first. */
export class MessageList extends LitElement {
  static override properties = {
    messages: { attribute: false },
  };

  static override styles = [sharedStyles, messageListStyles];

  declare messages: FollowUpResponse['messages'];

  private readonly i18n = new I18nController(this);

  constructor() {
    super();
    this.messages = [];
  }

  /** Moves focus to the newest message, so a screen reader reads what was just added. */
  async focusLast(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('li:last-child')?.focus();
  }

  override render() {
    const { m } = this.i18n;
    if (this.messages.length === 0) return html`<p class="empty">${m.followUp.noMessages}</p>`;
    const language = currentLanguage();
    // Each text takes the direction of its own first letters (dir="auto"): the school's Dutch in an
    // Arabic page keeps its "?" at its end and starts on the left. The school writes in Dutch, so a
    // screen reader reads its messages with a Dutch voice (lang="nl").
    return html`
      <ol>
        ${this.messages.map(
          (message) => html`
            <li class=${message.from} tabindex="-1">
              <p class="meta">
                <span class="who">${m.followUp.from[message.from]}</span>
                <time datetime=${message.at}>${formatDay(message.at, language)}</time>
              </p>
              ${message.text
                ? html`<p class="text" dir="auto" lang=${messageLanguage(message) ?? nothing}>${message.text}</p>`
                : html`<p class="text pictures">${m.followUp.onlyPictures}</p>`}
            </li>
          `,
        )}
      </ol>
    `;
  }
}

customElements.define('message-list', MessageList);

declare global {
  interface HTMLElementTagNameMap {
    'message-list': MessageList;
  }
}
