import { html, mailLayout, type RenderedMail } from './html.js';

export interface ReporterNoticeMailData {
  schoolName: string;
  followUpUrl: string;
}

/**
 * For a named reporter who asked for it: only that there is an answer. What the school wrote
 * stays behind the receipt code, so a shared or read-along mailbox learns nothing.
 */
export function renderReporterNoticeMail(data: ReporterNoticeMailData): RenderedMail {
  const subject = `Er is een antwoord voor je van ${data.schoolName}`;
  const text = [
    `${data.schoolName} heeft je een bericht gestuurd over je melding.`,
    '',
    `Lees het op ${data.followUpUrl} met je code.`,
    '',
    'Je kreeg deze mail omdat je daarom vroeg toen je de melding maakte.',
  ].join('\n');
  const body = html`<p>${data.schoolName} heeft je een bericht gestuurd over je melding.</p>
<p>Lees het op <a href="${data.followUpUrl}">${data.followUpUrl}</a> met je code.</p>
<p>Je kreeg deze mail omdat je daarom vroeg toen je de melding maakte.</p>`;
  return { subject, text, html: mailLayout(subject, body) };
}
