import { html, mailLayout, NO_CHILD_DETAILS, type RenderedMail } from './html.js';

// Mails between colleagues about a case. Like every staff mail they carry no names, text or
// screenshots of children: only what happened in the protocol, who did it, and a link.

/** A mail of a few sentences about a case, its link and the line that it holds no child's details. */
function caseMail(subject: string, sentences: readonly string[], caseUrl: string): RenderedMail {
  const text = [...sentences, '', `Open de melding in het portaal: ${caseUrl}`, '', NO_CHILD_DETAILS].join('\n');
  const body = html`${sentences.map((sentence) => html`<p>${sentence}</p>`)}
<p><a href="${caseUrl}">Open de melding in het portaal</a></p>
<p>${NO_CHILD_DETAILS}</p>`;
  return { subject, text, html: mailLayout(subject, body) };
}

export interface CaseUpdateMailData {
  schoolName: string;
  caseUrl: string;
  reportId: number;
  /** One sentence saying what happened, e.g. "De melding is op stap 3a gezet". */
  event: string;
  /** Why this person gets the mail, from the protocol. */
  reason: string;
  actorName: string;
}

export function renderCaseUpdateMail(data: CaseUpdateMailData): RenderedMail {
  const subject = `Melding ${data.reportId} (${data.schoolName}): ${data.event}`;
  const lines = [
    `${data.event}. Dit is gedaan door ${data.actorName}.`,
    data.reason,
    `Open de melding in het portaal: ${data.caseUrl}`,
  ];
  const text = [...lines, '', NO_CHILD_DETAILS].join('\n');
  const body = html`<p>${data.event}. Dit is gedaan door ${data.actorName}.</p>
<p>${data.reason}</p>
<p><a href="${data.caseUrl}">Open de melding in het portaal</a></p>
<p>${NO_CHILD_DETAILS}</p>`;
  return { subject, text, html: mailLayout(subject, body) };
}

export interface ReminderMailData {
  schoolName: string;
  caseUrl: string;
  reportId: number;
  schoolDays: number;
}

export function renderReminderMail(data: ReminderMailData): RenderedMail {
  const subject = `Herinnering: melding ${data.reportId} (${data.schoolName}) is nog niet geopend`;
  const sentence = `Een melding voor ${data.schoolName} is na ${data.schoolDays} schooldagen nog door niemand geopend.`;
  return caseMail(subject, [sentence], data.caseUrl);
}

export interface RetentionWarningMailData {
  schoolName: string;
  caseUrl: string;
  reportId: number;
  /** The day the content goes, as staff read it ("14 maart 2026"). */
  deleteOn: string;
}

/** A closed case's content is deleted soon: what to keep for the file must be written down now. */
export function renderRetentionWarningMail(data: RetentionWarningMailData): RenderedMail {
  const subject = `Melding ${data.reportId} (${data.schoolName}) wordt op ${data.deleteOn} gewist`;
  const sentences = [
    `De bewaartermijn van deze afgesloten melding is bijna voorbij. Op ${data.deleteOn} wist het portaal wat erin staat; alleen de tellingen blijven.`,
    'Moet er iets in het leerlingdossier? Zet het daar vóór die dag in.',
  ];
  return caseMail(subject, sentences, data.caseUrl);
}

export interface FollowUpMailData {
  schoolName: string;
  caseUrl: string;
  reportId: number;
}

/** The day staff chose to look back at a case has come: the case number and a link, no child's details. */
export function renderFollowUpMail(data: FollowUpMailData): RenderedMail {
  const subject = `Vandaag terugkijken: melding ${data.reportId} (${data.schoolName})`;
  const sentences = [
    'Voor vandaag staat bij deze melding: terugkijken.',
    'Is het pesten gestopt? Of komt het terug? Dan volgt volgens het protocol stap 4: een MT-lid inlichten. Leg vast wat je ziet bij de melding.',
  ];
  return caseMail(subject, sentences, data.caseUrl);
}
