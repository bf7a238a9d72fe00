// The shipped national school holidays and the school calendar built from them.
import { describe, expect, it } from 'vitest';
import { HOLIDAY_REGIONS } from '../server/shared/board-values.js';
import { HOLIDAY_SCHOOL_YEARS, nationalHolidays } from '../server/schools/national-holidays.js';
import { dayAfterSchoolDays, daysBetween, schoolYearOf } from '../server/schools/school-days.js';

const weekday = (day: string) => new Date(`${day}T12:00:00Z`).getUTCDay();
/** Days a holiday lasts, both ends included. */
const length = (from: string, to: string) => daysBetween(from, to).length;

/** How long each holiday is in the published schedule: a week with both weekends, two, or six. */
const LENGTH: Record<string, number> = { herfstvakantie: 9, kerstvakantie: 16, voorjaarsvakantie: 9, meivakantie: 9, zomervakantie: 44 };

describe('the national school holidays', () => {
  it('cover 2025-2026 up to 2027-2028, five holidays a year in each region', () => {
    expect(HOLIDAY_SCHOOL_YEARS).toEqual(['2025-2026', '2026-2027', '2027-2028']);
    for (const region of HOLIDAY_REGIONS) expect(nationalHolidays(region)).toHaveLength(15);
  });

  it('run from a Saturday to a Sunday, as long as the schedule says, inside their school year', () => {
    for (const region of HOLIDAY_REGIONS) {
      for (const holiday of nationalHolidays(region)) {
        const what = `${holiday.name} ${holiday.schoolYear} ${region}`;
        expect(weekday(holiday.from), what).toBe(6);
        expect(weekday(holiday.to), what).toBe(0);
        expect(length(holiday.from, holiday.to), what).toBe(LENGTH[holiday.name]);
        expect(schoolYearOf(holiday.from).name, what).toBe(holiday.schoolYear);
      }
    }
  });

  it('give Christmas and the meivakantie to every region at once', () => {
    for (const year of HOLIDAY_SCHOOL_YEARS) {
      for (const name of ['kerstvakantie', 'meivakantie']) {
        const spans = HOLIDAY_REGIONS.map((region) => nationalHolidays(region).find((h) => h.schoolYear === year && h.name === name)!);
        expect(new Set(spans.map((span) => `${span.from}/${span.to}`)).size, `${name} ${year}`).toBe(1);
      }
    }
  });
});

describe('school years and school days', () => {
  it('a school year runs from 1 August to 31 July', () => {
    expect(schoolYearOf('2026-07-31')).toEqual({ name: '2025-2026', first: '2025-08-01', last: '2026-07-31' });
    expect(schoolYearOf('2026-08-01')).toEqual({ name: '2026-2027', first: '2026-08-01', last: '2027-07-31' });
  });

  it('skip the days off as they skip weekends', () => {
    // Friday 17 October 2025, then the herfstvakantie of regio noord (18–26 October).
    const herfst = new Set(daysBetween('2025-10-18', '2025-10-26'));
    expect(dayAfterSchoolDays('2025-10-17', 2, new Set())).toBe('2025-10-22');
    expect(dayAfterSchoolDays('2025-10-17', 2, herfst)).toBe('2025-10-29');
    expect(dayAfterSchoolDays('2025-10-17', 2, new Set([...herfst, '2025-10-27']))).toBe('2025-10-30');
  });
});
