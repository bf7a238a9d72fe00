import { LitElement, html } from 'lit';
import { I18nController } from '../../i18n/index';
import { sharedStyles } from '../../styles/shared';
import { helpLinesStyles } from './help-lines.styles';

/**
 * Help that never waits for the school, on every page: 112 in danger, De Kindertelefoon (free,
 * anonymous). A labelled section inside main, right under the page's heading.
 */
export class HelpLines extends LitElement {
  static override styles = [sharedStyles, helpLinesStyles];

  private readonly i18n = new I18nController(this);

  override render() {
    const { m } = this.i18n;
    return html`
      <section aria-label=${m.help.label}>
        <p><a href="tel:112">${m.help.danger}</a></p>
        <p><a href="tel:08000432">${m.help.kindertelefoon}</a> ${m.help.kindertelefoonNote}</p>
      </section>
    `;
  }
}

customElements.define('help-lines', HelpLines);

declare global {
  interface HTMLElementTagNameMap {
    'help-lines': HelpLines;
  }
}
