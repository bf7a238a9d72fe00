import { LitElement, html, nothing, type SVGTemplateResult, type TemplateResult } from 'lit';
import { submitReport } from '../../api';
import { I18nController } from '../../i18n/index';
import {
  descriptionLimit,
  emptyDraft,
  showsOnline,
  showsSignals,
  showsTarget,
  toFieldErrors,
  toFormData,
  validateDraft,
  type DraftPatch,
  type FieldErrors,
  type ReportDraft,
} from '../../report/draft';
import {
  ANSWERS,
  FREQUENCIES,
  KINDS,
  PLACES,
  PLATFORMS,
  QUESTIONS,
  RECIPIENTS,
  ROLES,
  SIGNALS,
  pick,
  type Question,
} from '../../report/options';
import { KIND_PICTOGRAMS, PLACE_PICTOGRAMS } from '../../report/pictograms';
import { sharedStyles } from '../../styles/shared';
import type { ChoiceChangeDetail, ChoiceOption } from '../choice-group/choice-group';
import '../choice-group/choice-group';
import '../identity-fields/identity-fields';
import '../names-fields/names-fields';
import '../screenshot-picker/screenshot-picker';
import type { TextChangeDetail } from '../text-field/text-field';
import '../text-field/text-field';
import { reportFormStyles } from './report-form.styles';

export interface ReportSentDetail {
  receipt: string;
}

type ChoiceEvent = CustomEvent<ChoiceChangeDetail>;

function choices<T extends string>(
  values: readonly T[],
  labels: Record<T, string>,
  pictograms?: Record<T, SVGTemplateResult>,
): ChoiceOption[] {
  return values.map((value) => ({ value, label: labels[value], pictogram: pictograms?.[value] }));
}

/**
 * The report as a sequence of small steps (each a fieldset, later one screen of a stepper).
 * Holds the draft, checks it, sends it, and shows what the server or the network said.
 */
export class ReportForm extends LitElement {
  static override properties = {
    draft: { state: true },
    errors: { state: true },
    alert: { state: true },
    sending: { state: true },
  };

  static override styles = [sharedStyles, reportFormStyles];

  declare draft: ReportDraft;
  declare errors: FieldErrors;
  /** The message at the top: what went wrong as a whole. */
  declare alert: string;
  declare sending: boolean;

  private readonly i18n = new I18nController(this);

  constructor() {
    super();
    this.draft = emptyDraft();
    this.errors = {};
    this.alert = '';
    this.sending = false;
  }

