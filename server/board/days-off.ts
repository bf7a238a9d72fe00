import { countDaysOffBetween, deleteDayOff, findDayOff, insertDayOff } from '../../db/queries/school-days-off.js';
import { findSchoolRow } from '../../db/queries/schools.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { schoolYearOf } from '../schools/school-days.js';
import { MAX_SCHOOL_DAYS_OFF_PER_YEAR } from '../shared/limits.js';
import { auditBoard, type BoardActor } from './board-audit.js';
import type { DayOff } from './board-schema.js';

// A school's own days off (studiedagen, an extra holiday week): the reminder clock skips them as
// it skips the national holidays. Each change and its audit row are one transaction.

const NO_SUCH_SCHOOL = 'Deze school bestaat niet.';

export async function addDayOff(context: AppContext, actor: BoardActor, slug: string, dayOff: DayOff): Promise<void> {
  const now = context.now();
  await context.db.transaction().execute(async (trx) => {
    if (!(await findSchoolRow(trx, slug))) throw new AppError('not_found', NO_SUCH_SCHOOL);
    if (await findDayOff(trx, slug, dayOff.day)) {
      throw new AppError('conflict', 'Deze dag staat er al.', { day: 'Deze dag staat er al. Kies een andere datum.' });
    }
    const year = schoolYearOf(dayOff.day);
    if ((await countDaysOffBetween(trx, slug, year.first, year.last)) >= MAX_SCHOOL_DAYS_OFF_PER_YEAR) {
      const full = `In schooljaar ${year.name} staan al ${MAX_SCHOOL_DAYS_OFF_PER_YEAR} vrije dagen. Haal er eerst een weg.`;
      throw new AppError('invalid_input', full, { day: full });
    }
    await insertDayOff(trx, { school: slug, day: dayOff.day, label: dayOff.label, addedBy: actor.email, at: now.toISOString() });
    await auditBoard(trx, { school: slug, actor, action: 'board.dayoff.add', detail: `${dayOff.day}: ${dayOff.label}`, at: now });
  });
}

export async function removeDayOff(context: AppContext, actor: BoardActor, slug: string, id: number): Promise<void> {
  const now = context.now();
  await context.db.transaction().execute(async (trx) => {
    if (!(await findSchoolRow(trx, slug))) throw new AppError('not_found', NO_SUCH_SCHOOL);
    const removed = await deleteDayOff(trx, slug, id);
    if (!removed) throw new AppError('not_found', 'Deze vrije dag staat niet bij deze school.');
    await auditBoard(trx, { school: slug, actor, action: 'board.dayoff.remove', detail: `${removed.day}: ${removed.label}`, at: now });
  });
}
