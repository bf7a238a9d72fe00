import { css, html } from 'lit';
import { StaffCasePanel } from '../../action-element';
import { staffStyles } from '../../staff-styles';

/**
 * A report meant for the vertrouwenspersoon alone: says who else knows of it (nobody), and lets the
 * vertrouwenspersoon share it with the team, after asking once more, since it cannot be undone.
 */
export class StaffCaseSharing extends StaffCasePanel {
  static override properties = { confirming: { state: true } };

  static override styles = [
    staffStyles,
    css`
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
    `,
  ];

  declare confirming: boolean;

  constructor() {
    super();
    this.confirming = false;
  }

  override render() {
    return html`
      <section class="panel" aria-labelledby="sharing-title">
        <h2 id="sharing-title">Alleen voor de vertrouwenspersoon</h2>
        <p>
          Alleen jij ziet deze melding. Collega's krijgen er geen mail over en zien hem niet in de lijst, de cijfers per
          melding of het logboek.
        </p>
        ${this.confirming
          ? html`<p role="alert">
                Weet je het zeker? Daarna zien de anti-pestcoördinator en het team de melding. Dit kan niet terug. Vraag het
                eerst aan de melder.
              </p>
              <div class="actions">
                <button type="button" class="primary" ?disabled=${this.busy} @click=${this.share}>Ja, deel met het team</button>
                <button type="button" @click=${() => (this.confirming = false)}>Nee, niet delen</button>
              </div>`
          : html`<button type="button" @click=${() => (this.confirming = true)}>Deel met het team</button>`}
        ${this.renderError()}
      </section>
    `;
  }

  private async share(): Promise<void> {
    const error = await this.changeCase('POST', 'share');
    if (!error) this.confirming = false;
  }
}

customElements.define('staff-case-sharing', StaffCaseSharing);

declare global {
  interface HTMLElementTagNameMap {
    'staff-case-sharing': StaffCaseSharing;
  }
}
