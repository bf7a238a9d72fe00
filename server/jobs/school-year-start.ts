import { takeInJoiningContacts } from '../../db/queries/school-contacts.js';
import { auditBoard, type BoardActor } from '../board/board-audit.js';
import type { AppContext } from '../context.js';
import { localDay, schoolYearOf } from '../schools/school-days.js';
import { runTransaction } from '../../db/transaction.js';

/** Who takes in next year's contacts on 1 August, in the audit log (the admin who added them is in the row of the addition). */
export const SCHOOL_YEAR_START_ACTOR: BoardActor = { email: '(schooljaar)', name: 'Begin van het schooljaar' };

/**
 * From 1 August: the contacts a board added for the school year that has now begun join their
 * school's table (they are mailed, and may log in, from then on). Each is in the audit log. Safe to
 * run any number of times; returns how many joined.
 */
export async function takeInNextYearContacts(context: AppContext): Promise<number> {
  const now = context.now();
  const year = schoolYearOf(localDay(now)).name;
  return runTransaction(context.db, async (trx) => {
    const joined = await takeInJoiningContacts(trx, year);
    for (const row of joined) {
      const roles = (JSON.parse(row.roles) as string[]).join(', ');
      await auditBoard(trx, {
        school: row.school,
        actor: SCHOOL_YEAR_START_ACTOR,
        action: 'board.contact.join',
        detail: `${row.name} <${row.email}>: ${roles}; in de tabel vanaf schooljaar ${year}`,
        at: now,
      });
    }
    return joined.length;
  });
}
