import { LitElement, css, html } from 'lit';
import type { CaseResponse } from '../../api';
import { requestCaseChange } from '../../case-action';
import { formatWhen } from '../../format';
import { staffStyles } from '../../staff-styles';

/** Notes for colleagues only; the reporter never sees them. */
export class StaffCaseNotes extends LitElement {
  static override properties = {
    data: { attribute: false },
    busy: { state: true },
    error: { state: true },
  };

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

  declare data: CaseResponse;
  declare busy: boolean;
  declare error: string;

  constructor() {
    super();
    this.busy = false;
    this.error = '';
  }

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
              ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
            </form>`}
      </section>
    `;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    this.busy = true;
    const error = await requestCaseChange(this, 'POST', 'notes', { text: String(new FormData(form).get('text') ?? '') });
    this.busy = false;
    this.error = error ? (error.body.fields.text ?? error.message) : '';
    if (!error) form.reset();
  }
}

customElements.define('staff-case-notes', StaffCaseNotes);

declare global {
  interface HTMLElementTagNameMap {
    'staff-case-notes': StaffCaseNotes;
  }
}