  override render() {
    const { m } = this.i18n;
    const { draft, errors } = this;
    return html`
      <form novalidate @submit=${this.onSubmit} @draft-change=${this.onDraftChange}>
        <div class="alert" role="alert" tabindex="-1">${this.alert}</div>

        ${this.step(html`<choice-group
          legend=${m.role.legend}
          required
          .options=${choices(ROLES, m.role.options)}
          .selected=${draft.role ? [draft.role] : []}
          error=${errors.role ?? ''}
          @choice-change=${(event: ChoiceEvent) => this.patch({ role: pick(ROLES, event.detail.values)[0] })}
        ></choice-group>`)}
        ${showsSignals(draft)
          ? this.step(html`<choice-group
              legend=${m.signals.legend}
              hint=${m.signals.hint}
              multiple
              .options=${choices(SIGNALS, m.signals.options)}
              .selected=${draft.signals}
              @choice-change=${(event: ChoiceEvent) => this.patch({ signals: pick(SIGNALS, event.detail.values) })}
            ></choice-group>`)
          : nothing}
        ${this.step(html`<choice-group
          legend=${m.kinds.legend}
          multiple
          .options=${choices(KINDS, m.kinds.options, KIND_PICTOGRAMS)}
          .selected=${draft.kinds}
          error=${errors.kinds ?? ''}
          @choice-change=${(event: ChoiceEvent) => this.patch({ kinds: pick(KINDS, event.detail.values) })}
        ></choice-group>`)}
        ${this.step(html`<text-field
          label=${m.description.label}
          hint=${m.description.hint}
          multiline
          required
          .maxlength=${descriptionLimit(draft)}
          .value=${draft.description}
          error=${errors.description ?? ''}
          @text-change=${(event: CustomEvent<TextChangeDetail>) => this.patch({ description: event.detail.value })}
        ></text-field>`)}
        ${this.step(html`<choice-group
          legend=${m.places.legend}
          multiple
          .options=${choices(PLACES, m.places.options, PLACE_PICTOGRAMS)}
          .selected=${draft.places}
          error=${errors.places ?? ''}
          @choice-change=${(event: ChoiceEvent) => this.patch({ places: pick(PLACES, event.detail.values) })}
        ></choice-group>`)}
        ${this.step(html`<choice-group
          legend=${m.frequency.legend}
          .options=${choices(FREQUENCIES, m.frequency.options)}
          .selected=${draft.frequency ? [draft.frequency] : []}
          error=${errors.frequency ?? ''}
          @choice-change=${(event: ChoiceEvent) => this.patch({ frequency: pick(FREQUENCIES, event.detail.values)[0] })}
        ></choice-group>`)}
        ${QUESTIONS.map((question) => this.step(this.renderQuestion(question)))}
        ${this.step(html`<names-fields
          ?showTarget=${showsTarget(draft)}
          .target=${draft.target}
          .perpetrators=${draft.perpetrators}
          .errors=${errors}
        ></names-fields>`)}
        ${showsOnline(draft)
          ? this.step(html`<choice-group
                legend=${m.platforms.legend}
                multiple
                .options=${choices(PLATFORMS, m.platforms.options)}
                .selected=${draft.platforms}
                error=${errors.platforms ?? ''}
                @choice-change=${(event: ChoiceEvent) => this.patch({ platforms: pick(PLATFORMS, event.detail.values) })}
              ></choice-group>
              <screenshot-picker .files=${draft.screenshots} error=${errors.screenshots ?? ''}></screenshot-picker>`)
          : nothing}
        ${this.step(html`<identity-fields
          ?anonymous=${draft.anonymous}
          .name=${draft.name}
          .group=${draft.group}
          .email=${draft.email}
          .errors=${errors}
        ></identity-fields>`)}
        ${this.step(html`<choice-group
          legend=${m.recipients.legend}
          hint=${m.recipients.hint}
          .options=${choices(RECIPIENTS, m.recipients.options)}
          .selected=${[draft.recipients]}
          error=${errors.recipients ?? ''}
          @choice-change=${(event: ChoiceEvent) =>
            this.patch({ recipients: pick(RECIPIENTS, event.detail.values)[0] ?? 'default' })}
        ></choice-group>`)}

        <div class="send">
          <button type="submit" class="primary" ?disabled=${this.sending} aria-busy=${this.sending ? 'true' : 'false'}>
            ${this.sending ? m.send.sending : m.send.button}
          </button>
        </div>
      </form>
    `;
  }

  private step(content: TemplateResult): TemplateResult {
    return html`<div class="step">${content}</div>`;
  }

  private renderQuestion(question: Question): TemplateResult {
    const { m } = this.i18n;
    const text = m.questions[question];
    const answer = this.draft.answers[question];
    return html`<choice-group
      legend=${this.draft.role === 'self' ? text.legendSelf : text.legend}
      hint=${text.hint}
      .options=${choices(ANSWERS, { yes: text.yes, no: text.no, unknown: m.questions.unknown })}
      .selected=${answer ? [answer] : []}
      error=${this.errors[question] ?? ''}
      @choice-change=${(event: ChoiceEvent) =>
        this.patch({ answers: { ...this.draft.answers, [question]: pick(ANSWERS, event.detail.values)[0] } })}
    ></choice-group>`;
  }

  private onDraftChange(event: CustomEvent<DraftPatch>): void {
    this.patch(event.detail);
  }

  /** Applies a change and drops the messages of the fields it touched. */
  private patch(patch: DraftPatch): void {
    this.draft = { ...this.draft, ...patch };
    this.errors = Object.fromEntries(Object.entries(this.errors).filter(([field]) => !(field in patch)));
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
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
        this.dispatchEvent(
          new CustomEvent<ReportSentDetail>('report-sent', { detail: { receipt: result.receipt } }),
        );
        return;
      }
      await this.showProblem(result.error.message, toFieldErrors(result.error.fields));
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
