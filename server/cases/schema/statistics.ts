// The period of the Cijfers page.
import { z } from 'zod';
import { MAX_STATISTICS_RANGE_MONTHS } from '../../shared/limits.js';
import { calendarDay } from './fields.js';

/** The first day `months` later (1 Aug 2024 + 24 months = 1 Aug 2026), as YYYY-MM-DD. */
function monthsLater(value: string, months: number): string {
  const [year, month, date] = value.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1 + months, date)).toISOString().slice(0, 10);
}

/** Either end may be left out: the server fills in the school year around the other (or today). */
export const StatisticsQuery = z
  .object({ from: calendarDay.optional(), to: calendarDay.optional() })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    message: 'De einddatum ligt vóór de begindatum.',
    path: ['to'],
  })
  .refine((query) => !query.from || !query.to || query.to < monthsLater(query.from, MAX_STATISTICS_RANGE_MONTHS), {
    message: `Kies een periode van hoogstens ${MAX_STATISTICS_RANGE_MONTHS / 12} jaar.`,
    path: ['to'],
  });
export type StatisticsQuery = z.output<typeof StatisticsQuery>;
