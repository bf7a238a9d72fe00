import { sql } from 'kysely';
import type { NewSchoolRow, SchoolContactRow, SchoolRow } from '../schema.js';
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

/** A contact in a school's table as a report's mail needs it. */
export type SchoolContactEntry = Pick<SchoolContactRow, 'name' | 'email' | 'roles' | 'note'>;

/**
 * A school (by slug, or the default one) with its contacts in force, in contact order: one statement,
 * since every report reads them (on PostgreSQL each statement is a round trip to the server).
 */
export async function findSchoolWithContacts(
  db: Db,
  which: { slug: string } | 'default',
): Promise<{ row: SchoolRow; contacts: SchoolContactEntry[] } | undefined> {
  const query = db
    .selectFrom('school')
    .leftJoin('school_contact', (join) =>
      join.onRef('school_contact.school', '=', 'school.slug').on('school_contact.ended_at', 'is', null).on('school_contact.joins_school_year', 'is', null),
    )
    .selectAll('school')
    .select([
      'school_contact.id as contact_id',
      'school_contact.name as contact_name',
      'school_contact.email as contact_email',
      'school_contact.roles as contact_roles',
      'school_contact.note as contact_note',
    ])
    .orderBy('school_contact.id');
  // The default school's flag as a literal, not a parameter: PostgreSQL plans a prepared statement
  // whose parameter it cannot judge (one school of many has the flag) anew on every call.
  const rows = await (which === 'default' ? query.where('school.is_default', '=', sql.lit(1)) : query.where('school.slug', '=', which.slug)).execute();
  const first = rows[0];
  if (!first) return undefined;
  const { contact_id: _id, contact_name: _name, contact_email: _email, contact_roles: _roles, contact_note: _note, ...row } = first;
  const contacts = rows
    .filter((each) => each.slug === row.slug && each.contact_id !== null)
    .map((each) => ({ name: each.contact_name!, email: each.contact_email!, roles: each.contact_roles!, note: each.contact_note }));
  return { row, contacts };
}

export async function updateSchool(
  db: Db,
  slug: string,
  changes: Pick<SchoolRow, 'name' | 'full_notification_mail' | 'require_totp' | 'retention_months' | 'holiday_region' | 'login_link'>,
): Promise<void> {
  await db.updateTable('school').set(changes).where('slug', '=', slug).execute();
}
