import type { HolidayRegion } from '../shared/board-values.js';

// The national school holidays per region, first and last day (both free, weekends included), for
// the school years 2025-2026 up to 2027-2028.
//
// Source: the schedule the Dutch government publishes, rijksoverheid.nl > onderwerpen >
// schoolvakanties > "Overzicht schoolvakanties per schooljaar". 2027-2028 was copied from that
// page; 2025-2026 and 2026-2027 were written from the same schedule as schools publish it and
// checked against several schools' own calendars. The herfst- and voorjaarsvakantie there are
// advice, and a school may take other weeks; the meivakantie is the one week around Koningsdag
// (many schools add the week before). A board checks these dates against rijksoverheid.nl and the
// school guide, and adds what differs (an extra week, studiedagen) as the school's own days off.

export type HolidayName = 'herfstvakantie' | 'kerstvakantie' | 'voorjaarsvakantie' | 'meivakantie' | 'zomervakantie';

export interface NationalHoliday {
  name: HolidayName;
  /** The school year, as "2025-2026". */
  schoolYear: string;
  /** First free day, YYYY-MM-DD. */
  from: string;
  /** Last free day, YYYY-MM-DD. */
  to: string;
}

type Span = readonly [from: string, to: string];
type PerRegion = Record<HolidayRegion, Span>;
const everywhere = (span: Span): PerRegion => ({ noord: span, midden: span, zuid: span });

const SCHEDULE: Record<string, Record<HolidayName, PerRegion>> = {
  '2025-2026': {
    herfstvakantie: { noord: ['2025-10-18', '2025-10-26'], midden: ['2025-10-18', '2025-10-26'], zuid: ['2025-10-11', '2025-10-19'] },
    kerstvakantie: everywhere(['2025-12-20', '2026-01-04']),
    voorjaarsvakantie: { noord: ['2026-02-21', '2026-03-01'], midden: ['2026-02-14', '2026-02-22'], zuid: ['2026-02-14', '2026-02-22'] },
    meivakantie: everywhere(['2026-04-25', '2026-05-03']),
    zomervakantie: { noord: ['2026-07-04', '2026-08-16'], midden: ['2026-07-18', '2026-08-30'], zuid: ['2026-07-11', '2026-08-23'] },
  },
  '2026-2027': {
    herfstvakantie: { noord: ['2026-10-10', '2026-10-18'], midden: ['2026-10-17', '2026-10-25'], zuid: ['2026-10-17', '2026-10-25'] },
    kerstvakantie: everywhere(['2026-12-19', '2027-01-03']),
    voorjaarsvakantie: { noord: ['2027-02-20', '2027-02-28'], midden: ['2027-02-20', '2027-02-28'], zuid: ['2027-02-06', '2027-02-14'] },
    meivakantie: everywhere(['2027-04-24', '2027-05-02']),
    zomervakantie: { noord: ['2027-07-10', '2027-08-22'], midden: ['2027-07-17', '2027-08-29'], zuid: ['2027-07-17', '2027-08-29'] },
  },
  '2027-2028': {
    herfstvakantie: { noord: ['2027-10-16', '2027-10-24'], midden: ['2027-10-16', '2027-10-24'], zuid: ['2027-10-23', '2027-10-31'] },
    kerstvakantie: everywhere(['2027-12-25', '2028-01-09']),
    voorjaarsvakantie: { noord: ['2028-02-19', '2028-02-27'], midden: ['2028-02-26', '2028-03-05'], zuid: ['2028-02-26', '2028-03-05'] },
    meivakantie: everywhere(['2028-04-29', '2028-05-07']),
    zomervakantie: { noord: ['2028-07-15', '2028-08-27'], midden: ['2028-07-08', '2028-08-20'], zuid: ['2028-07-22', '2028-09-03'] },
  },
};

/** The school years the shipped schedule covers, oldest first. */
export const HOLIDAY_SCHOOL_YEARS = Object.keys(SCHEDULE);

/** The region's national holidays, in date order. */
export function nationalHolidays(region: HolidayRegion): NationalHoliday[] {
  return Object.entries(SCHEDULE).flatMap(([schoolYear, holidays]) =>
    Object.entries(holidays).map(([name, spans]) => ({ name: name as HolidayName, schoolYear, from: spans[region][0], to: spans[region][1] })),
  );
}
