import { LitElement, css, html } from 'lit';
import { staffStyles } from '../../staff-styles';

declare global {
  interface HTMLElementEventMap {
    /** The person says they wrote down, printed or stored the recovery codes. */
    'staff-recovery-codes-kept': CustomEvent<void>;
  }
}

/** The recovery codes, right after TOTP was turned on: the server shows them this once. */
export class StaffRecoveryCodes extends LitElement {
  static override properties = {
    codes: { attribute: false },
  };

  static override styles = [
    staffStyles,
    css`
      ol {
        columns: 2;
        font-family: ui-monospace, monospace;
        font-size: 1.2rem;
        padding-left: 2rem;
      }
    `,
  ];

  declare codes: string[];

  constructor() {
    super();
    this.codes = [];
  }

  override render() {
    return html`
      <h2>Je herstelcodes</h2>
      <p>
        Telefoon kwijt? Dan log je in met een van deze codes in plaats van de code uit de app. Elke code werkt één keer.
        Schrijf ze op of print ze, en bewaar ze op een veilige plek. <strong>Je ziet ze maar één keer.</strong>
      </p>
      <ol aria-label="Herstelcodes">
        ${this.codes.map((code) => html`<li>${code}</li>`)}
      </ol>
      <p>
        <button type="button" @click=${() => print()}>Print</button>
        <button class="primary" type="button" @click=${this.kept}>Ik heb ze bewaard</button>
      </p>
    `;
  }

  private kept(): void {
    this.dispatchEvent(new CustomEvent('staff-recovery-codes-kept', { bubbles: true, composed: true }));
  }
}

customElements.define('staff-recovery-codes', StaffRecoveryCodes);

declare global {
  interface HTMLElementTagNameMap {
    'staff-recovery-codes': StaffRecoveryCodes;
  }
}
