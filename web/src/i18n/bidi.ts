// Phone numbers read left to right in every language: inside Arabic text each one is isolated in a
// <bdi dir="ltr">, so "0800-0432" never turns around or pulls the words beside it along.
import { html, type TemplateResult } from 'lit';

const NUMBER = /(\d[\d\s-]*\d|\d)/;

export function isolateNumbers(text: string): TemplateResult {
  const parts = text.split(NUMBER);
  return html`${parts.map((part, index) => (index % 2 === 1 ? html`<bdi dir="ltr">${part}</bdi>` : part))}`;
}
