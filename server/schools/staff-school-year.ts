// The school year page of the staff portal: the directeur (and the anti-pestcoördinator, who reads
// it) sees whether the contact table is confirmed for the school year; the directeur confirms it
// and adds the school's own days off (studiedagen), with the same rules as the board's admin area.
import { findSchoolRow } from '../../db/queries/schools.js';
import { audit } from '../audit/audit.js';
import { addDayOff, removeDayOff, type DayOffEditor } from '../board/days-off.js';
import type { DayOff } from '../board/board-schema.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import type { StaffSchoolYearResponse } from '../shared/board-responses.js';
import { readsSchoolYear } from '../shared/school-year.js';
import type { StaffPrincipal } from '../staff-auth/staff-identity.js';
import { schoolCalendar } from './school-calendar.js';
import { recordSchoolYearConfirmation, schoolYearStatus } from './school-years.js';
import { runTransaction } from '../../db/transaction.js';

function requireReader(principal: StaffPrincipal): void {
  if (!readsSchoolYear(principal.member.roles)) {
    throw new AppError('forbidden', 'Alleen de directeur en de anti-pestcoördinator zien het schooljaar.');
  }
}

function requireDirector(principal: StaffPrincipal, what: string): void {
  if (!principal.member.roles.includes('directeur')) throw new AppError('forbidden', `Alleen de directeur ${what}.`);
}

export async function readStaffSchoolYear(context: AppContext, principal: StaffPrincipal): Promise<StaffSchoolYearResponse> {
  requireReader(principal);
  const school = principal.school;
  const row = await findSchoolRow(context.db, school.slug);
  if (!row) throw new AppError('not_found', 'Deze school bestaat niet.');
  const now = context.now();
  return {
    schoolName: school.name,
    schoolYear: await schoolYearStatus(context.db, row, now),
    canChange: principal.member.roles.includes('directeur'),
    calendar: await schoolCalendar(context.db, school, now),
  };
}

/** The directeur confirms the table for the school year to confirm now; audited with who and when. */
export async function confirmStaffSchoolYear(context: AppContext, principal: StaffPrincipal): Promise<StaffSchoolYearResponse> {
  requireDirector(principal, 'bevestigt de contacttabel');
  const now = context.now();
  const slug = principal.school.slug;
  await runTransaction(context.db, async (trx) => {
    const year = await recordSchoolYearConfirmation(trx, slug, principal.member, now);
    await audit(trx, { school: slug, member: principal.member, action: 'schoolyear.confirm', detail: `contacttabel ${year.name} bevestigd`, at: now });
  });
  return readStaffSchoolYear(context, principal);
}

function directorEditor(principal: StaffPrincipal): DayOffEditor {
  return {
    email: principal.member.email,
    audit: (trx, change, detail, at) => audit(trx, { school: principal.school.slug, member: principal.member, action: `dayoff.${change}`, detail, at }),
  };
}

export async function addStaffDayOff(context: AppContext, principal: StaffPrincipal, dayOff: DayOff): Promise<StaffSchoolYearResponse> {
  requireDirector(principal, 'zet vrije dagen in het rooster');
  await addDayOff(context, directorEditor(principal), principal.school.slug, dayOff);
  return readStaffSchoolYear(context, principal);
}

export async function removeStaffDayOff(context: AppContext, principal: StaffPrincipal, id: number): Promise<StaffSchoolYearResponse> {
  requireDirector(principal, 'haalt vrije dagen uit het rooster');
  await removeDayOff(context, directorEditor(principal), principal.school.slug, id);
  return readStaffSchoolYear(context, principal);
}
