import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { submitReport } from '../../api';
import { isolateNumbers } from '../../i18n/bidi';
import { I18nController } from '../../i18n/index';
import {
  descriptionLimit,
  emptyDraft,
  toFieldErrors,
  screenshotErrors,
  sentScreenshots,
  toFormData,
  validateDraft,
  type DraftPatch,
  type FieldErrors,
  type ReportDraft,
  type ReportField,
} from '../../report/draft';
import {
  STEP_IDS,
  answerText,
  isRequired,
  spokenText,
  stepText,
  stepsFor,
  type StepId,
  type StepText,
} from '../../report/flow';
import {
  ANSWERS,
  FREQUENCY_ANSWERS,
  KINDS,
  PLACES,
  PLATFORMS,
  RECIPIENTS,
  ROLES,
  SIGNALS,
  SINCE_ANSWERS,
  pick,
  type Question,
  type Role,
} from '../../report/options';
import { ClickRunGuard } from '../../report/click-run-guard';
import { forgetDraft, loadDraft, saveDraft } from '../../report/draft-store';
import { markStep, pushStep, stepDepth, stepOf } from '../../report/step-history';
import { ICONS, ROLE_PICTOGRAMS, STEP_PICTOGRAMS, answerPictograms } from '../../report/pictograms';
import { sharedStyles } from '../../styles/shared';
import type { ChoiceChangeDetail, ChoiceOption } from '../choice-group/choice-group';
import '../choice-group/choice-group';
import '../identity-fields/identity-fields';
import '../names-fields/names-fields';
import { QUICK_EXIT_EVENT } from '../quick-exit/quick-exit';
import '../read-aloud/read-aloud';
import '../screenshot-picker/screenshot-picker';
import type { TextChangeDetail } from '../text-field/text-field';
import '../text-field/text-field';
import { reportFormStyles } from './report-form.styles';
import { format, isolateName } from '../../i18n/format';

export interface ReportSentDetail {
  receipt: string;
  /** The same code as six words, when the server sends them: what the child is shown. */
  receiptWords: string | undefined;
}

type ChoiceEvent = CustomEvent<ChoiceChangeDetail>;

/** The screen on which each contract field is asked: a server message is shown there. */
const STEP_OF_FIELD: Record<ReportField, StepId> = {
  role: 'role',
  urgent: 'danger',
  afraidOfSchool: 'afraid',
  kinds: 'kinds',
  places: 'places',
  platforms: 'platforms',
  screenshots: 'screenshots',
  frequency: 'frequency',
  since: 'since',
  equal: 'equal',
  sameTarget: 'sameTarget',
  hurtful: 'hurtful',
  description: 'description',
  target: 'names',
  perpetrators: 'names',
  anonymous: 'identity',
  name: 'identity',
  group: 'identity',
  email: 'identity',
  notifyOnAnswer: 'identity',
  recipients: 'recipients',
};

/** De Kindertelefoon's site, where its chat starts. */
const KINDERTELEFOON_CHAT = 'https://www.kindertelefoon.nl';

/** The three big entry paths; "iets anders" is the small fourth. */
const ENTRY_ROLES: readonly Role[] = ['self', 'bystander', 'parent'];

/**
 * The guided report: one question per screen, a progress line, back and forth without losing
 * anything (every answer lives in the one draft), and a summary before sending. Holds the draft,
 * checks it, sends it, and shows what the server or the network said.
 */
export class ReportForm extends LitElement {
  static override properties = {
    draft: { state: true },
    step: { state: true },
    returnToSummary: { state: true },
    errors: { state: true },
    fileErrors: { state: true },
    alert: { state: true },
    sending: { state: true },
  };

  static override styles = [sharedStyles, reportFormStyles];

  declare draft: ReportDraft;
  declare step: StepId;
  /** Set by "Verander" on the summary: the next button leads back there. */
  declare returnToSummary: boolean;
  declare errors: FieldErrors;
  /** The server's reason for each refused screenshot, by file. */
  declare fileErrors: ReadonlyMap<File, string>;
  /** The message at the top of the screen: what went wrong as a whole. */
  declare alert: string;
  declare sending: boolean;

