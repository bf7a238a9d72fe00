import { html, mailLayout, type RenderedMail } from './html.js';

// The July mail: is the contact table right for next school year? Only school names and a link:
// no names of colleagues and nothing of any case or child.

export interface SchoolYearMailData {
  /** "2026-2027". */
  schoolYear: string;
  /** The schools whose table is to be confirmed (one for a directeur, the board's unconfirmed ones for an admin). */
  schoolNames: readonly string[];
  /** Where to confirm or change it: the staff portal's school-year page, or /beheer. */
  portalUrl: string;
  /** A directeur confirms, the board changes the table; an admin does both. */
  forBoard: boolean;
}

export function renderSchoolYearMail(data: SchoolYearMailData): RenderedMail {
  const first = data.schoolYear.slice(0, 4);
  const subject = `Klopt de contacttabel voor schooljaar ${data.schoolYear}?`;
  const sentences = [
    `Op 1 augustus ${first} begint schooljaar ${data.schoolYear}. Kijk of de contactpersonen en hun rollen dan nog kloppen.`,
    `Het gaat om: ${data.schoolNames.join(', ')}.`,
    data.forBoard
      ? 'Klopt het? Bevestig de tabel in het beheer. Klopt het niet? Wijzig de tabel daar eerst.'
      : 'Klopt het? Bevestig de tabel in het portaal. Klopt het niet? Vraag het bestuur om de tabel te wijzigen.',
    'Wie niets doet, houdt de tabel van nu. Het portaal blijft werken, met een waarschuwing.',
  ];
  const text = [...sentences, '', `Naar het portaal: ${data.portalUrl}`].join('\n');
  const body = html`${sentences.map((sentence) => html`<p>${sentence}</p>`)}
<p><a href="${data.portalUrl}">Naar het portaal</a></p>`;
  return { subject, text, html: mailLayout(subject, body) };
}
