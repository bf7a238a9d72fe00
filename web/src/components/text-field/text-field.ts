import { LitElement, html, nothing, type SVGTemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { I18nController } from '../../i18n/index';
import { sharedStyles } from '../../styles/shared';
import { textFieldStyles } from './text-field.styles';
import { format } from '../../i18n/format';

/** The share of `maxlength` from which a text area says how many letters are left: a child does not need a count before. */
export const COUNTER_FROM = 0.8;

export function showsCounter(length: number, maxlength: number): boolean {
  return length >= maxlength * COUNTER_FROM;
}

export interface TextChangeDetail {
  value: string;
}

/**
 * A labelled text box; `multiline` makes it a text area with a counter near the limit. Enter in a
 * one-line box fires `text-enter` (bubbling out of shadow roots): the guided form moves on.
 */
export class TextField extends LitElement {
  /** `focus()` on the element focuses the box itself. */
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  static override properties = {
    label: {},
    hint: {},
    error: {},
    value: {},
    type: {},
    autocomplete: {},
    maxlength: { type: Number },
    multiline: { type: Boolean },
    required: { type: Boolean },
    hideLabel: { type: Boolean, attribute: 'hide-label' },
    pictogram: { attribute: false },
  };

  static override styles = [sharedStyles, textFieldStyles];

  declare label: string;
  /** Drawn in front of the label: a child who cannot read yet sees what the box is for. */
  declare pictogram: SVGTemplateResult | undefined;
  declare hint: string;
  declare error: string;
  declare value: string;
  declare type: 'text' | 'email';
  declare autocomplete: string;
  declare maxlength: number;
  declare multiline: boolean;
  declare required: boolean;
  /** The label stays for screen readers only: the screen's heading already asks the question. */
  declare hideLabel: boolean;

  private readonly i18n = new I18nController(this);

  constructor() {
    super();
    this.label = '';
    this.pictogram = undefined;
    this.hint = '';
    this.error = '';
    this.value = '';
    this.type = 'text';
    this.autocomplete = 'off';
    this.maxlength = 200;
    this.multiline = false;
    this.required = false;
    this.hideLabel = false;
  }

  override render() {
    const { m } = this.i18n;
    const counting = this.multiline && showsCounter(this.value.length, this.maxlength);
    const describedBy =
      [this.hint && 'hint', counting && 'counter', this.error && 'error'].filter(Boolean).join(' ') || nothing;
    const invalid = this.error ? 'true' : nothing;
    return html`
      <label class="label ${this.hideLabel ? 'sr-only' : ''}" for="field">
        ${this.pictogram
          ? html`<svg class="label-pictogram" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${this.pictogram}</svg>`
          : nothing}${this.label}${this.required ? html`<span class="required">${m.required}</span>` : nothing}
      </label>
      ${this.hint ? html`<p class="hint" id="hint">${this.hint}</p>` : nothing}
      ${this.multiline
        ? html`<textarea
              id="field"
              rows="6"
              maxlength=${this.maxlength}
              ?required=${this.required}
              aria-describedby=${describedBy}
              aria-invalid=${invalid}
              .value=${live(this.value)}
              @input=${this.onInput}
            ></textarea>
            ${counting
              ? html`<p class="counter" id="counter" aria-live="polite">
                  ${format(m.counter, { left: this.maxlength - this.value.length })}
                </p>`
              : nothing}`
        : html`<input
            id="field"
            type=${this.type}
            dir=${this.type === 'email' ? 'ltr' : 'auto'}
            maxlength=${this.maxlength}
            autocomplete=${this.autocomplete}
            ?required=${this.required}
            aria-describedby=${describedBy}
            aria-invalid=${invalid}
            .value=${live(this.value)}
            @input=${this.onInput}
            @keydown=${this.onKeydown}
          />`}
      ${this.error ? html`<p class="error" id="error">${this.error}</p>` : nothing}
    `;
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || event.isComposing) return;
    event.preventDefault();
    this.dispatchEvent(new CustomEvent('text-enter', { bubbles: true, composed: true }));
  }

  private onInput(event: InputEvent): void {
    const { value } = event.target as HTMLInputElement | HTMLTextAreaElement;
    this.dispatchEvent(new CustomEvent<TextChangeDetail>('text-change', { detail: { value } }));
  }
}

customElements.define('text-field', TextField);

declare global {
  interface HTMLElementTagNameMap {
    'text-field': TextField;
  }
  interface HTMLElementEventMap {
    'text-change': CustomEvent<TextChangeDetail>;
    'text-enter': CustomEvent<undefined>;
  }
}
