import { countDaysOffBetween, deleteDayOff, findDayOff, insertDayOff } from '../../db/queries/school-days-off.js';
import { findSchoolRow } from '../../db/queries/schools.js';
import type { Db } from '../../db/database.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { schoolYearOf } from '../schools/school-days.js';
import { MAX_SCHOOL_DAYS_OFF_PER_YEAR } from '../shared/limits.js';
import type { BoardAdminMember } from './board-admins.js';
import { auditBoard } from './board-audit.js';
import type { DayOff } from './board-schema.js';
import { runTransaction } from '../../db/transaction.js';

// A school's own days off (studiedagen, an extra holiday week): the reminder clock skips them as
// it skips the national holidays. A board admin adds them in /beheer, the school's directeur in the
// staff portal; the same rules and messages for both. Each change and its audit row are one transaction.

const NO_SUCH_SCHOOL = 'Deze school bestaat niet.';

/** Who changes the days off, and how that goes into the audit log (the board's rows or the school's). */
export interface DayOffEditor {
  email: string;
  audit: (trx: Db, change: 'add' | 'remove', detail: string, at: Date) => Promise<void>;
}

/** A board admin changing a school's days off: the audit log names them under the board's actions. */
export function adminEditor(admin: BoardAdminMember, school: string): DayOffEditor {
  return {
    email: admin.email,
    audit: (trx, change, detail, at) => auditBoard(trx, { school, actor: admin, action: `board.dayoff.${change}`, detail, at }),
  };
}

export async function addDayOff(context: AppContext, editor: DayOffEditor, slug: string, dayOff: DayOff): Promise<void> {
  const now = context.now();
  await runTransaction(context.db, async (trx) => {
    if (!(await findSchoolRow(trx, slug))) throw new AppError('not_found', NO_SUCH_SCHOOL);
    if (await findDayOff(trx, slug, dayOff.day)) {
      throw new AppError('conflict', 'Deze dag staat er al.', { day: 'Deze dag staat er al. Kies een andere datum.' });
    }
    const year = schoolYearOf(dayOff.day);
    if ((await countDaysOffBetween(trx, slug, year.first, year.last)) >= MAX_SCHOOL_DAYS_OFF_PER_YEAR) {
      const full = `In schooljaar ${year.name} staan al ${MAX_SCHOOL_DAYS_OFF_PER_YEAR} vrije dagen. Haal er eerst een weg.`;
      throw new AppError('invalid_input', full, { day: full });
    }
    await insertDayOff(trx, { school: slug, day: dayOff.day, label: dayOff.label, addedBy: editor.email, at: now.toISOString() });
    await editor.audit(trx, 'add', `${dayOff.day}: ${dayOff.label}`, now);
  });
}

export async function removeDayOff(context: AppContext, editor: DayOffEditor, slug: string, id: number): Promise<void> {
  const now = context.now();
  await runTransaction(context.db, async (trx) => {
    if (!(await findSchoolRow(trx, slug))) throw new AppError('not_found', NO_SUCH_SCHOOL);
    const removed = await deleteDayOff(trx, slug, id);
    if (!removed) throw new AppError('not_found', 'Deze vrije dag staat niet bij deze school.');
    await editor.audit(trx, 'remove', `${removed.day}: ${removed.label}`, now);
  });
}
