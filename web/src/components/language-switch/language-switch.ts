import { LitElement, html } from 'lit';
import { LANGUAGE_NAMES } from '../../../../server/shared/languages';
import { I18nController, LANGUAGES, currentLanguage, setLanguage } from '../../i18n/index';
import { sharedStyles } from '../../styles/shared';
import { languageSwitchStyles } from './language-switch.styles';

/** NL / EN buttons; every component re-renders in the chosen language. */
export class LanguageSwitch extends LitElement {
  static override styles = [sharedStyles, languageSwitchStyles];

  private readonly i18n = new I18nController(this);

  override render() {
    const { m } = this.i18n;
    return html`
      <div role="group" aria-label=${m.language.label}>
        ${LANGUAGES.map(
          (language) => html`
            <button
              type="button"
              lang=${language}
              aria-pressed=${language === currentLanguage() ? 'true' : 'false'}
              @click=${() => setLanguage(language)}
            >
              ${language.toUpperCase()}<span class="sr-only"> ${LANGUAGE_NAMES[language]}</span>
            </button>
          `,
        )}
      </div>
    `;
  }
}

customElements.define('language-switch', LanguageSwitch);

declare global {
  interface HTMLElementTagNameMap {
    'language-switch': LanguageSwitch;
  }
}
