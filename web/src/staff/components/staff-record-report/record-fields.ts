import { html } from 'lit';

/** Plain form controls for the record page: staff are adults, so ordinary fields on one page. */

export function checkboxGroup(legend: string, name: string, labels: Record<string, string>, values: readonly string[]) {
  return html`<fieldset>
    <legend>${legend}</legend>
    ${values.map((value) => html`<label class="check"><input type="checkbox" name=${name} value=${value} /> ${labels[value] ?? value}</label>`)}
  </fieldset>`;
}

export function radioGroup(legend: string, name: string, labels: Record<string, string>, values: readonly string[]) {
  return html`<fieldset>
    <legend>${legend}</legend>
    ${values.map((value) => html`<label class="check"><input type="radio" name=${name} value=${value} required /> ${labels[value] ?? value}</label>`)}
  </fieldset>`;
}

export function selectField(label: string, name: string, labels: Record<string, string>, values: readonly string[]) {
  return html`<label>
    ${label}
    <select name=${name}>
      <option value="">Weet ik niet</option>
      ${values.map((value) => html`<option value=${value}>${labels[value] ?? value}</option>`)}
    </select>
  </label>`;
}

export const YES_NO: Record<string, string> = { true: 'Ja', false: 'Nee' };
