import { listActiveContacts } from '../../db/queries/school-contacts.js';
import { findSchoolWithContacts, listSchoolRows, schoolDirectoryVersion, type SchoolContactEntry } from '../../db/queries/schools.js';
import { dialectOf } from '../../db/dialect.js';
import type { SchoolRow } from '../../db/schema.js';
import type { ContactRole } from '../shared/contact-roles.js';
import type { HolidayRegion } from '../shared/board-values.js';
import type { School } from './schools-file.js';
import type { Db } from '../../db/database.js';

// The schools and their contact tables as they are in the database right now. Every report,
// login and reminder reads them here, so a change a board admin makes counts from the next request.

function toSchool(row: SchoolRow, contacts: readonly SchoolContactEntry[]): School {
  return {
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
 * Every report reads the school it goes to (a query of the school and its contacts, turned into a
 * School). On SQLite one server holds the database (the lock on DATA_DIR) and every change to a
 * school or its contacts goes through db/queries, which counts it (schoolDirectoryVersion): the
 * school is read once per change and kept, per database handle, until the count moves. A change a
 * board admin makes still counts from the next request. Reads inside a transaction are not kept,
 * and on PostgreSQL, where other servers change the table, every request reads it as before.
 */
const kept = new WeakMap<Db, Map<string, { version: number; school: School }>>();

async function keptSchool(db: Db, key: string, read: () => Promise<School | undefined>): Promise<School | undefined> {
  if (db.isTransaction || dialectOf(db) === 'postgres') return read();
  let schools = kept.get(db);
  if (!schools) {
    schools = new Map();
    kept.set(db, schools);
  }
  const version = schoolDirectoryVersion();
  const copy = schools.get(key);
  if (copy && copy.version === version) return copy.school;
  const school = await read();
  // An unknown slug (from a request) is not kept: only schools that exist take room.
  if (school) schools.set(key, { version, school: frozen(school) });
  return school;
}

/** One copy serves many requests: none of them may change it for the others. */
function frozen(school: School): School {
  for (const contact of school.contacts) Object.freeze(Object.freeze(contact).roles);
  Object.freeze(school.contacts);
  return Object.freeze(school);
}

async function readSchool(db: Db, which: { slug: string } | 'default'): Promise<School | undefined> {
  const found = await findSchoolWithContacts(db, which);
  return found ? toSchool(found.row, found.contacts) : undefined;
}

/** The school with its contacts in force, or undefined when there is no such school. */
export async function findSchool(db: Db, slug: string): Promise<School | undefined> {
  return keptSchool(db, `school:${slug}`, () => readSchool(db, { slug }));
}

/** The school a report without `school` goes to. */
export async function findDefaultSchool(db: Db): Promise<School> {
  const school = await keptSchool(db, 'default', () => readSchool(db, 'default'));
  if (!school) throw new Error('no default school: the schools were not imported');
  return school;
}

/** Every school with its contacts in force, in the order they were added. */
export async function listSchools(db: Db): Promise<School[]> {
  const [rows, contacts] = await Promise.all([listSchoolRows(db), listActiveContacts(db)]);
  return rows.map((row) => toSchool(row, contacts.filter((contact) => contact.school === row.slug)));
}
