import { sql, type Kysely } from 'kysely';
import type { Database, NewSchoolRow, SchoolRow } from '../schema.js';

type Executor = Kysely<Database>;

export async function countSchools(db: Executor): Promise<number> {
  const row = await db.selectFrom('school').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function insertSchool(db: Executor, school: NewSchoolRow): Promise<void> {
  await db.insertInto('school').values(school).execute();
}

/** Every school, in the order they were added (the schools file's order first). */
export async function listSchoolRows(db: Executor): Promise<SchoolRow[]> {
  return db.selectFrom('school').selectAll().orderBy(sql`rowid`).execute();
}

export async function findSchoolRow(db: Executor, slug: string): Promise<SchoolRow | undefined> {
  return db.selectFrom('school').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function findDefaultSchoolRow(db: Executor): Promise<SchoolRow | undefined> {
  return db.selectFrom('school').selectAll().where('is_default', '=', 1).executeTakeFirst();
}

export async function updateSchool(
  db: Executor,
  slug: string,
  changes: Pick<SchoolRow, 'name' | 'full_notification_mail' | 'require_totp' | 'retention_months' | 'holiday_region' | 'login_link'>,
): Promise<void> {
  await db.updateTable('school').set(changes).where('slug', '=', slug).execute();
}