  private readonly i18n = new I18nController(this);
  /** Set once the draft must not be written again: sent, or Snel weg. */
  private finished = false;
  /** A double click's second click never acts on the screen the first one opened. */
  private readonly clickRuns = new ClickRunGuard(this, () => this.step);
  private readonly onQuickExit = (): void => {
    this.finished = true;
    forgetDraft();
    this.reset();
  };
  /** Browser Back or Forward (or the Android gesture): show the screen of that entry. */
  private readonly onPopState = (event: PopStateEvent): void => {
    const step = stepOf(event.state);
    if (!step || this.finished) return;
    const steps = stepsFor(this.draft);
    // An entry for a screen that no longer applies (online unticked): the screen before it.
    const earlier = STEP_IDS.slice(0, STEP_IDS.indexOf(step)).filter((earlierStep) => steps.includes(earlierStep));
    const shown = steps.includes(step) ? step : earlier.at(-1);
    // The entry of an information page over this very screen, closed or opened again: nothing moves.
    if ((shown ?? 'role') === this.step) return;
    this.returnToSummary = false;
    void this.show(shown ?? 'role');
  };

  constructor() {
    super();
    const stored = loadDraft();
    this.draft = stored?.draft ?? emptyDraft();
    this.step = stored?.step ?? 'role';
    this.returnToSummary = stored?.returnToSummary ?? false;
    this.errors = {};
    this.fileErrors = new Map();
    this.alert = '';
    this.sending = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(QUICK_EXIT_EVENT, this.onQuickExit);
    window.addEventListener('popstate', this.onPopState);
    markStep(this.step);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener(QUICK_EXIT_EVENT, this.onQuickExit);
    window.removeEventListener('popstate', this.onPopState);
  }

  protected override updated(changed: Map<string, unknown>): void {
    if (this.finished) return;
    if (!changed.has('draft') && !changed.has('step') && !changed.has('returnToSummary')) return;
    // Nothing answered yet: nothing to keep, so nothing is stored.
    if (this.step === 'role' && this.draft.role === undefined) forgetDraft();
    else saveDraft({ draft: this.draft, step: this.step, returnToSummary: this.returnToSummary });
  }

  /** Puts focus on the question on screen (after an information page). */
  focusQuestion(): void {
    this.renderRoot.querySelector<HTMLElement>('#question')?.focus({ preventScroll: true });
  }

  /** Forgets every answer (quick exit). */
  reset(): void {
    this.draft = emptyDraft();
    this.step = 'role';
    this.returnToSummary = false;
    this.errors = {};
    this.fileErrors = new Map();
    this.alert = '';
  }

  // --- rendering ---

  override render() {
    const { m } = this.i18n;
    const text = stepText(this.step, this.draft, m);
    return html`
      ${this.renderProgress()}
      <form
        class="step step-${this.step}"
        novalidate
        aria-labelledby="question"
        @submit=${this.onSubmit}
        @draft-change=${this.onDraftChange}
        @choice-enter=${this.onEnter}
        @text-enter=${this.onEnter}
      >
        <div class="alert" role="alert" tabindex="-1">${this.alert}</div>
        ${this.step === 'role'
          ? html`<div class="intro">
              <p class="lead">${m.intro.lead}</p>
              <p>${m.intro.anonymous}</p>
            </div>`
          : nothing}
        <div class="head">
          <svg class="pictogram question-pictogram" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            ${STEP_PICTOGRAMS[this.step]}
          </svg>
          <h2 id="question" tabindex="-1">${text.title}</h2>
          <read-aloud .text=${spokenText(text)} .label=${text.title}></read-aloud>
        </div>
        ${this.renderBody(text)} ${this.renderNavigation()}
      </form>
    `;
  }

  private renderProgress(): TemplateResult | typeof nothing {
    const questions: StepId[] = stepsFor(this.draft).filter((step) => step !== 'role' && step !== 'summary');
    const index = questions.indexOf(this.step);
    if (index < 0) return nothing;
    const { m } = this.i18n;
    return html`<div class="progress">
      <span id="progress-text">${format(m.flow.progress, { step: index + 1, total: questions.length })}</span>
      <progress max=${questions.length} .value=${index + 1} aria-labelledby="progress-text"></progress>
    </div>`;
  }

