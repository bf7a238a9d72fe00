import type { ContactRole } from '../shared/contact-roles.js';
import type { Contact, School } from '../schools/schools-file.js';
import { handlesCases, STAFF_ROLES, type StaffRole } from '../shared/protocol.js';
import type { StaffStage } from '../shared/staff-session.js';
import { listSchools, type DirectorySchool } from '../schools/school-directory.js';
import type { Db } from '../../db/database.js';

// Compile-time check that the portal's roles exist in the contact table's vocabulary.
const staffRolesAreContactRoles: readonly ContactRole[] = STAFF_ROLES;
void staffRolesAreContactRoles;

/** A contact of one school who may use the portal there. Addresses compare in lower case. */
export interface StaffMember {
  email: string;
  /** The address as written in the contact table: mail goes there. */
  address: string;
  name: string;
  roles: StaffRole[];
}

/**
 * What kind of person a session belongs to: a contact of the school's table, or a class teacher
 * (no roles; only the routes opened to teachers, and only the cases they are invited to).
 */
export type PersonKind = 'contact' | 'teacher';

/** Who is logged in, for which school, through which session. Built fresh from the configuration on each request. */
export interface StaffPrincipal {
  sessionId: number;
  kind: PersonKind;
  /** The teacher's row when `kind` is 'teacher'; null for a contact. */
  teacherId: number | null;
  member: StaffMember;
  /** As read for this request, with its revision (a report recorded by this member checks it). */
  school: DirectorySchool;
  csrfToken: string;
  stage: StaffStage;
  /** A school may switch login links off; sessions they opened then end there. */
  signedInWith: 'link' | 'oidc';
  /** When the session was opened (ISO): changes to how one logs in need a recent one. */
  signedInAt: string;
}

function isStaffRole(role: ContactRole): role is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(role);
}

/** The school's portal user with this address; a person listed twice (say APC and VP) gets both roles. */
export function staffMemberOf(school: School, email: string): StaffMember | undefined {
  const address = email.toLowerCase();
  const entries = school.contacts.filter((contact) => contact.email.toLowerCase() === address);
  const roles = [...new Set(entries.flatMap((contact) => contact.roles).filter(isStaffRole))];
  const first = entries[0];
  if (!first || roles.length === 0) return undefined;
  return { email: address, address: first.email, name: first.name, roles };
}

/** Whether this way of signing in is open at this school (login links can be switched off). */
export function allowsSignIn(school: School, via: 'link' | 'oidc'): boolean {
  return via === 'oidc' || school.loginLink;
}

/** Every school (in the order they were added) where this address may use the portal, by today's tables. */
export async function schoolsOfStaff(db: Db, email: string): Promise<DirectorySchool[]> {
  return (await listSchools(db)).filter((school) => staffMemberOf(school, email) !== undefined);
}

export function staffMembersOf(school: School): StaffMember[] {
  const addresses = [...new Set(school.contacts.map((contact) => contact.email.toLowerCase()))];
  return addresses.map((address) => staffMemberOf(school, address)).filter((member): member is StaffMember => !!member);
}

/** Reports for the vertrouwenspersoon only are for the vertrouwenspersoon only. */
export function canSeeConfidential(member: StaffMember): boolean {
  return member.roles.includes('vertrouwenspersoon');
}

/**
 * Whether this person works with the school's reports as a whole: its inbox, Cijfers, recording reports.
 * The aandachtsfunctionaris alone does not (CASE_SCOPED_ROLES); with another portal role they do.
 */
export function seesWholeSchool(member: StaffMember): boolean {
  return member.roles.some(handlesCases);
}

export function isAandachtsfunctionaris(member: StaffMember): boolean {
  return member.roles.includes('aandachtsfunctionaris');
}

/**
 * The school's reports this person may open: a report for the vertrouwenspersoon only for the VP alone,
 * and a case marked for the Meldcode also for the aandachtsfunctionaris (the mark is a deliberate
 * decision to involve them, whoever the report was meant for).
 */
export function canSeeReport(
  principal: StaffPrincipal,
  report: { school: string; recipients: string; meldcode_at: string | null },
): boolean {
  if (report.school !== principal.school.slug) return false;
  if (report.meldcode_at !== null && isAandachtsfunctionaris(principal.member)) return true;
  if (!seesWholeSchool(principal.member)) return false;
  return report.recipients !== 'vertrouwenspersoon' || canSeeConfidential(principal.member);
}

/**
 * The Meldcode part of a case (the mark, its steps and notes, the audit lines about them) is for the
 * aandachtsfunctionaris, the directeur and the case's handler only; for anyone else it does not exist.
 */
export function canSeeMeldcode(member: StaffMember, holder: { assignee_email: string | null }): boolean {
  return seesEveryMeldcode(member) || holder.assignee_email === member.email;
}

/** The aandachtsfunctionaris and the directeur see the Meldcode part of every case they can open. */
export function seesEveryMeldcode(member: StaffMember): boolean {
  return isAandachtsfunctionaris(member) || member.roles.includes('directeur');
}

export function canReadAudit(member: StaffMember): boolean {
  return member.roles.includes('directeur');
}

export function asContact(member: StaffMember): Contact {
  return { name: member.name, email: member.address, roles: member.roles };
}
