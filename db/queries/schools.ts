import { sql } from 'kysely';
import type { NewSchoolRow, SchoolRow } from '../schema.js';
import type { Db } from '../database.js';

export async function countSchools(db: Db): Promise<number> {
  const row = await db.selectFrom('school').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function insertSchool(db: Db, school: NewSchoolRow): Promise<void> {
  await db.insertInto('school').values(school).execute();
}

/** Every school, in the order they were added (the schools file's order first). */
export async function listSchoolRows(db: Db): Promise<SchoolRow[]> {
  return db.selectFrom('school').selectAll().orderBy(sql`rowid`).execute();
}

export async function findSchoolRow(db: Db, slug: string): Promise<SchoolRow | undefined> {
  return db.selectFrom('school').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function findDefaultSchoolRow(db: Db): Promise<SchoolRow | undefined> {
  return db.selectFrom('school').selectAll().where('is_default', '=', 1).executeTakeFirst();
}

export async function updateSchool(
  db: Db,
  slug: string,
  changes: Pick<SchoolRow, 'name' | 'full_notification_mail' | 'require_totp' | 'retention_months' | 'holiday_region' | 'login_link'>,
): Promise<void> {
  await db.updateTable('school').set(changes).where('slug', '=', slug).execute();
}
