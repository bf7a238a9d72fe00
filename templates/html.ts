// A tiny auto-escaping HTML builder: every interpolated value is escaped unless it is itself
// SafeHtml made by this tag, so no template can forget to escape a child's words.
import { DEFAULT_LANGUAGE, directionOf, type Language } from '../server/shared/languages.js';
import { SERVER_MESSAGES } from '../server/shared/server-messages.js';

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

type Interpolation = SafeHtml | string | number | readonly SafeHtml[];

function render(value: Interpolation): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  return new SafeHtml(strings.reduce((out, part, index) => out + render(values[index - 1] ?? '') + part));
}

/** The shared frame of every klikvrij mail; staff mails are Dutch, a reporter's in their language. */
export function mailLayout(title: string, body: SafeHtml, language: Language = DEFAULT_LANGUAGE): string {
  return html`<!doctype html>
<html lang="${language}" dir="${directionOf(language)}">
<head><meta charset="utf-8"><title>${title}</title></head>
<body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1d2a33;">
${body}
<p style="color: #5b6770; font-size: 0.9em;">${SERVER_MESSAGES[language].mail.footer}</p>
</body>
</html>`.value;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  /** A report of a child in danger now: its mail leaves before the rest of a backlog. */
  urgent?: boolean;
}

/** The promise every staff mail keeps by default. */
export const NO_CHILD_DETAILS = 'Er staan geen namen of details van kinderen in deze mail. Die lees je na het inloggen.';
