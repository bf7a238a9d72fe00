import { findTeacherByEmail, schoolsOfTeacherEmail } from '../../db/queries/teachers.js';
import type { Db } from '../../db/database.js';
import { findSchool, type DirectorySchool } from '../schools/school-directory.js';
import type { School } from '../schools/schools-file.js';
import { schoolsOfStaff, staffMemberOf, type PersonKind, type StaffMember } from './staff-identity.js';

// Who may sign in to the staff portal: the contacts of a school's table first, and otherwise the
// school's class teachers (leerkrachten), who have no role and reach only the cases they are invited to.

export interface PortalPerson {
  kind: PersonKind;
  member: StaffMember;
  teacherId: number | null;
}

/** The schools where this address is a teacher (in the order they were added to the list). */
async function schoolsOfTeacher(db: Db, email: string): Promise<DirectorySchool[]> {
  const schools = await Promise.all((await schoolsOfTeacherEmail(db, email)).map((slug) => findSchool(db, slug)));
  return schools.filter((school): school is DirectorySchool => school !== undefined);
}

/**
 * The schools where this address may sign in and as what: a contact anywhere signs in as a contact
 * (their schools are those of the contact tables); otherwise as a teacher.
 */
export async function schoolsOfPerson(db: Db, email: string): Promise<{ kind: PersonKind; schools: DirectorySchool[] }> {
  const contactSchools = await schoolsOfStaff(db, email);
  if (contactSchools.length > 0) return { kind: 'contact', schools: contactSchools };
  return { kind: 'teacher', schools: await schoolsOfTeacher(db, email) };
}

/** This address as a person of this kind at this school, by today's table and teacher list. */
export async function personAt(db: Db, school: School, email: string, kind: PersonKind): Promise<PortalPerson | undefined> {
  if (kind === 'contact') {
    const member = staffMemberOf(school, email);
    return member ? { kind, member, teacherId: null } : undefined;
  }
  const teacher = await findTeacherByEmail(db, school.slug, email);
  if (!teacher) return undefined;
  return { kind, teacherId: teacher.id, member: { email: teacher.email, address: teacher.email, name: teacher.name, roles: [] } };
}
