import { listDaysOff } from '../../db/queries/school-days-off.js';
import type { Db } from '../../db/database.js';
import type { HolidayRegion } from '../shared/board-values.js';
import { nationalHolidays } from './national-holidays.js';
import { daysBetween, type DaysOff } from './school-days.js';

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
