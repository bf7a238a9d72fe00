import { LitElement, html } from 'lit';
import { I18nController } from '../../i18n/index';
import { sharedStyles } from '../../styles/shared';
import { helpLinesStyles } from './help-lines.styles';

/** Help that never waits for the school: 112 in danger, De Kindertelefoon (free, anonymous). */
export class HelpLines extends LitElement {
  static override styles = [sharedStyles, helpLinesStyles];

  private readonly i18n = new I18nController(this);

  override render() {
    const { m } = this.i18n;
    return html`
      <aside aria-label=${m.help.label}>
        <p><a href="tel:112">${m.help.danger}</a></p>
        <p><a href="tel:08000432">${m.help.kindertelefoon}</a> ${m.help.kindertelefoonNote}</p>
      </aside>
    `;
  }
}

customElements.define('help-lines', HelpLines);

declare global {
  interface HTMLElementTagNameMap {
    'help-lines': HelpLines;
  }
}
