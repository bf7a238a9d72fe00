// Building blocks of the staff request schemas: a numeric id, a calendar day, staff's free texts.
import { z } from 'zod';
import { EARLIEST_STAFF_DAY, LATEST_STAFF_DAY } from '../../shared/limits.js';
import { visibleText } from '../../reports/report-schema.js';
import { isCalendarDay } from '../../schools/school-days.js';

export const id = z
  .union([z.number(), z.string().regex(/^\d{1,12}$/, 'Dit is geen nummer.').transform(Number)], { error: 'Dit is geen nummer.' })
  .pipe(z.number().int('Dit is geen nummer.').positive('Dit is geen nummer.').max(Number.MAX_SAFE_INTEGER));

/**
 * A real calendar day (2025-02-30 is refused, not rolled over into March) between EARLIEST_STAFF_DAY
 * and LATEST_STAFF_DAY, so that no date arithmetic downstream can leave the range a Date holds.
 */
// Each check aborts, so the range checks of a query never see a day that failed (they would do date
// arithmetic on it).
export const calendarDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Kies een datum (jjjj-mm-dd).', abort: true })
  .refine(isCalendarDay, { error: 'Deze datum bestaat niet.', abort: true })
  .refine((value) => value >= EARLIEST_STAFF_DAY && value <= LATEST_STAFF_DAY, {
    error: `Kies een datum tussen ${EARLIEST_STAFF_DAY.slice(0, 4)} en ${LATEST_STAFF_DAY.slice(0, 4)}.`,
    abort: true,
  });

/** An optional note: left out or blank becomes null. */
export function shortNote(max: number) {
  return visibleText(max, `Dit mag niet langer zijn dan ${max} tekens.`)
    .transform((value) => (value === '' ? null : value))
    .optional()
    .transform((value) => value ?? null);
}

export function requiredText(max: number, empty: string) {
  return visibleText(max, `Dit mag niet langer zijn dan ${max} tekens.`).pipe(z.string().min(1, empty));
}
