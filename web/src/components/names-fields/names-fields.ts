import { LitElement, html, nothing } from 'lit';
import { MAX_SHORT_TEXT_LENGTH } from '../../../../server/shared/limits';
import { I18nController } from '../../i18n/index';
import { draftChange, type FieldErrors } from '../../report/draft';
import { NAMES_PICTOGRAMS } from '../../report/pictograms';
import { sharedStyles } from '../../styles/shared';
import type { TextChangeDetail } from '../text-field/text-field';
import '../text-field/text-field';
import { namesFieldsStyles } from './names-fields.styles';

/** Optional names: who is being bullied (not asked when it happens to the reporter) and who does it. */
export class NamesFields extends LitElement {
  static override properties = {
    showTarget: { type: Boolean },
    hideLegend: { type: Boolean, attribute: 'hide-legend' },
    target: {},
    perpetrators: {},
    errors: { attribute: false },
  };

  static override styles = [sharedStyles, namesFieldsStyles];

  declare showTarget: boolean;
  declare hideLegend: boolean;
  declare target: string;
  declare perpetrators: string;
  declare errors: FieldErrors;

  private readonly i18n = new I18nController(this);

  constructor() {
    super();
    this.showTarget = true;
    this.hideLegend = false;
    this.target = '';
    this.perpetrators = '';
    this.errors = {};
  }

  override render() {
    const { m } = this.i18n;
    return html`
      <fieldset aria-describedby="hint">
        <legend class=${this.hideLegend ? 'sr-only' : ''}>${m.names.legend}</legend>
        <p class="hint" id="hint">${m.names.hint}</p>
        ${this.showTarget
          ? html`<text-field
              label=${m.names.target}
              .pictogram=${NAMES_PICTOGRAMS.target}
              .value=${this.target}
              .maxlength=${MAX_SHORT_TEXT_LENGTH}
              error=${this.errors.target ?? ''}
              @text-change=${(event: CustomEvent<TextChangeDetail>) =>
                this.dispatchEvent(draftChange({ target: event.detail.value }))}
            ></text-field>`
          : nothing}
        <text-field
          label=${m.names.perpetrators}
          .pictogram=${NAMES_PICTOGRAMS.perpetrators}
          .value=${this.perpetrators}
          .maxlength=${MAX_SHORT_TEXT_LENGTH}
          error=${this.errors.perpetrators ?? ''}
          @text-change=${(event: CustomEvent<TextChangeDetail>) =>
            this.dispatchEvent(draftChange({ perpetrators: event.detail.value }))}
        ></text-field>
      </fieldset>
    `;
  }
}

customElements.define('names-fields', NamesFields);

declare global {
  interface HTMLElementTagNameMap {
    'names-fields': NamesFields;
  }
}
