import type { Language } from '../server/shared/languages.js';
import { SERVER_MESSAGES } from '../server/shared/server-messages.js';
import { formatMessage } from '../server/shared/format-message.js';
import { html, mailLayout, type RenderedMail } from './html.js';

export interface ReporterNoticeMailData {
  schoolName: string;
  followUpUrl: string;
  /** The language of the reporter's form. */
  language: Language;
}

/**
 * For a named reporter who asked for it: only that there is an answer. What the school wrote
 * stays behind the receipt code, so a shared or read-along mailbox learns nothing.
 */
export function renderReporterNoticeMail(data: ReporterNoticeMailData): RenderedMail {
  const words = SERVER_MESSAGES[data.language].mail.reporterNotice;
  const values = { school: data.schoolName, url: data.followUpUrl };
  const subject = formatMessage(words.subject, values);
  const wrote = formatMessage(words.wrote, values);
  const [before = '', after = ''] = words.readAt.split('{url}');
  const text = [wrote, '', formatMessage(words.readAt, values), '', words.why].join('\n');
  const body = html`<p>${wrote}</p>
<p>${before}<a href="${data.followUpUrl}">${data.followUpUrl}</a>${after}</p>
<p>${words.why}</p>`;
  return { subject, text, html: mailLayout(subject, body, data.language) };
}
