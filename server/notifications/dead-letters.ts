// Mails the worker gave up on, for the directeur of the school: which contact's address did not
// take a mail, and why, so that the contact table can be put right. Mails to reporters are shown
// without their address: the directeur need not learn a reporter's e-mail this way. Mails about a
// report for the vertrouwenspersoon only are listed for the vertrouwenspersoon instead.

import { z } from 'zod';
import { listDeadLetters, removeDeadLetter, type DeadLetterScope } from '../../db/queries/outbox.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import type { MailProblemsResponse } from '../shared/staff-responses.js';
import { canReadAudit, canSeeConfidential, type StaffPrincipal } from '../staff-auth/staff-identity.js';

const PURPOSE_LABELS: Record<string, string> = {
  'new-report': 'Nieuwe melding',
  'staff-login': 'Inloglink',
  'reminder-coordinator': 'Herinnering',
  'reminder-director': 'Herinnering',
  'reporter-answer': 'Bericht aan een melder',
  'reporter-notice': 'Bericht aan een melder',
  'school-year': 'Contacttabel voor het nieuwe schooljaar',
};


export const MailProblemParams = z.object({ id: z.coerce.number().int().positive() });

/**
 * The directeur reads the school's dead letters; those about reports for the vertrouwenspersoon only
 * go to the vertrouwenspersoon instead (a directeur who is the VP too reads both), since they would
 * tell anyone else that such a report came in, while someone must still see and clear them.
 */
function readerScope(principal: StaffPrincipal): DeadLetterScope {
  const scope = { ordinary: canReadAudit(principal.member), confidential: canSeeConfidential(principal.member) };
  if (!scope.ordinary && !scope.confidential) {
    throw new AppError('forbidden', 'Alleen de directeur en de vertrouwenspersoon zien welke mails niet aankwamen.');
  }
  return scope;
}

/** `"Name" <address>` as the outbox stores it: the address part, lower-cased. */
function addressOf(to: string): string {
  return (/<([^>]+)>\s*$/.exec(to)?.[1] ?? to).trim().toLowerCase();
}

export async function readMailProblems(context: AppContext, principal: StaffPrincipal): Promise<MailProblemsResponse> {
  const scope = readerScope(principal);
  const contacts = new Map(principal.school.contacts.map((contact) => [contact.email.toLowerCase(), contact]));
  const letters = await listDeadLetters(context.db, principal.school.slug, scope);
  return {
    deadLetters: letters.map((letter) => {
      const contact = contacts.get(addressOf(letter.toAddress));
      return {
        id: letter.id,
        contact: contact ? { name: contact.name, email: contact.email } : null,
        kind: PURPOSE_LABELS[letter.purpose] ?? (letter.purpose.startsWith('case-') ? 'Bericht over een melding' : 'Mail'),
        subject: letter.subject,
        at: letter.deadAt,
        reason: letter.error ?? '',
        attempts: letter.attempts,
      };
    }),
  };
}

/** The directeur has dealt with it (address corrected, colleague told): the dead letter goes. */
export async function dismissMailProblem(context: AppContext, principal: StaffPrincipal, id: number): Promise<void> {
  if (!(await removeDeadLetter(context.db, principal.school.slug, id, readerScope(principal)))) {
    throw new AppError('not_found', 'Deze mail staat niet (meer) in de lijst.');
  }
}
