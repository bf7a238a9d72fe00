import { css, html } from 'lit';
import { CLOSE_LABELS, type CloseOutcome } from '../../../../../server/shared/protocol';
import { StaffCasePanel } from '../../action-element';
import { formatWhen } from '../../format';
import { staffStyles } from '../../staff-styles';

/** Closing a case as plagen or as resolved (the reporter then sees "afgesloten"), or reopening it. */
export class StaffCaseClosing extends StaffCasePanel {
  static override styles = [
    staffStyles,
    css`
      form {
        display: grid;
        gap: 0.5rem;
      }

      .buttons {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
    `,
  ];

  override render() {
    const d = this.data;
    if (d.purgedAt) return html``;
    return html`
      <section class="panel" aria-labelledby="close-title">
        <h2 id="close-title">Afsluiten</h2>
        ${d.status === 'closed'
          ? html`<p>${CLOSE_LABELS[d.closedAs as CloseOutcome] ?? 'Afgesloten'} op ${d.closedAt ? formatWhen(d.closedAt) : ''}.</p>
              <button type="button" ?disabled=${this.busy} @click=${this.reopen}>Heropenen</button>`
          : html`<form @submit=${(event: Event) => event.preventDefault()}>
              <p class="muted small">Na afsluiten ziet de melder de status "Afgesloten". De melding wordt na de bewaartermijn verwijderd.</p>
              <label for="close-note">Korte toelichting (optioneel)</label>
              <textarea id="close-note" name="note" rows="2"></textarea>
              <div class="buttons">
                <button type="button" ?disabled=${this.busy} @click=${() => this.close('plagen')}>Afsluiten als plagen</button>
                <button type="button" ?disabled=${this.busy} @click=${() => this.close('resolved')}>Afsluiten: opgelost</button>
              </div>
            </form>`}
        ${this.renderError()}
      </section>
    `;
  }

  private async close(outcome: CloseOutcome): Promise<void> {
    const note = this.renderRoot.querySelector<HTMLTextAreaElement>('#close-note')?.value.trim() ?? '';
    await this.changeCase('POST', 'close', { outcome, ...(note ? { note } : {}) });
  }

  private async reopen(): Promise<void> {
    await this.changeCase('POST', 'reopen');
  }
}

customElements.define('staff-case-closing', StaffCaseClosing);

declare global {
  interface HTMLElementTagNameMap {
    'staff-case-closing': StaffCaseClosing;
  }
}
