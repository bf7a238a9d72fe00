import type { Contact, School } from '../schools/schools-file.js';
import { contactsWithRoles } from '../notifications/recipients.js';

/**
 * Who the protocol says must hear of what:
 * - "De anti-pestcoordinator en IB'er van de school worden altijd op de hoogte gebracht": the IB'er
 *   once a case is bullying (confirmed by staff, or by moving it to a step of stap 3a and later);
 * - stap 3a "De leerkracht stelt een MT lid op de hoogte" and stap 4 "meldt ... aan een MT lid":
 *   an MT-lid, or the directeur when the contact table lists no MT;
 * - stap 6 "bekijkt de directeur welke consequentie passend is": the directeur.
 * - a case marked for the Meldcode huiselijk geweld en kindermishandeling: the aandachtsfunctionaris.
 * The person who made the change does not mail themselves.
 */
export type RoutingEvent = 'pesten' | '3a' | '4' | '6' | 'meldcode';

export function routingRecipients(school: School, event: RoutingEvent, actorEmail: string): Contact[] {
  const byEvent: Record<RoutingEvent, () => Contact[]> = {
    pesten: () => contactsWithRoles(school, ['ib']),
    meldcode: () => contactsWithRoles(school, ['aandachtsfunctionaris']),
    '6': () => contactsWithRoles(school, ['directeur']),
    '3a': () => mtOrDirector(school),
    '4': () => mtOrDirector(school),
  };
  const recipients = byEvent[event]();
  return recipients.filter((contact) => contact.email.toLowerCase() !== actorEmail.toLowerCase());
}

/**
 * Whom a change this person makes to the case would mail, per step's event, by name: the case page
 * says so, or says that nobody is mailed (a table without an IB'er, MT-lid or directeur), so nobody
 * takes a colleague for informed who was not. A case for the vertrouwenspersoon only routes none of
 * these (see case-actions.ts); the Meldcode's mark is `markMails`.
 */
export function routingPreview(school: School, actorEmail: string, confidential: boolean): Record<Exclude<RoutingEvent, 'meldcode'>, string[]> {
  const names = (event: Exclude<RoutingEvent, 'meldcode'>) => (confidential ? [] : routingRecipients(school, event, actorEmail).map((contact) => contact.name));
  return { pesten: names('pesten'), '3a': names('3a'), '4': names('4'), '6': names('6') };
}

/** Whom marking a case for the Meldcode mails (meldcode.ts), by name, also for a case for the VP only. */
export function markMails(school: School, actorEmail: string): string[] {
  return routingRecipients(school, 'meldcode', actorEmail).map((contact) => contact.name);
}

function mtOrDirector(school: School): Contact[] {
  const mt = contactsWithRoles(school, ['mt']);
  return mt.length > 0 ? mt : contactsWithRoles(school, ['directeur']);
}

export const ROUTING_TEXT: Record<RoutingEvent, { event: string; reason: string }> = {
  pesten: {
    event: 'Een melding is als pesten aangemerkt',
    reason: "Volgens het anti-pestprotocol wordt de IB'er altijd op de hoogte gebracht als er sprake is van pesten.",
  },
  '3a': {
    event: 'Een melding staat op stap 3a: de ouders van pester en gepeste zijn geïnformeerd',
    reason: 'Volgens het anti-pestprotocol wordt bij stap 3a een MT-lid op de hoogte gesteld.',
  },
  '4': {
    event: 'Een melding staat op stap 4: het pestgedrag blijft zich herhalen',
    reason: 'Volgens het anti-pestprotocol wordt dit bij stap 4 gemeld aan een MT-lid. De gespreksverslagen staan in Parnassys.',
  },
  meldcode: {
    event: 'Een melding is gemarkeerd voor de Meldcode huiselijk geweld en kindermishandeling',
    reason: 'Als aandachtsfunctionaris kun je deze melding nu openen en de stappen van de Meldcode bijhouden.',
  },
  '6': {
    event: 'Een melding staat op stap 6: maatregel directeur',
    reason: 'Volgens het anti-pestprotocol bekijkt de directeur bij aanhoudend pestgedrag welke consequentie passend is.',
  },
};
