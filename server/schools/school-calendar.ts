import { listDaysOff } from '../../db/queries/school-days-off.js';
import type { Db } from '../../db/database.js';
import type { HolidayRegion } from '../shared/board-values.js';
import type { SchoolCalendar } from '../shared/board-responses.js';
import { nationalHolidays } from './national-holidays.js';
import { daysBetween, localDay, type DaysOff } from './school-days.js';

/**
 * The days a school is closed from `from` on: the national holidays of its region (none while the
 * board has not chosen one) and the days it added itself. The reminder clock skips them.
 */
export async function schoolDaysOff(db: Db, school: { slug: string; holidayRegion: HolidayRegion | null }, from: string): Promise<DaysOff> {
  const days = new Set<string>();
  if (school.holidayRegion) {
    for (const holiday of nationalHolidays(school.holidayRegion)) {
      if (holiday.to >= from) for (const day of daysBetween(holiday.from, holiday.to)) days.add(day);
    }
  }
  for (const row of await listDaysOff(db, school.slug, from)) days.add(row.day);
  return days;
}

/** What a board admin and the directeur see of the school's calendar: holidays still to come, and its own days off. */
export async function schoolCalendar(db: Db, school: { slug: string; holidayRegion: HolidayRegion | null }, now: Date): Promise<SchoolCalendar> {
  const today = localDay(now);
  const region = school.holidayRegion;
  return {
    holidayRegion: region,
    holidays: region ? nationalHolidays(region).filter((holiday) => holiday.to >= today) : [],
    daysOff: (await listDaysOff(db, school.slug)).map((day) => ({ id: day.id, day: day.day, label: day.label })),
  };
}
