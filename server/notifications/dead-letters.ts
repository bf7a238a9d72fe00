// Mails the worker gave up on, for the directeur of the school: which contact's address did not
// take a mail, and why, so that the contact table can be put right. Mails to reporters are shown
// without their address: the directeur need not learn a reporter's e-mail this way. Mails about a
// report for the vertrouwenspersoon only are listed for a directeur who is the VP alone.

import { z } from 'zod';
import { listDeadLetters, removeDeadLetter } from '../../db/queries/outbox.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
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

export const MailProblemsResponse = z.object({
  deadLetters: z.array(
    z.object({
      id: z.number(),
      /** The contact of the school the mail was for; null for a mail to a reporter. */
      contact: z.object({ name: z.string(), email: z.string() }).nullable(),
      kind: z.string(),
      subject: z.string(),
      /** The hour the mail was given up. */
      at: z.string(),
      /** The mail server's own words, e.g. "550 5.1.1 … User unknown". */
      reason: z.string(),
      attempts: z.number(),
    }),
  ),
});
export type MailProblemsResponse = z.infer<typeof MailProblemsResponse>;

export const MailProblemParams = z.object({ id: z.coerce.number().int().positive() });

function requireDirector(principal: StaffPrincipal): void {
  if (!canReadAudit(principal.member)) {
    throw new AppError('forbidden', 'Alleen de directeur ziet welke mails niet aankwamen.');
  }
}

/** `"Name" <address>` as the outbox stores it: the address part, lower-cased. */
function addressOf(to: string): string {
  return (/<([^>]+)>\s*$/.exec(to)?.[1] ?? to).trim().toLowerCase();
}

export async function readMailProblems(context: AppContext, principal: StaffPrincipal): Promise<MailProblemsResponse> {
  requireDirector(principal);
  const contacts = new Map(principal.school.contacts.map((contact) => [contact.email.toLowerCase(), contact]));
  // A mail about a report for the vertrouwenspersoon only would tell a directeur who is not the VP that one came in.
  const letters = await listDeadLetters(context.db, principal.school.slug, canSeeConfidential(principal.member));
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
  requireDirector(principal);
  if (!(await removeDeadLetter(context.db, principal.school.slug, id, canSeeConfidential(principal.member)))) {
    throw new AppError('not_found', 'Deze mail staat niet (meer) in de lijst.');
  }
}
