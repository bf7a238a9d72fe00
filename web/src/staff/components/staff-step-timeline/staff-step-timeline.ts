import { css, html, type PropertyValues } from 'lit';
import { REFERRAL_LABELS, REFERRALS, STEP_LABELS, STEPS, type Referral, type Step } from '../../../../../server/shared/protocol';
import { StaffCasePanel } from '../../action-element';
import { requestCaseChange } from '../../case-action';
import { formatNames, formatWhen } from '../../format';
import { staffStyles } from '../../staff-styles';

/** The step after `step` among `choices` (the first without one, the last stays the last). */
function nextStep(step: string | null, choices: readonly Step[]): Step {
  const at = step === null ? -1 : STEPS.indexOf(step as Step);
  return choices.find((choice) => STEPS.indexOf(choice) > at) ?? choices[choices.length - 1] ?? STEPS[0];
}

/** The protocol's steps as a timeline: who did what when, and a form to record the next step. */
export class StaffStepTimeline extends StaffCasePanel {
  static override properties = {
    step: { state: true },
    recorded: { state: true },
    fieldErrors: { state: true },
    /** The steps this person records (a class teacher: stap 1 to 4); all by default. */
    choices: { attribute: false },
    /** The viewer's own roles: a step routed to their own role mails nobody, since nobody mails themselves. */
    viewerRoles: { attribute: false },
  };

  static override styles = [
    staffStyles,
    css`
      ol {
        margin: 0 0 1rem;
        padding: 0;
        list-style: none;
        border-inline-start: 3px solid var(--st-border);
      }

      li {
        position: relative;
        padding: 0 0 0.75rem 1.1rem;
      }

      li::before {
        content: '';
        position: absolute;
        inset-inline-start: -0.55rem;
        top: 0.3rem;
        width: 0.8rem;
        height: 0.8rem;
        border: 2px solid var(--st-strong-border);
        border-radius: 50%;
        background: var(--st-surface);
      }

      li.done::before {
        border-color: var(--st-accent);
        background: var(--st-accent);
      }

      li.current .name {
        color: var(--st-accent-strong);
      }

      .name {
        font-weight: 600;
      }

      li:not(.done) .name {
        color: var(--st-muted);
        font-weight: 400;
      }

      .record {
        margin: 0.2rem 0 0;
        font-size: 0.9rem;
      }

      .record .note {
        display: block;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }

      form {
        display: grid;
        gap: 0.6rem;
        padding-top: 0.75rem;
        border-top: 1px solid var(--st-border);
      }
    `,
  ];

  declare step: Step;
  /** The step just recorded, said in a live region: the focus stays on the button, the record appears above. */
  declare recorded: Step | undefined;
  declare choices: readonly Step[];
  declare viewerRoles: readonly string[];
  declare fieldErrors: Record<string, string>;

  constructor() {
    super();
    this.step = '1';
    this.recorded = undefined;
    this.choices = STEPS;
    this.viewerRoles = [];
    this.fieldErrors = {};
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The picker starts at the step after the case's current one.
    if (changed.has('data') && changed.get('data') === undefined) this.step = nextStep(this.data.step, this.choices);
  }

