import { LitElement, css, html } from 'lit';
import { I18nController } from '../../i18n/index';
import { ICONS } from '../../report/pictograms';
import { unwindSteps } from '../../report/step-history';
import { sharedStyles } from '../../styles/shared';

/** Where "Snel weg" goes when the page does not say (index.html sets `data-exit-url` on <body>). */
export const DEFAULT_EXIT_URL = 'https://www.google.nl/search?q=weer';
/** Fired on window just before leaving: whoever holds answers drops them. */
export const QUICK_EXIT_EVENT = 'klikvrij-quick-exit';
/** Two presses of Escape within this time leave the page too. */
export const ESCAPE_TWICE_MS = 1500;
/** Marks an open element that Escape closes: an Escape inside it does not count towards leaving. */
const CLOSES_ON_ESCAPE = 'data-closes-on-escape';

function exitUrl(): string {
  const configured = document.body.dataset['exitUrl']?.trim();
  return configured || DEFAULT_EXIT_URL;
}

/**
 * Leaves at once: clears every answer (and the tab's stored draft), hides the page, goes back over
 * the entries of the questions and replaces the first with a neutral page. `location.replace`
 * leaves no history entry of its own, so Back does not bring the report, or any question, back.
 */
export function quickExit(): void {
  window.dispatchEvent(new Event(QUICK_EXIT_EVENT));
  window.speechSynthesis?.cancel();
  document.body.hidden = true;
  document.title = '';
  const url = exitUrl();
  unwindSteps(() => location.replace(url));
}

/** The "Snel weg" button; also listens for Escape pressed twice anywhere on the page. */
export class QuickExit extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      /* In a header row it may narrow: on a 320 px phone its words then take two lines inside it. */
      :host {
        min-width: 0;
      }

      button {
        display: inline-flex;
        align-items: center;
        gap: 0.4rem;
        border-color: var(--kv-exit);
        background: var(--kv-exit);
        color: #fff;
        font-weight: 700;
        white-space: nowrap;
      }

      button:hover {
        border-color: var(--kv-exit-strong);
        background: var(--kv-exit-strong);
      }

      svg {
        width: 1.4rem;
        height: 1.4rem;
        fill: none;
        stroke: currentColor;
        stroke-width: 2;
        stroke-linecap: round;
        stroke-linejoin: round;
      }

      @media (max-width: 22rem) {
        button {
          white-space: normal;
          text-align: start;
        }
      }

      @media (forced-colors: active) {
        button {
          border: 3px solid ButtonText;
        }
      }
    `,
  ];

  private readonly i18n = new I18nController(this);
  private lastEscape = -Infinity;
  private readonly onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    // An Escape that closes an open list (the language picker) is the list's, not a step towards leaving.
    if (event.composedPath().some((target) => target instanceof HTMLElement && target.hasAttribute(CLOSES_ON_ESCAPE))) return;
    if (event.timeStamp - this.lastEscape <= ESCAPE_TWICE_MS) {
      quickExit();
      return;
    }
    this.lastEscape = event.timeStamp;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('keydown', this.onKeydown, { capture: true });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('keydown', this.onKeydown, { capture: true });
  }

  override render() {
    const { m } = this.i18n;
    return html`
      <button type="button" aria-describedby="exit-hint" @click=${quickExit}>
        <svg class="mirror" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${ICONS.exit}</svg>
        ${m.exit.button}
      </button>
      <span class="sr-only" id="exit-hint">${m.exit.hint}</span>
    `;
  }
}

customElements.define('quick-exit', QuickExit);

declare global {
  interface HTMLElementTagNameMap {
    'quick-exit': QuickExit;
  }
}
