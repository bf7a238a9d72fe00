// Calendar arithmetic on school days (YYYY-MM-DD in the school's time zone). Weekends are not
// school days; holidays are not known to the portal and count as school days.

const SCHOOL_TIME_ZONE = 'Europe/Amsterdam';
const dayFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: SCHOOL_TIME_ZONE, dateStyle: 'short' });
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The school's calendar day of a moment. */
export function localDay(moment: Date): string {
  return dayFormat.format(moment);
}

/** The calendar day of a stored time: anonymous reports store only the day, others an ISO timestamp. */
export function dayOfStored(stored: string): string {
  return DAY.test(stored) ? stored : localDay(new Date(stored));
}

function parseDay(day: string): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date));
}

function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function isSchoolDay(date: Date): boolean {
  const weekday = date.getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The first day on which `count` whole school days have passed after `day`; the day itself does
 * not count (a report sent on Monday afternoon has had Tuesday and Wednesday by Thursday).
 */
export function dayAfterSchoolDays(day: string, count: number): string {
  const date = parseDay(day);
  let passed = 0;
  while (passed < count) {
    date.setUTCDate(date.getUTCDate() + 1);
    if (isSchoolDay(date)) passed += 1;
  }
  date.setUTCDate(date.getUTCDate() + 1);
  return formatDay(date);
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
