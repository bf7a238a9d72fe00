import { KIND_LABELS, labelsOf } from '../server/shared/labels.js';
import { html, mailLayout, NO_CHILD_DETAILS, type RenderedMail } from './html.js';
import { oneLine, quoted } from './plain-text.js';

export interface NewReportMailData {
  schoolName: string;
  /** The reporter said they (or the child) are in danger now or afraid to go to school. */
  urgent?: boolean | undefined;
  kinds: readonly string[];
  receivedAt: string;
  looksLikePesten: boolean;
  caseUrl: string;
  /** Only for schools that opted in to a fuller mail; absent by default. */
  content?: { description: string; target?: string | undefined; perpetrators?: string | undefined } | undefined;
}

export function renderNewReportMail(data: NewReportMailData): RenderedMail {
  // The staff pages' words, in lower case: in the mail they follow "Soort:".
  const kinds = labelsOf(KIND_LABELS, data.kinds).toLowerCase();
  const indication = data.looksLikePesten ? 'ja, volgens de antwoorden' : 'nog niet duidelijk of plagen';
  const subject = `${data.urgent ? 'DRINGEND: ' : ''}Nieuwe melding voor ${data.schoolName}`;
  const urgentLine = data.urgent
    ? 'DRINGEND: de melder zegt nu in gevaar te zijn of bang om naar school te gaan. Kijk vandaag nog.'
    : undefined;
  const privacyLine = data.content
    ? 'Deze school heeft gekozen voor mails met de inhoud van de melding.'
    : NO_CHILD_DETAILS;
  const contentLines = data.content
    ? [
        '',
        'Wat er gebeurd is (in de woorden van de melder):',
        quoted(data.content.description),
        ...(data.content.target ? [`Bij wie: ${oneLine(data.content.target)}`] : []),
        ...(data.content.perpetrators ? [`Door wie: ${oneLine(data.content.perpetrators)}`] : []),
      ]
    : [];
  const text = [
    `Er is een nieuwe melding binnengekomen bij klikvrij voor ${data.schoolName}.`,
    ...(urgentLine ? ['', urgentLine] : []),
    '',
    `Soort: ${kinds}`,
    `Ontvangen: ${data.receivedAt}`,
    `Lijkt op pesten: ${indication}`,
    ...contentLines,
    '',
    `Open de melding in het portaal: ${data.caseUrl}`,
    '',
    privacyLine,
  ].join('\n');
  const contentHtml = data.content
    ? html`<h2>Wat er gebeurd is (in de woorden van de melder)</h2>
<blockquote style="white-space: pre-wrap; margin: 0 0 1em; padding-left: 1em; border-left: 3px solid #9aa5ad">${data.content.description}</blockquote>
${data.content.target ? html`<p>Bij wie: ${oneLine(data.content.target)}</p>` : ''}
${data.content.perpetrators ? html`<p>Door wie: ${oneLine(data.content.perpetrators)}</p>` : ''}`
    : html``;
  const body = html`<p>Er is een nieuwe melding binnengekomen bij klikvrij voor <strong>${data.schoolName}</strong>.</p>
${urgentLine ? html`<p><strong>${urgentLine}</strong></p>` : ''}
<ul>
<li>Soort: ${kinds}</li>
<li>Ontvangen: ${data.receivedAt}</li>
<li>Lijkt op pesten: ${indication}</li>
</ul>
${contentHtml}
<p><a href="${data.caseUrl}">Open de melding in het portaal</a></p>
<p>${privacyLine}</p>`;
  return { subject, text, html: mailLayout(subject, body), urgent: Boolean(data.urgent) };
}
