import type { SchoolDayOffRow } from '../schema.js';
import type { Db } from '../database.js';

/** The school's own days off, in date order; from `from` on when given. */
export async function listDaysOff(db: Db, school: string, from?: string): Promise<SchoolDayOffRow[]> {
  let query = db.selectFrom('school_day_off').selectAll().where('school', '=', school);
  if (from !== undefined) query = query.where('day', '>=', from);
  return query.orderBy('day').execute();
}

export async function countDaysOffBetween(db: Db, school: string, from: string, to: string): Promise<number> {
  const row = await db
    .selectFrom('school_day_off')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('school', '=', school)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function findDayOff(db: Db, school: string, day: string): Promise<SchoolDayOffRow | undefined> {
  return db.selectFrom('school_day_off').selectAll().where('school', '=', school).where('day', '=', day).executeTakeFirst();
}

export async function insertDayOff(db: Db, row: { school: string; day: string; label: string; addedBy: string; at: string }): Promise<void> {
  await db.insertInto('school_day_off').values({ school: row.school, day: row.day, label: row.label, added_by: row.addedBy, added_at: row.at }).execute();
}

/** Removes one day off of this school; returns the row removed, if there was one. */
export async function deleteDayOff(db: Db, school: string, id: number): Promise<SchoolDayOffRow | undefined> {
  return db.deleteFrom('school_day_off').where('school', '=', school).where('id', '=', id).returningAll().executeTakeFirst();
}
