import { listActiveContacts } from '../../db/queries/school-contacts.js';
import { findSchoolWithContacts, listSchoolRows, type SchoolContactEntry } from '../../db/queries/schools.js';
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

/** The school with its contacts in force, or undefined when there is no such school. */
export async function findSchool(db: Db, slug: string): Promise<School | undefined> {
  const found = await findSchoolWithContacts(db, { slug });
  return found ? toSchool(found.row, found.contacts) : undefined;
}

/** The school a report without `school` goes to. */
export async function findDefaultSchool(db: Db): Promise<School> {
  const found = await findSchoolWithContacts(db, 'default');
  if (!found) throw new Error('no default school: the schools were not imported');
  return toSchool(found.row, found.contacts);
}

/** Every school with its contacts in force, in the order they were added. */
export async function listSchools(db: Db): Promise<School[]> {
  const [rows, contacts] = await Promise.all([listSchoolRows(db), listActiveContacts(db)]);
  return rows.map((row) => toSchool(row, contacts.filter((contact) => contact.school === row.slug)));
}