  private renderBody(text: StepText): TemplateResult {
    const { m } = this.i18n;
    const { draft, errors, step } = this;
    switch (step) {
      case 'role':
        return this.renderEntry();
      case 'danger':
        return html`${this.choice(step, text, {
            selected: draft.urgent === undefined ? [] : [draft.urgent ? 'yes' : 'no'],
            error: errors.urgent,
            onChange: (values) => this.patch({ urgent: values[0] === undefined ? undefined : values[0] === 'yes' }),
          })}
          ${draft.urgent ? this.renderUrgentHelp() : nothing}`;
      case 'afraid':
        return html`${this.choice(step, text, {
            selected: draft.afraidOfSchool === undefined ? [] : [draft.afraidOfSchool ? 'yes' : 'no'],
            error: errors.afraidOfSchool,
            onChange: (values) =>
              this.patch({ afraidOfSchool: values[0] === undefined ? undefined : values[0] === 'yes' }),
          })}
          ${draft.afraidOfSchool ? html`<p class="afraid-note" role="status">${m.afraid.yesNote}</p>` : nothing}`;
      case 'signals':
        return this.choice(step, text, {
          multiple: true,
          selected: draft.signals,
          onChange: (values) => this.patch({ signals: pick(SIGNALS, values) }),
        });
      case 'kinds':
        return this.choice(step, text, {
          multiple: true,
          selected: draft.kinds,
          error: errors.kinds,
          onChange: (values) => this.patch({ kinds: pick(KINDS, values) }),
        });
      case 'places':
        return this.choice(step, text, {
          multiple: true,
          selected: draft.places,
          error: errors.places,
          onChange: (values) => this.patch({ places: pick(PLACES, values) }),
        });
      case 'platforms':
        return this.choice(step, text, {
          multiple: true,
          selected: draft.platforms,
          error: errors.platforms,
          onChange: (values) => this.patch({ platforms: pick(PLATFORMS, values) }),
        });
      case 'screenshots':
        return html`<p class="hint">${text.hint}</p>
          <screenshot-picker
            .files=${draft.screenshots}
            .fileErrors=${this.fileErrors}
            error=${this.fileErrors.size > 0 ? '' : (errors.screenshots ?? '')}
          ></screenshot-picker>`;
      case 'frequency':
        return this.choice(step, text, {
          selected: draft.frequency ? [draft.frequency] : [],
          error: errors.frequency,
          onChange: (values) => this.patch({ frequency: pick(FREQUENCY_ANSWERS, values)[0] }),
        });
      case 'since':
        return this.choice(step, text, {
          selected: draft.since ? [draft.since] : [],
          error: errors.since,
          onChange: (values) => this.patch({ since: pick(SINCE_ANSWERS, values)[0] }),
        });
      case 'equal':
      case 'sameTarget':
      case 'hurtful':
        return this.renderQuestion(step, text);
      case 'description':
        return html`<text-field
          label=${text.title}
          hint=${text.hint}
          multiline
          ?required=${isRequired(step, draft)}
          hide-label
          .maxlength=${descriptionLimit(draft)}
          .value=${draft.description}
          error=${errors.description ?? ''}
          @text-change=${(event: CustomEvent<TextChangeDetail>) => this.patch({ description: event.detail.value })}
        ></text-field>`;
      case 'names':
        return html`<names-fields
          hide-legend
          .showTarget=${text.options.some((option) => option.value === 'target')}
          .target=${draft.target}
          .perpetrators=${draft.perpetrators}
          .errors=${errors}
        ></names-fields>`;
      case 'identity':
        return html`<identity-fields
          hide-legend
          .reporterRole=${draft.role}
          .anonymous=${draft.anonymous}
          .name=${draft.name}
          .group=${draft.group}
          .email=${draft.email}
          .notifyOnAnswer=${draft.notifyOnAnswer}
          .errors=${errors}
        ></identity-fields>`;
      case 'recipients':
        return this.choice(step, text, {
          selected: [draft.recipients],
          error: errors.recipients,
          onChange: (values) => this.patch({ recipients: pick(RECIPIENTS, values)[0] ?? 'default' }),
        });
      case 'summary':
        return this.renderSummary(text);
    }
  }

  private renderEntry(): TemplateResult {
    const { m } = this.i18n;
    const button = (role: Role, small: boolean) => html`<button
      type="button"
      class=${small ? 'entry entry-small' : 'entry'}
      aria-pressed=${this.draft.role === role ? 'true' : 'false'}
      @click=${() => this.chooseRole(role)}
    >
      <svg class="pictogram" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${ROLE_PICTOGRAMS[role]}</svg>
      <span>${m.role.options[role]}</span>
    </button>`;
    return html`<p class="hint">${m.role.hint}</p>
      <div class="entries" role="group" aria-labelledby="question">
        ${ENTRY_ROLES.map((role) => button(role, false))}
      </div>
      <div class="entries-small">${button('other', true)}</div>`;
  }

