import { LitElement, html, nothing, type SVGTemplateResult } from 'lit';
import { I18nController } from '../../i18n/index';
import { sharedStyles } from '../../styles/shared';
import { choiceGroupStyles } from './choice-group.styles';

export interface ChoiceOption {
  value: string;
  label: string;
  pictogram?: SVGTemplateResult | undefined;
}

export interface ChoiceChangeDetail {
  values: string[];
}

/**
 * One question with fixed answers: radio buttons, or checkboxes when `multiple`. With a pictogram
 * per answer they become big tiles. `hideLegend` keeps the legend for screen readers only (the
 * screen's heading already shows the question). Enter on an answer fires `choice-enter`: the
 * guided form moves on, as a keyboard user expects.
 */
export class ChoiceGroup extends LitElement {
  static override properties = {
    legend: {},
    hint: {},
    error: {},
    multiple: { type: Boolean },
    required: { type: Boolean },
    hideLegend: { type: Boolean, attribute: 'hide-legend' },
    options: { attribute: false },
    selected: { attribute: false },
  };

  static override styles = [sharedStyles, choiceGroupStyles];

  declare legend: string;
  declare hint: string;
  declare error: string;
  declare multiple: boolean;
  declare required: boolean;
  declare hideLegend: boolean;
  declare options: readonly ChoiceOption[];
  declare selected: readonly string[];

  private readonly i18n = new I18nController(this);

  constructor() {
    super();
    this.legend = '';
    this.hint = '';
    this.error = '';
    this.multiple = false;
    this.required = false;
    this.hideLegend = false;
    this.options = [];
    this.selected = [];
  }

  override render() {
    const { m } = this.i18n;
    const hint = this.hint || (this.multiple && this.options.length > 1 ? m.pickMore : '');
    const describedBy = [hint && 'hint', this.error && 'error'].filter(Boolean).join(' ');
    return html`
      <fieldset aria-describedby=${describedBy || nothing}>
        <legend class=${this.hideLegend ? 'sr-only' : ''}>
          ${this.legend}${this.required ? html`<span class="required">${m.required}</span>` : nothing}
        </legend>
        ${hint ? html`<p class="hint" id="hint">${hint}</p>` : nothing}
        <div class="options ${this.options.some((option) => option.pictogram) ? 'tiles' : ''}">
          ${this.options.map(
            (option) => html`
              <label class="option">
                <input
                  type=${this.multiple ? 'checkbox' : 'radio'}
                  name="choice"
                  .value=${option.value}
                  .checked=${this.selected.includes(option.value)}
                  ?required=${this.required && !this.multiple}
                  aria-invalid=${this.error ? 'true' : nothing}
                  @change=${this.onChange}
                  @keydown=${this.onKeydown}
                />
                ${option.pictogram
                  ? html`<svg class="pictogram" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                      ${option.pictogram}
                    </svg>`
                  : nothing}
                <span>${option.label}</span>
              </label>
            `,
          )}
        </div>
        ${this.error ? html`<p class="error" id="error">${this.error}</p>` : nothing}
      </fieldset>
    `;
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || event.isComposing) return;
    event.preventDefault();
    this.dispatchEvent(new CustomEvent('choice-enter', { bubbles: true, composed: true }));
  }

  private onChange(): void {
    const values = [...this.renderRoot.querySelectorAll('input')]
      .filter((input) => input.checked)
      .map((input) => input.value);
    this.dispatchEvent(new CustomEvent<ChoiceChangeDetail>('choice-change', { detail: { values } }));
  }
}

customElements.define('choice-group', ChoiceGroup);

declare global {
  interface HTMLElementTagNameMap {
    'choice-group': ChoiceGroup;
  }
  interface HTMLElementEventMap {
    'choice-change': CustomEvent<ChoiceChangeDetail>;
    'choice-enter': CustomEvent<undefined>;
  }
}
