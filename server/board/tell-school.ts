import type { Db } from '../../db/database.js';
import { listActiveContacts } from '../../db/queries/school-contacts.js';
import { findSchoolRow } from '../../db/queries/schools.js';
import type { SchoolContactRow } from '../../db/schema.js';
import type { AppContext } from '../context.js';
import { notify } from '../notifications/notifier.js';
import type { MailRecipient } from '../notifications/outbox.js';
import type { ContactRole } from '../shared/contact-roles.js';
import type { BoardAdminMember } from './board-admins.js';

/**
 * Mails the school about a board admin's change that gives someone access to its cases: its
 * directeur(s) in the table `before` the change (default: the table now; without a directeur, its
 * anti-pestcoördinators and vertrouwenspersonen), and `alsoTo` (the old address of someone whose
 * address changed). An admin cannot read cases, but could put an address of their own in the table
 * or the teacher list; the school then hears of it from someone who was already there.
 */
export async function tellSchool(
  context: AppContext,
  trx: Db,
  scope: { slug: string; actor: BoardAdminMember; before?: readonly SchoolContactRow[]; now: Date },
  change: string,
  alsoTo?: MailRecipient,
): Promise<void> {
  const school = await findSchoolRow(trx, scope.slug);
  if (!school) return;
  const before = scope.before ?? (await listActiveContacts(trx, scope.slug));
  const withRole = (roles: readonly ContactRole[]) =>
    before.filter((row) => (JSON.parse(row.roles) as ContactRole[]).some((role) => roles.includes(role)));
  const directors = withRole(['directeur']);
  const told = directors.length > 0 ? directors : withRole(['anti-pestcoordinator', 'vertrouwenspersoon']);
  const recipients = new Map<string, MailRecipient>();
  for (const row of [...told, ...(alsoTo ? [alsoTo] : [])]) recipients.set(row.email.toLowerCase(), { name: row.name, email: row.email });
  await notify.contactTableChanged(context, trx, { school, actorName: scope.actor.name, change, recipients: [...recipients.values()], now: scope.now });
}
