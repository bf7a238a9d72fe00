import { html, mailLayout, type RenderedMail } from './html.js';

// Tells the school that the board gave someone access to its cases: a new contact, or a contact's
// new address or new roles. A board admin never reads a case, but one who could quietly add an
// address of their own to the table could; this mail makes such a change seen by the school itself.
// Colleagues' names and addresses only: nothing of any case or child.

export interface ContactTableChangedMailData {
  schoolName: string;
  /** The board admin who made the change. */
  actorName: string;
  /** "Sanne Vos <sanne.vos@school.nl> toegevoegd als Anti-pestcoördinator". */
  change: string;
  portalUrl: string;
}

export function renderContactTableChangedMail(data: ContactTableChangedMailData): RenderedMail {
  const subject = `Wijziging in de contacttabel van ${data.schoolName}`;
  const event = `${data.actorName} (bestuur) heeft in de contacttabel van ${data.schoolName} het volgende gewijzigd: ${data.change}.`;
  const why = 'Wie in de contacttabel staat, kan in het portaal meldingen van de school openen.';
  const warning = 'Klopt dit niet? Vraag het bestuur om het terug te zetten. In het portaal staat de wijziging in het logboek.';
  const text = [event, '', why, warning, '', `Naar het portaal: ${data.portalUrl}`].join('\n');
  const body = html`<p>${event}</p>
<p>${why}</p>
<p>${warning}</p>
<p><a href="${data.portalUrl}">Naar het portaal</a></p>`;
  return { subject, text, html: mailLayout(subject, body) };
}
