import { LitElement, css, html } from 'lit';
import { staffStyles } from '../../staff-styles';

/** The case as plain text for the leerlingdossier in Parnassys, with a copy button. */
export class StaffCaseSummary extends LitElement {
  static override properties = {
    text: {},
    copied: { state: true },
  };

  static override styles = [
    staffStyles,
    css`
      textarea {
        min-height: 12rem;
        font-family: var(--st-mono);
        font-size: 0.8rem;
      }

      .row {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.75rem;
        margin-top: 0.5rem;
      }
    `,
  ];

  declare text: string;
  declare copied: string;

  constructor() {
    super();
    this.text = '';
    this.copied = '';
  }

  override render() {
    return html`
      <section class="panel" aria-labelledby="summary-title">
        <h2 id="summary-title">Samenvatting voor Parnassys</h2>
        <label class="sr-only" for="summary">Samenvatting als tekst</label>
        <textarea id="summary" readonly .value=${this.text}></textarea>
        <div class="row">
          <button type="button" @click=${this.copy}>Kopieer samenvatting</button>
          <span role="status" class="muted small">${this.copied}</span>
        </div>
      </section>
    `;
  }

  private async copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.text);
      this.copied = 'Gekopieerd. Plak het in het leerlingdossier.';
    } catch {
      // No clipboard access (http, permission): select the text for Ctrl+C.
      const area = this.renderRoot.querySelector<HTMLTextAreaElement>('#summary');
      area?.focus();
      area?.select();
      this.copied = 'De tekst is geselecteerd: kopieer met Ctrl+C.';
    }
  }
}

customElements.define('staff-case-summary', StaffCaseSummary);

declare global {
  interface HTMLElementTagNameMap {
    'staff-case-summary': StaffCaseSummary;
  }
}
