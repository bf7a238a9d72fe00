import { LitElement, html } from 'lit';
import { isolateNumbers } from '../../i18n/bidi';
import { I18nController } from '../../i18n/index';
import { sharedStyles } from '../../styles/shared';
import { helpLinesStyles } from './help-lines.styles';

/**
 * Help that never waits for the school, on every page: 112 in danger, De Kindertelefoon (free,
 * anonymous). One compact line right under the page's heading, so the question stays high on a
 * small screen; the full explanation is on the "wie helpt je" page and in the urgent panel.
 */
export class HelpLines extends LitElement {
  static override styles = [sharedStyles, helpLinesStyles];

  private readonly i18n = new I18nController(this);

  override render() {
    const { m } = this.i18n;
    return html`
      <section aria-label=${m.help.label}>
        <a href="tel:112"><span>${isolateNumbers(m.help.danger)}</span></a>
        <a href="tel:08000432"><span>${isolateNumbers(m.help.kindertelefoonShort)}</span></a>
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
