// The school's clock, read by the server and the pages alike. Every school the portal serves is in
// the Netherlands; a day (YYYY-MM-DD) is always that day in this time zone.

export const SCHOOL_TIME_ZONE = 'Europe/Amsterdam';

const BARE_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Whether a stored time is a bare day: an anonymous report, and what its reporter sends later,
 * keep only the day; everything else keeps an ISO timestamp.
 */
export function isBareDay(stored: string): boolean {
  return BARE_DAY.test(stored);
}
