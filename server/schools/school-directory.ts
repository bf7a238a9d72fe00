import { listActiveContacts } from '../../db/queries/school-contacts.js';
import { findSchoolWithContacts, listSchoolRows, type SchoolContactEntry } from '../../db/queries/schools.js';
import type { SchoolRow } from '../../db/schema.js';
import type { ContactRole } from '../shared/contact-roles.js';
import type { HolidayRegion } from '../shared/board-values.js';
import type { School } from './schools-file.js';
import type { Db } from '../../db/database.js';

// The schools and their contact tables as they are in the database right now. Every report,
// login and reminder reads them here, so a change a board admin makes counts from the next request.

/** A school as the database holds it now, with the revision (0033) its row and contacts had when read. */
export type DirectorySchool = School & { readonly revision: number };

function toSchool(row: SchoolRow, contacts: readonly SchoolContactEntry[]): DirectorySchool {
  return {
    revision: row.revision,
    slug: row.slug,
    name: row.name,
    ...(row.board === null ? {} : { board: row.board }),
    fullNotificationMail: row.full_notification_mail === 1,
    requireTotp: row.require_totp === 1,
    retentionMonths: row.retention_months,
    holidayRegion: row.holiday_region as HolidayRegion | null,
    loginLink: row.login_link === 1,
    contacts: contacts.map((contact) => ({
      name: contact.name,
      email: contact.email,
      roles: JSON.parse(contact.roles) as ContactRole[],
      ...(contact.note === null ? {} : { note: contact.note }),
    })),
  };
}

/**
 * Every report needs the school it goes to (a query of the school and its contacts, turned into a
 * School). Each server keeps it, per database handle, for reports only (findSchoolForReport): a
 * report's write checks the school's revision (0033, counted by triggers whoever changes the tables)
 * in a statement it runs anyway, and writes nothing when it has moved (db/queries/reports.ts
 * insertReport); the report then reads the school again (findSchoolAfterChange) and is written with
 * the table as it is now. So a kept copy costs no statement on either backend, and a change counts
 * from the next report whether this server made it, another server on PostgreSQL, or a command or
 * a hand-made UPDATE on the SQLite file. Every other reader (logins, sessions, reminders) asks the
 * database: a contact who was ended must lose their access at once, and nothing checks their read.
 *
 * Reads inside a transaction are never kept.
 */
const kept = new WeakMap<Db, Map<string, DirectorySchool>>();

async function keptSchool(db: Db, key: string, read: () => Promise<DirectorySchool | undefined>): Promise<DirectorySchool | undefined> {
  if (db.isTransaction) return read();
  let schools = kept.get(db);
  if (!schools) {
    schools = new Map();
    kept.set(db, schools);
  }
  const copy = schools.get(key);
  if (copy) return copy;
  const school = await read();
  // An unknown slug (from a request) is not kept: only schools that exist take room.
  if (school) schools.set(key, frozen(school));
  return school;
}

/** One copy serves many requests: none of them may change it for the others. */
function frozen(school: DirectorySchool): DirectorySchool {
  for (const contact of school.contacts) Object.freeze(Object.freeze(contact).roles);
  Object.freeze(school.contacts);
  return Object.freeze(school);
}

async function readSchool(db: Db, which: { slug: string } | 'default'): Promise<DirectorySchool | undefined> {
  const found = await findSchoolWithContacts(db, which);
  return found ? toSchool(found.row, found.contacts) : undefined;
}

/** The school with its contacts in force, or undefined when there is no such school. */
export async function findSchool(db: Db, slug: string): Promise<DirectorySchool | undefined> {
  return readSchool(db, { slug });
}

/** The school a report without `school` goes to. */
export async function findDefaultSchool(db: Db): Promise<DirectorySchool> {
  return defaultSchoolOf(await readSchool(db, 'default'));
}

function defaultSchoolOf(school: DirectorySchool | undefined): DirectorySchool {
  if (!school) throw new Error('no default school: the schools were not imported');
  return school;
}

/**
 * The school a report goes to (its slug, or the default school), possibly as this server read it
 * before: only for a write that checks its revision (see above).
 */
export async function findSchoolForReport(db: Db, slug: string | undefined): Promise<DirectorySchool | undefined> {
  if (slug === undefined) return defaultSchoolOf(await keptSchool(db, 'default', () => readSchool(db, 'default')));
  return keptSchool(db, `school:${slug}`, () => readSchool(db, { slug }));
}

/**
 * The school as it is now, after a report's write found its revision moved: every kept copy of it
 * (under its slug, and as the default school) is dropped, so the next report reads it too.
 */
export async function findSchoolAfterChange(db: Db, slug: string): Promise<DirectorySchool | undefined> {
  const schools = kept.get(db);
  for (const [key, copy] of schools ?? []) if (copy.slug === slug) schools!.delete(key);
  return findSchoolForReport(db, slug);
}

/** Every school with its contacts in force, in the order they were added. */
export async function listSchools(db: Db): Promise<DirectorySchool[]> {
  const [rows, contacts] = await Promise.all([listSchoolRows(db), listActiveContacts(db)]);
  return rows.map((row) => toSchool(row, contacts.filter((contact) => contact.school === row.slug)));
}