  private renderUrgentHelp(): TemplateResult {
    const { m } = this.i18n;
    const call = (href: string, number: string, note: string) => html`<a class="call" href=${href}>
      <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">${ICONS.phone}</svg>
      <span><span class="number">${isolateNumbers(number)}</span> <span class="note">${note}</span></span>
    </a>`;
    // The numbers are big enough to read and dial on another phone: tel: does nothing on a Chromebook.
    // The chat is a plain link to De Kindertelefoon's own site, in a new tab so the answers stay here.
    return html`<div class="urgent" role="alert">
      <p class="urgent-title">${m.help.urgentTitle}</p>
      ${call('tel:112', m.help.call112, m.help.call112Note)}
      ${call('tel:08000432', m.help.callKindertelefoon, m.help.callKindertelefoonNote)}
      <p class="chat">
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">${ICONS.chat}</svg>
        <span>${m.help.chat} <a href=${KINDERTELEFOON_CHAT} target="_blank" rel="noopener noreferrer" dir="ltr">www.kindertelefoon.nl</a></span>
      </p>
      <div class="send-now">
        <button type="button" class="primary" ?disabled=${this.sending} @click=${() => void this.send()}>
          <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">${ICONS.send}</svg>${m.help.sendNow}
        </button>
        <p>${m.help.sendNowNote}</p>
      </div>
      <p>${m.help.urgentGoOn}</p>
    </div>`;
  }

  private renderQuestion(question: Question, text: StepText): TemplateResult {
    const answer = this.draft.answers[question];
    return this.choice(question, text, {
      selected: answer ? [answer] : [],
      error: this.errors[question],
      onChange: (values) => this.patch({ answers: { ...this.draft.answers, [question]: pick(ANSWERS, values)[0] } }),
    });
  }

  /** The answers of `step` as a choice group, each with its pictogram. */
  private choice(
    step: StepId,
    text: StepText,
    options: {
      selected: readonly string[];
      onChange: (values: string[]) => void;
      multiple?: boolean;
      error?: string | undefined;
    },
  ): TemplateResult {
    const pictograms = answerPictograms(step);
    const choices: ChoiceOption[] = text.options.map((option) => ({ ...option, pictogram: pictograms[option.value] }));
    return html`<choice-group
      legend=${text.title}
      hint=${text.hint}
      hide-legend
      ?multiple=${options.multiple ?? false}
      .options=${choices}
      .selected=${options.selected}
      error=${options.error ?? ''}
      @choice-change=${(event: ChoiceEvent) => options.onChange(event.detail.values)}
    ></choice-group>`;
  }

  private renderSummary(text: StepText): TemplateResult {
    const { m } = this.i18n;
    const rows = stepsFor(this.draft).filter((step) => step !== 'summary');
    const fieldErrors = new Map<StepId, string>();
    for (const [field, message] of Object.entries(this.errors) as [ReportField, string][]) {
      if (!fieldErrors.has(STEP_OF_FIELD[field])) fieldErrors.set(STEP_OF_FIELD[field], message);
    }
    return html`<p class="hint">${text.hint}</p>
      <dl class="summary">
        ${rows.map((step) => {
          const question = stepText(step, this.draft, m).title;
          const answer = answerText(step, this.draft, m);
          const error = fieldErrors.get(step);
          return html`<div class="row ${error ? 'has-error' : ''}">
            <dt>${question}</dt>
            <dd class=${answer ? 'answer' : 'answer empty'}>${answer || m.summary.empty}</dd>
            ${error ? html`<dd class="error">${error}</dd>` : nothing}
            <dd class="change">
              <button type="button" aria-label=${`${m.summary.change}: ${question}`} @click=${() => this.edit(step)}>
                ${m.summary.change}
              </button>
            </dd>
          </div>`;
        })}
      </dl>`;
  }

  private renderNavigation(): TemplateResult {
    const { m } = this.i18n;
    const steps = stepsFor(this.draft);
    const first = steps.indexOf(this.step) <= 0;
    const back = first
      ? nothing
      : html`<button type="button" class="back" @click=${this.goBack}>
          <svg class="mirror" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${ICONS.back}</svg>${m.flow.back}
        </button>`;
    if (this.step === 'role') return html`<div class="nav">${back}</div>`;
    if (this.step === 'summary') {
      return html`<div class="nav">
        <button type="submit" class="primary next" ?disabled=${this.sending} aria-busy=${this.sending ? 'true' : 'false'}>
          ${this.sending ? m.send.sending : m.send.button}
        </button>
        ${back}
      </div>`;
    }
    const answered = answerText(this.step, this.draft, m) !== '';
    const skip = !this.returnToSummary && !answered && !isRequired(this.step, this.draft);
    const label = this.returnToSummary ? m.flow.done : skip ? m.flow.skip : m.flow.next;
    // "Sla over" is a plain button, no bigger than Terug: answering is the way on that stands out.
    return html`<div class="nav">
      <button type="submit" class=${skip ? 'next skip' : 'primary next'}>
        ${label}<svg class="mirror" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${ICONS.next}</svg>
      </button>
      ${back}
    </div>`;
  }

