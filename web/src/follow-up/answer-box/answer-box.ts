import { html, nothing } from 'lit';
import { MAX_MESSAGE_LENGTH } from '../../../../server/shared/limits';
import type { ErrorBody } from '../../../../server/shared/errors';
import '../../components/screenshot-picker/screenshot-picker';
import type { TextChangeDetail } from '../../components/text-field/text-field';
import '../../components/text-field/text-field';
import { DEFAULT_LANGUAGE } from '../../../../server/shared/languages';
import { I18nController, currentLanguage } from '../../i18n/index';
import { newSubmissionKey, screenshotErrors, type DraftPatch } from '../../report/draft';
import { sharedStyles } from '../../styles/shared';
import { BusyForm } from '../busy-form';
import { answerBoxStyles } from './answer-box.styles';

/** One answer to the school; `submission` is the same on every try of it (sent again, it is stored once). */
export interface Answer {
  text: string;
  screenshots: readonly File[];
  submission: string;
}

/** Sends an answer; resolves with the server's error, or null once it is stored. */
export type SendAnswer = (answer: Answer) => Promise<ErrorBody | null>;

type Problem = { kind: 'empty' | 'network' } | { kind: 'server'; error: ErrorBody['error'] };

/** The reporter writes back to the school: text, screenshots, or both. */
export class AnswerBox extends BusyForm<Problem> {
  static override properties = {
    send: { attribute: false },
    text: { state: true },
    files: { state: true },
    sent: { state: true },
  };

  static override styles = [sharedStyles, answerBoxStyles];

  declare send: SendAnswer;
  declare text: string;
  declare files: readonly File[];
  /** The last answer went through; cleared when the reporter starts on the next one. */
  declare sent: boolean;

  private readonly i18n = new I18nController(this);
  /**
   * Kept while the reporter tries one answer again (its 201 may have been lost on the way: the server then
   * stores it once), and drawn anew once it is stored.
   */
  private submission = newSubmissionKey();

  constructor() {
    super();
    this.send = async () => null;
    this.text = '';
    this.files = [];
    this.sent = false;
  }

  override render() {
    const { m } = this.i18n;
    const fields = this.problem?.kind === 'server' ? this.problem.error.fields : {};
    return html`
      <form novalidate @submit=${this.onSubmit}>
        ${currentLanguage() === DEFAULT_LANGUAGE ? nothing : html`<p class="school-language">${m.followUp.schoolLanguage}</p>`}
        <text-field
          multiline
          label=${m.followUp.answerLabel}
          hint=${m.followUp.answerHint}
          .value=${this.text}
          .maxlength=${MAX_MESSAGE_LENGTH}
          error=${fields.text ?? ''}
          @text-change=${this.onText}
        ></text-field>
        <screenshot-picker
          .files=${this.files}
          .fileErrors=${screenshotErrors(fields, this.files)}
          error=${fields.screenshots ?? ''}
          @draft-change=${this.onFiles}
        ></screenshot-picker>
        ${this.problem
          ? html`<p class="problem error" id="problem" role="alert" tabindex="-1">${this.problemText(this.problem)}</p>`
          : nothing}
        <div class="actions">
          <button type="submit" class="primary" ?disabled=${this.busy}>
            ${this.busy ? m.followUp.sending : m.followUp.send}
          </button>
          <p class="sent" role="status">${this.sent ? m.followUp.sent : ''}</p>
        </div>
      </form>
    `;
  }

  private problemText(problem: Problem): string {
    const { m } = this.i18n;
    if (problem.kind === 'server') return problem.error.message;
    return { empty: m.followUp.answerEmpty, network: m.followUp.answerNetwork }[problem.kind];
  }

  private onText(event: CustomEvent<TextChangeDetail>): void {
    this.text = event.detail.value;
    this.problem = undefined;
    this.sent = false;
  }

  /** The picker reports its list the way it does inside the report form. */
  private onFiles(event: CustomEvent<DraftPatch>): void {
    this.files = event.detail.screenshots ?? this.files;
    this.problem = undefined;
    this.sent = false;
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const text = this.text.trim();
    if (text === '' && this.files.length === 0) return this.show({ kind: 'empty' });

    this.sent = false;
    // Offline: what was typed and picked stays.
    await this.whileBusy(async () => {
      const error = await this.send({ text, screenshots: this.files, submission: this.submission });
      if (error) {
        await this.show({ kind: 'server', error: error.error });
        return;
      }
      this.submission = newSubmissionKey();
      this.text = '';
      this.files = [];
      this.problem = undefined;
      this.sent = true;
    }, { kind: 'network' });
  }
}

customElements.define('answer-box', AnswerBox);

declare global {
  interface HTMLElementTagNameMap {
    'answer-box': AnswerBox;
  }
}
