import { LitElement, html, nothing } from 'lit';
import { detectImageFormat, IMAGE_SIGNATURE_BYTES } from '../../../../server/shared/image-format';
import { MAX_SCREENSHOT_BYTES, MAX_SCREENSHOTS } from '../../../../server/shared/limits';
import { I18nController } from '../../i18n/index';
import { draftChange } from '../../report/draft';
import { SCREENSHOT_TYPES } from '../../report/options';
import { SCREENSHOT_PICTOGRAM } from '../../report/pictograms';
import { sharedStyles } from '../../styles/shared';
import { screenshotPickerStyles } from './screenshot-picker.styles';
import { format, isolateName } from '../../i18n/format';

const MAX_MEGABYTES = MAX_SCREENSHOT_BYTES / (1024 * 1024);
const ACCEPTED_TYPES: readonly string[] = SCREENSHOT_TYPES;

/**
 * Collects up to MAX_SCREENSHOTS pictures, checking type and size in the browser with a clear
 * message (the server checks the content again). Each pick adds to the list; each can be removed.
 */
export class ScreenshotPicker extends LitElement {
  static override properties = {
    files: { attribute: false },
    fileErrors: { attribute: false },
    error: {},
    problems: { state: true },
  };

  static override styles = [sharedStyles, screenshotPickerStyles];

  declare files: readonly File[];
  /** The server's reason for each file it refused, shown beside that file's name. */
  declare fileErrors: ReadonlyMap<File, string>;
  /** A message from the server about the screenshots. */
  declare error: string;
  /** This browser's own messages about the last pick. */
  declare problems: string[];

  private readonly i18n = new I18nController(this);

  constructor() {
    super();
    this.files = [];
    this.fileErrors = new Map();
    this.error = '';
    this.problems = [];
  }

  override render() {
    const { m } = this.i18n;
    const messages = this.error ? [...this.problems, this.error] : this.problems;
    return html`
      <label class="label" for="file"
        ><svg class="label-pictogram" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${SCREENSHOT_PICTOGRAM}</svg
        >${m.screenshots.label}</label
      >
      <p class="hint" id="hint">${format(m.screenshots.hint, { max: MAX_SCREENSHOTS, megabytes: MAX_MEGABYTES })}</p>
      <!-- The browser's own file button speaks the browser's language: a second label is the button. -->
      <input
        id="file"
        class="sr-only"
        type="file"
        multiple
        accept=${SCREENSHOT_TYPES.join(',')}
        aria-describedby=${messages.length ? 'hint error' : 'hint'}
        aria-invalid=${messages.length ? 'true' : nothing}
        ?disabled=${this.files.length >= MAX_SCREENSHOTS}
        @change=${this.onPick}
      />
      <label class="pick" for="file"
        ><svg class="label-pictogram" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${SCREENSHOT_PICTOGRAM}</svg
        >${m.screenshots.pick}</label
      >
      ${messages.length
        ? html`<div class="error" id="error">${messages.map((message) => html`<p>${message}</p>`)}</div>`
        : nothing}
      ${this.files.length
        ? html`<ul>
            ${this.files.map(
              (file, index) => {
                const refused = this.fileErrors.get(file);
                return html`
                  <li class=${refused ? 'refused' : ''}>
                    <span class="name" id="file-${index}" dir="auto">${file.name}</span>
                    <button
                      type="button"
                      aria-describedby=${refused ? `file-${index} file-error-${index}` : `file-${index}`}
                      @click=${() => this.removeFile(index)}
                    >
                      ${m.screenshots.remove}
                    </button>
                    ${refused ? html`<p class="file-error" id="file-error-${index}">${refused}</p>` : nothing}
                  </li>
                `;
              },
            )}
          </ul>`
        : nothing}
    `;
  }

  private async onPick(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const picked = [...(input.files ?? [])];
    // Cleared so that picking the same file again (after removing it) fires a change.
    input.value = '';
    const { m } = this.i18n;
    const kept = [...this.files];
    const problems: string[] = [];
    for (const file of picked) {
      // The first bytes, as the server reads them: a PDF renamed .png is no picture.
      const looksLikeImage = detectImageFormat(new Uint8Array(await file.slice(0, IMAGE_SIGNATURE_BYTES).arrayBuffer())) !== null;
      if (!ACCEPTED_TYPES.includes(file.type) || !looksLikeImage) {
        problems.push(format(m.screenshots.wrongType, { name: isolateName(file.name) }));
      }
      else if (file.size > MAX_SCREENSHOT_BYTES) problems.push(format(m.screenshots.tooBig, { name: isolateName(file.name), megabytes: MAX_MEGABYTES }));
      else if (kept.length >= MAX_SCREENSHOTS) problems.push(format(m.screenshots.tooMany, { max: MAX_SCREENSHOTS }));
      else kept.push(file);
    }
    this.problems = [...new Set(problems)];
    this.dispatchEvent(draftChange({ screenshots: kept }));
  }

  private removeFile(index: number): void {
    this.problems = [];
    this.dispatchEvent(draftChange({ screenshots: this.files.filter((_, i) => i !== index) }));
  }
}

customElements.define('screenshot-picker', ScreenshotPicker);

declare global {
  interface HTMLElementTagNameMap {
    'screenshot-picker': ScreenshotPicker;
  }
}