  // --- moving between screens ---

  /** Moves on to `step` with a history entry of its own. */
  private async go(step: StepId): Promise<void> {
    if (step !== this.step) pushStep(step);
    await this.show(step);
  }

  private async show(step: StepId): Promise<void> {
    this.step = step;
    this.alert = '';
    await this.updateComplete;
    window.scrollTo({ top: 0 });
    this.renderRoot.querySelector<HTMLElement>('#question')?.focus({ preventScroll: true });
  }

  private chooseRole(role: Role): void {
    this.patch({ role });
    void this.goNext();
  }

  private edit(step: StepId): void {
    this.returnToSummary = true;
    void this.go(step);
  }

  /** The Terug button is the browser's Back: both walk the same entries. */
  private goBack(): void {
    if (stepDepth() > 0) {
      history.back();
      return;
    }
    const steps = stepsFor(this.draft);
    const index = steps.indexOf(this.step);
    this.returnToSummary = false;
    void this.go(steps[Math.max(0, index - 1)] ?? 'role');
  }

  private async goNext(): Promise<void> {
    const { m } = this.i18n;
    if (this.step === 'description') {
      const error = validateDraft(this.draft, m).description;
      if (error) {
        this.errors = { ...this.errors, description: error };
        await this.updateComplete;
        this.renderRoot.querySelector('text-field')?.focus();
        return;
      }
    }
    const steps = stepsFor(this.draft);
    const next = this.returnToSummary ? 'summary' : steps[steps.indexOf(this.step) + 1];
    if (next === 'summary') this.returnToSummary = false;
    if (next) await this.go(next);
  }

  private onEnter(event: Event): void {
    event.stopPropagation();
    if (this.step !== 'summary') void this.goNext();
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    if (this.step === 'summary') void this.send();
    else void this.goNext();
  }

  private onDraftChange(event: CustomEvent<DraftPatch>): void {
    this.patch(event.detail);
  }

  /** Applies a change and drops the messages of the fields it touched. */
  private patch(patch: DraftPatch): void {
    this.draft = { ...this.draft, ...patch };
    this.errors = Object.fromEntries(Object.entries(this.errors).filter(([field]) => !(field in patch)));
  }

  // --- sending ---

  private async send(): Promise<void> {
    if (this.sending) return;
    const { m } = this.i18n;

    const errors = validateDraft(this.draft, m);
    if (Object.keys(errors).length > 0) {
      await this.showProblem(m.errors.summary, errors);
      return;
    }

    this.sending = true;
    try {
      const result = await submitReport(toFormData(this.draft));
      if ('receipt' in result) {
        this.finished = true;
        forgetDraft();
        const detail = { receipt: result.receipt, receiptWords: result.receiptWords };
        this.dispatchEvent(new CustomEvent<ReportSentDetail>('report-sent', { detail }));
        return;
      }
      const refused = screenshotErrors(result.error.fields, sentScreenshots(this.draft));
      if (refused.size > 0) {
        // Straight to the pictures: the refused ones are marked by name, the rest of the answers stay,
        // and after "Haal weg" the way on ("Klaar") leads back to the summary to send again.
        this.fileErrors = refused;
        this.returnToSummary = true;
        await this.go('screenshots');
        const names = [...refused.keys()].map((file) => isolateName(file.name)).join(', ');
        await this.showProblem(format(m.screenshots.refused, { names }), toFieldErrors(result.error.fields));
        return;
      }
      const errors = toFieldErrors(result.error.fields);
      // A refused answer (an address the server cannot mail): to its screen, the first in the flow when
      // more are, with the message beside it and what was typed kept; "Klaar" leads back to the summary.
      // On the summary a phone showed the message fourteen rows below the alert that pointed to it.
      const wrong = stepsFor(this.draft).find((step) => step !== 'summary' && Object.keys(errors).some((field) => STEP_OF_FIELD[field as ReportField] === step));
      if (wrong) {
        this.returnToSummary = true;
        await this.go(wrong);
      }
      await this.showProblem(result.error.message, errors);
    } catch {
      // Offline, or an answer that is not ours (a proxy page): the draft is untouched.
      await this.showProblem(m.errors.network, {});
    } finally {
      this.sending = false;
    }
  }

  private async showProblem(message: string, errors: FieldErrors): Promise<void> {
    this.alert = message;
    this.errors = errors;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.alert')?.focus();
  }
}

customElements.define('report-form', ReportForm);

declare global {
  interface HTMLElementTagNameMap {
    'report-form': ReportForm;
  }
  interface HTMLElementEventMap {
    'report-sent': CustomEvent<ReportSentDetail>;
  }
}
