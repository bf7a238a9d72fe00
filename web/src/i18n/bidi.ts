// Phone numbers, e-mail addresses, web addresses and receipt codes read left to right in every
// language: inside Arabic text each one is isolated in a <bdi dir="ltr">, so "0800-0432" never turns
// around, "naam@school.nl" never pulls the words beside it along, and the example code
// "kat-boom-vis-roos-melk-bal" keeps its words in order. Used wherever catalog text may hold one.
import { html, type TemplateResult } from 'lit';

const LEFT_TO_RIGHT =
  /([\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?:\/\/[^\s]+?(?=[.,!?]?(?:\s|$))|www\.[\w-]+(?:\.[\w-]+)+|[a-z]+(?:-[a-z]+){2,}|\d[\d\s-]*\d|\d)/;

export function isolateNumbers(text: string): TemplateResult {
  const parts = text.split(LEFT_TO_RIGHT);
  return html`${parts.map((part, index) => (index % 2 === 1 ? html`<bdi dir="ltr">${part}</bdi>` : part))}`;
}
