import { css, html } from 'lit';
import { StaffCasePanel, textFieldError } from '../../action-element';
import { formatWhen } from '../../format';
import { staffStyles } from '../../staff-styles';

/** Notes for colleagues only; the reporter never sees them. */
export class StaffCaseNotes extends StaffCasePanel {
  static override styles = [
    staffStyles,
    css`
      ul {
        display: grid;
        gap: 0.5rem;
        margin: 0 0 0.75rem;
        padding: 0;
        list-style: none;
      }

      li {
        padding: 0.5rem 0.75rem;
        border-radius: 6px;
        background: var(--st-warn-bg);
      }

      .text {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }

      form {
        display: grid;
        gap: 0.5rem;
      }
    `,
  ];

  override render() {
    return html`
      <section class="panel" aria-labelledby="notes-title">
        <h2 id="notes-title">Interne notities</h2>
        <p class="muted small">Alleen voor collega's. De melder ziet deze notities nooit.</p>
        ${this.data.notes.length > 0
          ? html`<ul>
              ${this.data.notes.map(
                (note) => html`<li><span class="muted small">${note.by}, ${formatWhen(note.at)}</span><div class="text">${note.text}</div></li>`,
              )}
            </ul>`
          : ''}
        ${this.data.purgedAt
          ? ''
          : html`<form @submit=${this.submit}>
              <label for="note-text">Nieuwe notitie</label>
              <textarea id="note-text" name="text" rows="3"></textarea>
              <div><button type="submit" ?disabled=${this.busy}>Notitie opslaan</button></div>
              ${this.renderError()}
            </form>`}
      </section>
    `;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const error = await this.changeCase('POST', 'notes', { text: String(new FormData(form).get('text') ?? '') }, textFieldError);
    if (!error) form.reset();
  }
}

customElements.define('staff-case-notes', StaffCaseNotes);

declare global {
  interface HTMLElementTagNameMap {
    'staff-case-notes': StaffCaseNotes;
  }
}
