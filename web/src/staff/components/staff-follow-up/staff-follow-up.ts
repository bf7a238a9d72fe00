import { html } from 'lit';
import { StaffCasePanel } from '../../action-element';
import { formatWhen } from '../../format';
import { inlineFormStyles, staffStyles } from '../../staff-styles';
import { SCHOOL_TIME_ZONE } from '../../../../../server/shared/school-time';

/** Today at school as YYYY-MM-DD (the server checks the day against its own clock too). */
function schoolToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: SCHOOL_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/**
 * The day to look back at the case: does the bullying stop after the talks, or come back (stap 4)?
 * On that day whoever handles the case is mailed. An invited class teacher sets it too.
 */
export class StaffFollowUp extends StaffCasePanel {
  static override styles = [staffStyles, inlineFormStyles];

  override render() {
    const d = this.data;
    const locked = d.status === 'closed' || d.purgedAt !== null;
    const due = d.followUpOn !== null && d.followUpOn <= schoolToday();
    return html`
      <section class="panel" aria-labelledby="follow-up-title">
        <h2 id="follow-up-title">Terugkijken</h2>
        <p id="follow-up-now">
          ${d.followUpOn
            ? html`Terugkijken op <strong>${formatWhen(d.followUpOn)}</strong>.${due ? ' Die dag is er: is het pesten gestopt?' : ''}`
            : html`<span class="muted">Nog geen dag gekozen.</span>`}
        </p>
        ${locked
          ? ''
          : html`<p class="muted small">
                Stopt het pesten na de gesprekken? Kies een dag om terug te kijken. Die dag krijgt wie de melding behandelt een mail.
              </p>
              <form @submit=${this.save} novalidate>
                <div>
                  <label for="follow-up-day">Dag om terug te kijken</label>
                  <input id="follow-up-day" name="on" type="date" min=${schoolToday()} .value=${d.followUpOn ?? ''} />
                </div>
                <button type="submit" ?disabled=${this.busy}>Opslaan</button>
                ${d.followUpOn ? html`<button type="button" ?disabled=${this.busy} @click=${this.clear}>Geen dag meer</button>` : ''}
              </form>`}
        ${this.renderError()}
      </section>
    `;
  }

  /** An empty field sends no day, which the server answers on the field. */
  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const day = this.renderRoot.querySelector<HTMLInputElement>('#follow-up-day')!.value || undefined;
    await this.changeCase('PUT', 'follow-up', { on: day }, (error) => error.body.fields.on ?? error.message);
  }

  private async clear(): Promise<void> {
    await this.changeCase('PUT', 'follow-up', { on: null });
  }
}

customElements.define('staff-follow-up', StaffFollowUp);

declare global {
  interface HTMLElementTagNameMap {
    'staff-follow-up': StaffFollowUp;
  }
}
