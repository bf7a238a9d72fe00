import { LitElement, css, html } from 'lit';
import { staffStyles } from '../../staff-styles';

/**
 * The slip a staff member prints for the pupil or parent who wants to follow a recorded report
 * themselves: the school, the code and how to use it at /volgen. The code is shown only here, once.
 */
export class StaffReceiptSlip extends LitElement {
  static override properties = {
    schoolName: {},
    words: {},
  };

  static override styles = [
    staffStyles,
    css`
      .code {
        font-size: 1.5rem;
        font-weight: 700;
        letter-spacing: 0.03em;
        word-spacing: 0.3em;
      }

      @media print {
        button {
          display: none;
        }
      }
    `,
  ];

  declare schoolName: string;
  declare words: string;

  constructor() {
    super();
    this.schoolName = '';
    this.words = '';
  }

  override render() {
    const site = `${location.origin}/volgen`;
    return html`<section class="panel" aria-labelledby="slip-title">
      <h2 id="slip-title">Je melding bij ${this.schoolName}</h2>
      <p>Dit is je code:</p>
      <p class="code">${this.words.split('-').join(' ')}</p>
      <p>Ga naar <strong>${site}</strong> en typ je code.</p>
      <p>Daar zie je wat de school doet. Je kunt de school daar ook iets terugschrijven.</p>
      <p>Bewaar dit papier goed. Laat de code niet aan anderen zien.</p>
      <button type="button" @click=${() => window.print()}>Print</button>
    </section>`;
  }
}

customElements.define('staff-receipt-slip', StaffReceiptSlip);

declare global {
  interface HTMLElementTagNameMap {
    'staff-receipt-slip': StaffReceiptSlip;
  }
}
