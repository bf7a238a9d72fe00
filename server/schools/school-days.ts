// The school's calendar: days (YYYY-MM-DD) in the school's time zone, the instant a day begins,
// arithmetic on school days and months, school years, and how staff read a day in Dutch. Weekends
// are not school days, nor the days off a school's calendar (school-calendar.ts) names.
import { isBareDay, SCHOOL_TIME_ZONE } from '../shared/school-time.js';

const dayFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: SCHOOL_TIME_ZONE, dateStyle: 'short' });
const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: SCHOOL_TIME_ZONE, timeZoneName: 'longOffset' });
const dutchDay = new Intl.DateTimeFormat('nl-NL', { timeZone: SCHOOL_TIME_ZONE, dateStyle: 'long' });
const dutchDayAndTime = new Intl.DateTimeFormat('nl-NL', { timeZone: SCHOOL_TIME_ZONE, dateStyle: 'long', timeStyle: 'short' });
const HOUR_MS = 60 * 60 * 1000;

/** The school's calendar day of a moment. */
export function localDay(moment: Date): string {
  return dayFormat.format(moment);
}

/** The calendar day of a stored time: anonymous reports store only the day, others an ISO timestamp. */
export function dayOfStored(stored: string): string {
  return isBareDay(stored) ? stored : localDay(new Date(stored));
}

function parseDay(day: string): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date));
}

function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A YYYY-MM-DD that names a real day: 2025-02-30 is not one (a Date would roll it over into March). */
export function isCalendarDay(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && formatDay(date) === day;
}

export function nextDay(day: string): string {
  return addDays(day, 1);
}

/** The day `count` calendar days after `day` (YYYY-MM-DD). */
export function addDays(day: string, count: number): string {
  const date = parseDay(day);
  date.setUTCDate(date.getUTCDate() + count);
  return formatDay(date);
}

/**
 * The instant (ISO UTC) at which this day begins at school. Dutch clocks change at 01:00 UTC, never
 * near local midnight, so the offset an hour before UTC midnight is the one at local midnight.
 */
export function schoolMidnight(day: string): string {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  const name = offsetFormat.formatToParts(new Date(utcMidnight - HOUR_MS)).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  const offsetMs = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * HOUR_MS + Number(match[3]) * 60 * 1000) : 0;
  return new Date(utcMidnight - offsetMs).toISOString();
}

/** Days (YYYY-MM-DD) a school is closed on a weekday: holidays and its own days off. */
export type DaysOff = ReadonlySet<string>;

function isSchoolDay(date: Date, daysOff: DaysOff): boolean {
  const weekday = date.getUTCDay();
  return weekday !== 0 && weekday !== 6 && !daysOff.has(formatDay(date));
}

/**
 * The first day on which `count` whole school days have passed after `day`; the day itself does
 * not count (a report sent on Monday afternoon has had Tuesday and Wednesday by Thursday).
 */
export function dayAfterSchoolDays(day: string, count: number, daysOff: DaysOff): string {
  const date = parseDay(day);
  let passed = 0;
  while (passed < count) {
    date.setUTCDate(date.getUTCDate() + 1);
    if (isSchoolDay(date, daysOff)) passed += 1;
  }
  date.setUTCDate(date.getUTCDate() + 1);
  return formatDay(date);
}

/** Every day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = nextDay(day)) days.push(day);
  return days;
}

/** A school year runs from 1 August to 31 July. */
export interface SchoolYear {
  /** "2025-2026". */
  name: string;
  first: string;
  last: string;
}

export function schoolYearOf(day: string): SchoolYear {
  const year = Number(day.slice(0, 4));
  const start = day.slice(5) >= '08-01' ? year : year - 1;
  return { name: `${start}-${start + 1}`, first: `${start}-08-01`, last: `${start + 1}-07-31` };
}

/** The same day `months` later; the 31st becomes the month's last day when the month is shorter. */
export function addMonths(day: string, months: number): string {
  const start = parseDay(day);
  const target = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(start.getUTCDate(), lastDay));
  return formatDay(target);
}

export function laterDay(a: string, b: string | null): string {
  return b !== null && b > a ? b : a;
}

/** A moment as Dutch staff read it: "14 maart 2025", with "om 10:05" unless only the day may show. */
export function formatDutch(moment: Date, dayOnly: boolean): string {
  return (dayOnly ? dutchDay : dutchDayAndTime).format(moment);
}

/** A stored time in Dutch: a bare day stays a day, a timestamp gets its time. */
export function formatStoredDutch(stored: string): string {
  return isBareDay(stored) ? formatDutch(new Date(`${stored}T12:00:00Z`), true) : formatDutch(new Date(stored), false);
}