  override render() {
    const d = this.data;
    const locked = d.status === 'closed' || d.purgedAt !== null;
    return html`
      <section class="panel" aria-labelledby="steps-title">
        <h2 id="steps-title">Stappen van het protocol</h2>
        <ol>
          ${STEPS.map((step) => {
            const records = d.steps.filter((record) => record.step === step);
            return html`<li class="${records.length > 0 ? 'done' : ''} ${d.step === step ? 'current' : ''}">
              <span class="name">${STEP_LABELS[step]}</span>
              ${records.map(
                (record) => html`<p class="record">
                  ${formatWhen(record.at)} – ${record.by}${record.referral ? html` – verwezen naar ${REFERRAL_LABELS[record.referral as Referral]}` : ''}
                  ${record.note ? html`<span class="note">${record.note}</span>` : ''}
                </p>`,
              )}
            </li>`;
          })}
        </ol>
        ${locked
          ? html`<p class="muted">Deze melding is afgesloten; heropen hem om een stap vast te leggen.</p>`
          : html`<form @submit=${this.submit}>
              <h3>Stap vastleggen</h3>
              <div>
                <label for="step">Stap</label>
                <select id="step" name="step" @change=${(event: Event) => (this.step = (event.target as HTMLSelectElement).value as Step)}>
                  ${this.choices.map((step) => html`<option value=${step} ?selected=${step === this.step}>${STEP_LABELS[step]}</option>`)}
                </select>
              </div>
              ${this.step === '5'
                ? html`<div>
                    <label for="referral">Verwezen naar</label>
                    <select id="referral" name="referral" aria-invalid=${this.fieldErrors.referral ? 'true' : 'false'}>
                      ${REFERRALS.map((referral) => html`<option value=${referral}>${REFERRAL_LABELS[referral]}</option>`)}
                    </select>
                  </div>`
                : ''}
              <div>
                <label for="note">Korte notitie (optioneel)</label>
                <textarea id="note" name="note" rows="2" aria-invalid=${this.fieldErrors.note ? 'true' : 'false'}></textarea>
                ${this.fieldErrors.note ? html`<p class="error">${this.fieldErrors.note}</p>` : ''}
              </div>
              ${['3a', '4', '6'].includes(this.step)
                ? html`<p class="muted small">${this.routingHint()}</p>`
                : ''}
              <div><button class="primary" type="submit" ?disabled=${this.busy}>Stap vastleggen</button></div>
              <p class="muted" role="status">${this.recorded ? `Vastgelegd: ${STEP_LABELS[this.recorded]}.` : ''}</p>
              ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
            </form>`}
      </section>
    `;
  }

  /** Who this step mails, by name as the server says, or plainly that nobody is mailed. */
  private routingHint(): string {
    if (this.data.confidential) return 'Deze melding is alleen voor de vertrouwenspersoon: er gaat geen mail naar collega\'s.';
    const routed = this.data.routing[this.step as '3a' | '4' | '6'];
    const roles = this.step === '6' ? ['directeur'] : ['mt', 'directeur'];
    const who = this.step === '6' ? 'andere directeur' : 'ander MT-lid of directeur';
    const mail =
      routed.length > 0
        ? `${formatNames(routed)} ${routed.length === 1 ? 'krijgt' : 'krijgen'} hiervan een mail (zonder namen of details).`
        : this.viewerRoles.some((role) => roles.includes(role))
          ? `Er gaat geen mail: jij bent zelf ${this.step === '6' ? 'de directeur' : 'MT-lid of directeur'}.`
          : `Er gaat geen mail: de contacttabel heeft geen ${who}. Vertel het zelf.`;
    if (this.data.staffIndication === 'pesten') return mail;
    const ib = this.data.routing.pesten;
    const told =
      ib.length > 0
        ? `${formatNames(ib)} (IB) ${ib.length === 1 ? 'krijgt' : 'krijgen'} bericht dat het om pesten gaat.`
        : "Er staat geen IB'er in de contacttabel: vertel de IB'er zelf dat het om pesten gaat.";
    return `${mail} ${told}`;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const body: Record<string, string> = { step: this.step };
    const note = String(data.get('note') ?? '').trim();
    if (note) body.note = note;
    if (this.step === '5') body.referral = String(data.get('referral'));
    this.busy = true;
    this.recorded = undefined;
    const error = await requestCaseChange(this, 'POST', 'steps', body);
    this.busy = false;
    this.error = error?.message ?? '';
    this.fieldErrors = error?.body.fields ?? {};
    if (error) return;
    // Recorded: the picker moves on to the next step.
    this.recorded = body.step as Step;
    form.reset();
    this.step = nextStep(body.step!, this.choices);
    await this.updateComplete;
    const picker = this.renderRoot.querySelector<HTMLSelectElement>('#step');
    if (picker) picker.value = this.step;
  }
}

customElements.define('staff-step-timeline', StaffStepTimeline);

declare global {
  interface HTMLElementTagNameMap {
    'staff-step-timeline': StaffStepTimeline;
  }
}
