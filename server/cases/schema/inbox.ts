// Which case, which screenshot, which inbox page with which filters, which page of the audit log.
import { z } from 'zod';
import { MAX_STAFF_INBOX_PAGE_SIZE } from '../../shared/limits.js';
import { KINDS, PLACES } from '../../shared/report-options.js';
import { CASE_STATUSES, STEPS } from '../../shared/protocol.js';
import { calendarDay, id } from './fields.js';

export const ReportParams = z.object({ id });
export const ScreenshotParams = z.object({ id, screenshotId: id });

export const InboxQuery = z.object({
  status: z.enum(CASE_STATUSES, { error: 'Kies een bestaande status.' }).optional(),
  step: z.enum([...STEPS, 'none'], { error: 'Kies een bestaande stap.' }).optional(),
  kind: z.enum(KINDS, { error: 'Kies een bestaande soort.' }).optional(),
  place: z.enum(PLACES, { error: 'Kies een bestaande plek.' }).optional(),
  from: calendarDay.optional(),
  to: calendarDay.optional(),
  indication: z.enum(['pesten', 'plagen', 'onduidelijk'], { error: 'Kies pesten, plagen of onduidelijk.' }).optional(),
  unread: z.enum(['true', 'false'], { error: 'Kies ja of nee.' }).transform((value) => value === 'true').optional(),
  /** 'due': only the open cases whose day to look back is today or has passed. */
  followUp: z.enum(['due'], { error: 'Kies: terugkijken vandaag of eerder.' }).optional(),
  /** Keyset cursor: `next` of the previous page ("<urgent 0|1>-<YYYY-MM-DD>-<case number>"). */
  before: z
    .string()
    .regex(/^[01]-\d{4}-\d{2}-\d{2}-\d{1,12}$/, 'Deze pagina bestaat niet.')
    .transform((cursor) => ({ urgent: Number(cursor[0]), day: cursor.slice(2, 12), id: Number(cursor.slice(13)) }))
    .optional(),
  limit: z
    .union([z.number(), z.string().regex(/^\d{1,4}$/).transform(Number)], { error: 'Dit is geen aantal.' })
    .pipe(z.number().int().min(1, 'Minstens 1.').max(MAX_STAFF_INBOX_PAGE_SIZE, `Hoogstens ${MAX_STAFF_INBOX_PAGE_SIZE}.`))
    .optional(),
});
export type InboxQuery = z.output<typeof InboxQuery>;

/**
 * The audit log pages by position among the entries this person may see, not by entry id: the ids
 * of a page would count the entries about confidential cases that were left out.
 */
export const AuditQuery = z.object({
  offset: z.union([z.number(), z.string().regex(/^\d{1,9}$/).transform(Number)], { error: 'Deze pagina bestaat niet.' }).optional(),
});
