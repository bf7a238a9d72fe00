import { LitElement, html, svg, type PropertyValues } from 'lit';
import { LANGUAGE_NAMES, directionOf } from '../../../../server/shared/languages';
import { I18nController, LANGUAGES, currentLanguage, setLanguage, type Language } from '../../i18n/index';
import { sharedStyles } from '../../styles/shared';
import { languageSwitchStyles } from './language-switch.styles';

const GLOBE = svg`<circle cx="12" cy="12" r="9"/><path d="M3 12h18M12 3c-3 2.5-3 15.5 0 18M12 3c3 2.5 3 15.5 0 18"/>`;

/**
 * The language picker, on every page: one small button (globe and code, the language's own name for
 * screen readers) opens the list of all of them, each in its own script (Nederlands, English,
 * العربية, …), so the header stays one line on a phone. Every component
 * re-renders in the chosen language once its catalog has loaded.
 */
export class LanguageSwitch extends LitElement {
  static override properties = { open: { state: true } };
  static override styles = [sharedStyles, languageSwitchStyles];

  declare open: boolean;
  private readonly i18n = new I18nController(this);

  constructor() {
    super();
    this.open = false;
  }

  override render() {
    const { m } = this.i18n;
    const current = currentLanguage();
    return html`
      <div class="picker" ?data-closes-on-escape=${this.open} @keydown=${this.onKeydown}>
        <button type="button" class="toggle" aria-expanded=${this.open ? 'true' : 'false'} aria-controls="languages" @click=${this.toggle}>
          <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">${GLOBE}</svg>
          <span aria-hidden="true">${current.toUpperCase()}</span>
          <span class="sr-only" lang=${current} dir=${directionOf(current)}>${LANGUAGE_NAMES[current]}</span>
          <span class="sr-only">(${m.language.label})</span>
        </button>
        <ul id="languages" aria-label=${m.language.label} ?hidden=${!this.open}>
          ${LANGUAGES.map(
            (language) => html`<li>
              <button
                type="button"
                lang=${language}
                dir=${directionOf(language)}
                aria-pressed=${language === current ? 'true' : 'false'}
                @click=${() => this.choose(language)}
              >
                ${LANGUAGE_NAMES[language]}
              </button>
            </li>`,
          )}
        </ul>
      </div>
    `;
  }

  /**
   * The list opens from the button towards the line's end; where the button stands at that end (the
   * Arabic title of /volgen leaves it at the left of a phone's first line) the list would run off the
   * screen and the phone widen the page, so it opens the other way.
   */
  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('open') || !this.open) return;
    const list = this.renderRoot.querySelector('ul');
    const picker = this.renderRoot.querySelector('.picker')?.getBoundingClientRect();
    if (!list || !picker) return;
    const fits =
      getComputedStyle(this).direction === 'rtl'
        ? picker.right - list.offsetWidth >= 0
        : picker.left + list.offsetWidth <= document.documentElement.clientWidth;
    list.classList.toggle('from-end', !fits);
  }

  private toggle(): void {
    this.open = !this.open;
  }

  /**
   * Escape closes the open list, as a keyboard user expects. It did nothing, and a second Escape is
   * Snel weg's: the page left and the answers were gone. Snel weg leaves alone an Escape pressed
   * inside an element marked data-closes-on-escape.
   */
  private onKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || !this.open) return;
    event.preventDefault();
    this.close();
  }

  private choose(language: Language): void {
    this.close();
    void setLanguage(language);
  }

  /** Closes the list; the focus goes back to the button (the list's buttons it stood on are hidden). */
  private close(): void {
    this.open = false;
    this.renderRoot.querySelector<HTMLElement>('.toggle')?.focus();
  }
}

customElements.define('language-switch', LanguageSwitch);

declare global {
  interface HTMLElementTagNameMap {
    'language-switch': LanguageSwitch;
  }
}
