// School years: a contact table belongs to a school year (1 August – 31 July). The table in the
// database is always the one in force; each school year the directeur or a board admin confirms
// that it is right for that year (db table school_year_confirmation). An unconfirmed table keeps
// working: confirming is an attestation, never a switch, so nobody is ever left without a table.
import { confirmSchoolYear, findSchoolYear, listSchoolYear } from '../../db/queries/school-years.js';
import { listSchoolRows } from '../../db/queries/schools.js';
import type { Db } from '../../db/database.js';
import type { SchoolRow } from '../../db/schema.js';
import type { SchoolYearStatus } from '../shared/board-responses.js';
import { localDay, nextDay, schoolYearOf, type SchoolYear } from './school-days.js';

/** The month (1–12) in which next school year's table is asked to be confirmed: July. */
export const SCHOOL_YEAR_CONFIRM_MONTH = 7;

/** Whether this moment is in the month the July mail goes and next year's table is confirmed. */
export function inConfirmMonth(now: Date): boolean {
  return Number(localDay(now).slice(5, 7)) === SCHOOL_YEAR_CONFIRM_MONTH;
}

/** The school year after the one this moment is in. */
export function nextSchoolYear(now: Date): SchoolYear {
  return schoolYearOf(nextDay(schoolYearOf(localDay(now)).last));
}

/** The school year whose table is to be confirmed now: next year's in July, else the current one. */
export function schoolYearToConfirm(now: Date): SchoolYear {
  return inConfirmMonth(now) ? nextSchoolYear(now) : schoolYearOf(localDay(now));
}

/**
 * The table a school starts with (imported, or set up by the board) counts as confirmed for the
 * school year it was made in: a warning begins at the first 1 August that finds it unconfirmed.
 */
function madeIn(row: Pick<SchoolRow, 'created_at'>, year: SchoolYear): boolean {
  return schoolYearOf(localDay(new Date(row.created_at))).name === year.name;
}

function statusOf(
  row: Pick<SchoolRow, 'created_at'>,
  confirmation: { confirmed_at: string | null; confirmed_by_name: string | null } | undefined,
  now: Date,
): SchoolYearStatus {
  const year = schoolYearToConfirm(now);
  const confirmed = confirmation?.confirmed_at ? { by: confirmation.confirmed_by_name ?? '', at: confirmation.confirmed_at } : null;
  const current = schoolYearOf(localDay(now)).name === year.name;
  return { schoolYear: year.name, confirmed, unconfirmed: confirmed === null && current && !madeIn(row, year) };
}

/** Where one school's table stands for the school year to confirm now. */
export async function schoolYearStatus(db: Db, row: Pick<SchoolRow, 'slug' | 'created_at'>, now: Date): Promise<SchoolYearStatus> {
  return statusOf(row, await findSchoolYear(db, row.slug, schoolYearToConfirm(now).name), now);
}

/** Every school's status for the school year to confirm now, by slug. */
export async function schoolYearStatuses(db: Db, rows: readonly SchoolRow[], now: Date): Promise<Map<string, SchoolYearStatus>> {
  const confirmations = new Map((await listSchoolYear(db, schoolYearToConfirm(now).name)).map((row) => [row.school, row]));
  return new Map(rows.map((row) => [row.slug, statusOf(row, confirmations.get(row.slug), now)]));
}

/** The names of the schools whose table for the current school year nobody confirmed (after 1 August). */
export async function unconfirmedSchoolNames(db: Db, now: Date): Promise<string[]> {
  const rows = await listSchoolRows(db);
  const statuses = await schoolYearStatuses(db, rows, now);
  return rows.filter((row) => statuses.get(row.slug)?.unconfirmed).map((row) => row.name);
}

/** Records that `by` confirmed the school's table for the school year to confirm now; returns that year. */
export async function recordSchoolYearConfirmation(trx: Db, slug: string, by: { email: string; name: string }, now: Date): Promise<SchoolYear> {
  const year = schoolYearToConfirm(now);
  await confirmSchoolYear(trx, { school: slug, schoolYear: year.name, by: by.email, byName: by.name, at: now.toISOString() });
  return year;
}
