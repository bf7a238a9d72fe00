import type { SchoolContactRow } from '../schema.js';
import type { Db } from '../database.js';

export interface ContactValues {
  name: string;
  email: string;
  roles: readonly string[];
  note: string | null;
}

/** `joinsSchoolYear`: a contact for next school year, not in the table until its 1 August. */
export async function insertContact(db: Db, school: string, contact: ContactValues, at: string, joinsSchoolYear: string | null = null): Promise<number> {
  const row = await db
    .insertInto('school_contact')
    .values({
      school,
      name: contact.name,
      email: contact.email,
      roles: JSON.stringify(contact.roles),
      note: contact.note,
      added_at: at,
      joins_school_year: joinsSchoolYear,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The contacts in force (not ended, not waiting for next school year), of one school or of all, in the order they were added. */
export async function listActiveContacts(db: Db, school?: string): Promise<SchoolContactRow[]> {
  let query = db.selectFrom('school_contact').selectAll().where('ended_at', 'is', null).where('joins_school_year', 'is', null);
  if (school !== undefined) query = query.where('school', '=', school);
  return query.orderBy('id').execute();
}

/** A school's whole table, ended contacts included, for the board admin. */
export async function listAllContacts(db: Db, school: string): Promise<SchoolContactRow[]> {
  return db.selectFrom('school_contact').selectAll().where('school', '=', school).orderBy('id').execute();
}

export async function findContact(db: Db, school: string, id: number): Promise<SchoolContactRow | undefined> {
  return db.selectFrom('school_contact').selectAll().where('school', '=', school).where('id', '=', id).executeTakeFirst();
}

export async function updateContact(db: Db, id: number, contact: ContactValues): Promise<void> {
  await db
    .updateTable('school_contact')
    .set({ name: contact.name, email: contact.email, roles: JSON.stringify(contact.roles), note: contact.note })
    .where('id', '=', id)
    .execute();
}

export async function endContact(db: Db, id: number, at: string): Promise<void> {
  await db.updateTable('school_contact').set({ ended_at: at }).where('id', '=', id).where('ended_at', 'is', null).execute();
}

/** The contacts in force and those waiting for next school year: one address is in a school's table once. */
export async function listUnendedContacts(db: Db, school: string): Promise<SchoolContactRow[]> {
  return db.selectFrom('school_contact').selectAll().where('school', '=', school).where('ended_at', 'is', null).orderBy('id').execute();
}

/** Takes in the contacts waiting for a school year that has begun (`schoolYear` or earlier); returns them. */
export async function takeInJoiningContacts(db: Db, schoolYear: string): Promise<SchoolContactRow[]> {
  const joined = await db
    .updateTable('school_contact')
    .set({ joins_school_year: null })
    .where('ended_at', 'is', null)
    .where('joins_school_year', 'is not', null)
    .where('joins_school_year', '<=', schoolYear)
    .returningAll()
    .execute();
  return joined;
}
