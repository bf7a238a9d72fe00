import { css, html, type PropertyValues } from 'lit';
import { REPORTER_STATUS_LABELS, type ReporterStatus } from '../../../../../server/shared/protocol';
import { StaffCasePanel, textFieldError } from '../../action-element';
import { requestCaseChange } from '../../case-action';
import { formatWhen } from '../../format';
import { staffStyles } from '../../staff-styles';

/**
 * The conversation with the reporter, who reads it with their receipt code, and the status they
 * see. Nothing here is internal: every message sent goes to the reporter.
 */
export class StaffReporterMessages extends StaffCasePanel {
  static override properties = {
    statusError: { state: true },
    statusSaved: { state: true },
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
        max-width: 85%;
        padding: 0.5rem 0.75rem;
        border-radius: 10px;
        background: var(--st-bg);
      }

      li.school {
        justify-self: end;
        background: var(--st-accent-soft);
      }

      .text {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }

      .shots {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        margin-top: 0.4rem;
      }

      .shots img {
        max-width: 8rem;
        max-height: 8rem;
        border: 1px solid var(--st-border);
        border-radius: 6px;
      }

      form {
        display: grid;
        gap: 0.5rem;
      }

      .status {
        display: flex;
        flex-wrap: wrap;
        align-items: end;
        gap: 0.5rem;
        margin-bottom: 1rem;
      }

      .status select {
        width: auto;
        min-width: 12rem;
      }
    `,
  ];

  declare statusError: string;
  declare statusSaved: string;

  constructor() {
    super();
    this.statusError = '';
    this.statusSaved = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A change elsewhere (closing, reopening) moves the status: the saved line would be out of date.
    if (changed.has('data') && this.data.reporterStatus !== this.savedStatus) this.statusSaved = '';
  }

  private savedStatus = '';

  override render() {
    const d = this.data;
    return html`
      <section class="panel" aria-labelledby="messages-title">
        <h2 id="messages-title">Contact met de melder</h2>
        <p class="muted small">De melder leest dit met de ontvangstcode${d.reporter.anonymous ? ' en blijft anoniem' : ''}.</p>
        <div class="status">
          <div>
            <label for="reporter-status">Wat de melder als status ziet op /volgen</label>
            <select id="reporter-status" @change=${this.setStatus} ?disabled=${d.purgedAt !== null}>
              ${Object.entries(REPORTER_STATUS_LABELS).map(
                ([value, label]) => html`<option value=${value} ?selected=${d.reporterStatus === value}>${label}</option>`,
              )}
            </select>
          </div>
          ${this.statusError ? html`<p class="error" role="alert">${this.statusError}</p>` : ''}
          <p class="small" id="reporter-status-saved" role="status" aria-live="polite">${this.statusSaved}</p>
        </div>
        ${d.messages.length === 0
          ? html`<p class="muted">Nog geen berichten.</p>`
          : html`<ul>
              ${d.messages.map((message) => {
                const shots = d.screenshots.filter((shot) => shot.messageId === message.id);
                return html`<li class=${message.from}>
                  <span class="muted small">${message.from === 'school' ? (message.by ?? 'School') : 'Melder'}, ${formatWhen(message.at)}</span>
                  <div class="text">${message.text}</div>
                  ${shots.length > 0
                    ? html`<div class="shots">
                        ${shots.map(
                          (shot, index) => html`<a href=${shot.url} target="_blank" rel="noopener"
                            ><img src=${shot.url} width=${shot.width} height=${shot.height} alt="Schermafbeelding ${index + 1} bij dit bericht" loading="lazy"
                          /></a>`,
                        )}
                      </div>`
                    : ''}
                </li>`;
              })}
            </ul>`}
        ${d.purgedAt
          ? ''
          : html`<form @submit=${this.send}>
              <label for="message-text">Bericht aan de melder</label>
              <textarea id="message-text" name="text" rows="3" placeholder="Bijvoorbeeld: In welke klas gebeurt het?"></textarea>
              <div><button class="primary" type="submit" ?disabled=${this.busy}>Stuur naar de melder</button></div>
              ${this.renderError()}
            </form>`}
      </section>
    `;
  }

  private async send(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const error = await this.changeCase('POST', 'messages', { text: String(new FormData(form).get('text') ?? '') }, textFieldError);
    if (!error) form.reset();
  }

  private async setStatus(event: Event): Promise<void> {
    const status = (event.target as HTMLSelectElement).value as ReporterStatus;
    this.statusSaved = '';
    const error = await requestCaseChange(this, 'PUT', 'reporter-status', { status });
    this.statusError = error?.message ?? '';
    this.savedStatus = error ? '' : status;
    this.statusSaved = error ? '' : `Opgeslagen. De melder ziet nu: "${REPORTER_STATUS_LABELS[status]}"`;
  }
}

customElements.define('staff-reporter-messages', StaffReporterMessages);

declare global {
  interface HTMLElementTagNameMap {
    'staff-reporter-messages': StaffReporterMessages;
  }
}
