import { LitElement, css, html } from 'lit';
import { staffStyles } from '../../staff-styles';

/** The case as plain text for the leerlingdossier in Parnassys, with a copy and a print button (on paper the whole text alone). */
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

      /* A textarea prints only the lines in view: on paper the whole text stands instead, as generated
         content, so the page's text (for find-in-page and read-aloud) holds the summary once. */
      .on-paper {
        display: none;
        font-family: var(--st-mono);
        font-size: 0.8rem;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }

      .on-paper::before {
        content: attr(data-text);
      }

      @media print {
        textarea,
        .row {
          display: none;
        }

        .on-paper {
          display: block;
        }

        .panel {
          border: 0;
          padding: 0;
        }
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
        <div class="on-paper" data-text=${this.text}></div>
        <div class="row">
          <button type="button" @click=${this.copy}>Kopieer samenvatting</button>
          <button type="button" @click=${() => window.print()}>Print samenvatting</button>
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
