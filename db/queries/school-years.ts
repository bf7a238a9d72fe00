import type { SchoolYearConfirmationRow } from '../schema.js';
import type { Db } from '../database.js';

/** The row of one school (or the board's scope) for one school year, if there is one. */
export async function findSchoolYear(db: Db, school: string, schoolYear: string): Promise<SchoolYearConfirmationRow | undefined> {
  return db.selectFrom('school_year_confirmation').selectAll().where('school', '=', school).where('school_year', '=', schoolYear).executeTakeFirst();
}

/** Every row of one school year, one per school (and the board's). */
export async function listSchoolYear(db: Db, schoolYear: string): Promise<SchoolYearConfirmationRow[]> {
  return db.selectFrom('school_year_confirmation').selectAll().where('school_year', '=', schoolYear).execute();
}

/**
 * Marks the July mail about this school year as queued, once: true only for the caller that set
 * it (a second run, or a run after a restart, finds it set and gets false).
 */
export async function claimSchoolYearMail(db: Db, school: string, schoolYear: string, at: string): Promise<boolean> {
  const result = await db
    .insertInto('school_year_confirmation')
    .values({ school, school_year: schoolYear, mailed_at: at })
    .onConflict((oc) =>
      oc.columns(['school', 'school_year']).doUpdateSet({ mailed_at: at }).where('school_year_confirmation.mailed_at', 'is', null),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Records who confirmed the school's table for this school year, and when (the latest confirmation counts). */
export async function confirmSchoolYear(
  db: Db,
  row: { school: string; schoolYear: string; by: string; byName: string; at: string },
): Promise<void> {
  const confirmed = { confirmed_at: row.at, confirmed_by: row.by, confirmed_by_name: row.byName };
  await db
    .insertInto('school_year_confirmation')
    .values({ school: row.school, school_year: row.schoolYear, ...confirmed })
    .onConflict((oc) => oc.columns(['school', 'school_year']).doUpdateSet(confirmed))
    .execute();
}
