// Phone numbers, e-mail addresses and web addresses read left to right in every language: inside
// Arabic text each one is isolated in a <bdi dir="ltr">, so "0800-0432" never turns around and
// "naam@school.nl" never pulls the words beside it along. Used wherever catalog text may hold one.
import { html, type TemplateResult } from 'lit';

const LEFT_TO_RIGHT = /([\w.+-]+@[\w-]+(?:\.[\w-]+)+|www\.[\w-]+(?:\.[\w-]+)+|\d[\d\s-]*\d|\d)/;

export function isolateNumbers(text: string): TemplateResult {
  const parts = text.split(LEFT_TO_RIGHT);
  return html`${parts.map((part, index) => (index % 2 === 1 ? html`<bdi dir="ltr">${part}</bdi>` : part))}`;
}
