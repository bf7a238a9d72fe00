import { html, mailLayout, NO_CHILD_DETAILS, type RenderedMail } from './html.js';

export interface ReporterAnswerMailData {
  schoolName: string;
  caseUrl: string;
}

/** Tells staff the reporter wrote back; what they wrote stays in the portal. */
export function renderReporterAnswerMail(data: ReporterAnswerMailData): RenderedMail {
  const subject = `Nieuw bericht bij een melding voor ${data.schoolName}`;
  const text = [
    `De melder heeft een nieuw bericht gestuurd bij een melding voor ${data.schoolName}.`,
    '',
    `Lees het in het portaal: ${data.caseUrl}`,
    '',
    NO_CHILD_DETAILS,
  ].join('\n');
  const body = html`<p>De melder heeft een nieuw bericht gestuurd bij een melding voor <strong>${data.schoolName}</strong>.</p>
<p><a href="${data.caseUrl}">Lees het in het portaal</a></p>
<p>${NO_CHILD_DETAILS}</p>`;
  return { subject, text, html: mailLayout(subject, body) };
}
