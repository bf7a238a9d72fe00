// Request shapes of /api/staff, once, in zod; TypeScript types are inferred from them. The answers'
// shapes are in server/shared/staff-responses.ts, where the browser reads them too.

import { z } from 'zod';
import {
  EARLIEST_STAFF_DAY,
  LATEST_STAFF_DAY,
  MAX_EMAIL_LENGTH,
  MAX_LOGIN_TOKEN_LENGTH,
  MAX_MESSAGE_LENGTH,
  MAX_STAFF_INBOX_PAGE_SIZE,
  MAX_STAFF_NOTE_LENGTH,
  MAX_STATISTICS_RANGE_MONTHS,
  MAX_STEP_NOTE_LENGTH,
} from '../shared/limits.js';
import { visibleText } from '../reports/report-schema.js';
import { isCalendarDay } from '../schools/school-days.js';
import { KINDS, PLACES } from '../shared/report-options.js';
import {
  CASE_STATUSES,
  CHECKLIST_NAMES,
  CLOSE_OUTCOMES,
  REFERRALS,
  REPORTER_STATUSES,
  STAFF_INDICATIONS,
  STEPS,
} from '../shared/protocol.js';

const id = z
  .union([z.number(), z.string().regex(/^\d{1,12}$/, 'Dit is geen nummer.').transform(Number)], { error: 'Dit is geen nummer.' })
  .pipe(z.number().int('Dit is geen nummer.').positive('Dit is geen nummer.').max(Number.MAX_SAFE_INTEGER));

/** School slugs are at most 40 characters (the pattern in server/config.ts). */
const school = z.string({ error: 'Kies een school.' }).min(1, 'Kies een school.').max(40, 'Deze school kennen we niet.');

/**
 * A real calendar day (2025-02-30 is refused, not rolled over into March) between EARLIEST_STAFF_DAY
 * and LATEST_STAFF_DAY, so that no date arithmetic downstream can leave the range a Date holds.
 */
// Each check aborts, so the range checks of a query never see a day that failed (they would do date
// arithmetic on it).
const calendarDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Kies een datum (jjjj-mm-dd).', abort: true })
  .refine(isCalendarDay, { error: 'Deze datum bestaat niet.', abort: true })
  .refine((value) => value >= EARLIEST_STAFF_DAY && value <= LATEST_STAFF_DAY, {
    error: `Kies een datum tussen ${EARLIEST_STAFF_DAY.slice(0, 4)} en ${LATEST_STAFF_DAY.slice(0, 4)}.`,
    abort: true,
  });

function shortNote(max: number) {
  return visibleText(max, `Dit mag niet langer zijn dan ${max} tekens.`)
    .transform((value) => (value === '' ? null : value))
    .optional()
    .transform((value) => value ?? null);
}

function requiredText(max: number, empty: string) {
  return visibleText(max, `Dit mag niet langer zijn dan ${max} tekens.`).pipe(z.string().min(1, empty));
}

export const LoginRequestBody = z.object({
  email: z
    .string({ error: 'Vul je e-mailadres in.' })
    .trim()
    .max(MAX_EMAIL_LENGTH, 'Dit e-mailadres is te lang.')
    .pipe(z.email('Dit is geen goed e-mailadres.')),
});

export const RedeemLinkBody = z.object({
  token: z
    .string({ error: 'Deze inloglink is niet compleet.' })
    .min(1, 'Deze inloglink is niet compleet.')
    .max(MAX_LOGIN_TOKEN_LENGTH, 'Deze inloglink klopt niet.'),
  school: school.optional(),
});

export const SwitchSchoolBody = z.object({ school });

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
  /** Keyset cursor: `next` of the previous page ("<urgent 0|1>-<id>"). */
  before: z
    .string()
    .regex(/^[01]-\d{1,12}$/, 'Deze pagina bestaat niet.')
    .transform((cursor) => {
      const [urgent, id] = cursor.split('-').map(Number) as [number, number];
      return { urgent, id };
    })
    .optional(),
  limit: z
    .union([z.number(), z.string().regex(/^\d{1,4}$/).transform(Number)], { error: 'Dit is geen aantal.' })
    .pipe(z.number().int().min(1, 'Minstens 1.').max(MAX_STAFF_INBOX_PAGE_SIZE, `Hoogstens ${MAX_STAFF_INBOX_PAGE_SIZE}.`))
    .optional(),
});
export type InboxQuery = z.output<typeof InboxQuery>;

export const AuditQuery = z.object({ before: id.optional() });


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

export const IndicationBody = z.object({
  indication: z.enum(STAFF_INDICATIONS, { error: 'Kies pesten of plagen.' }),
  note: shortNote(MAX_STEP_NOTE_LENGTH),
});
export type IndicationInput = z.output<typeof IndicationBody>;

export const StepBody = z
  .object({
    step: z.enum(STEPS, { error: 'Kies een stap uit het protocol.' }),
    referral: z.enum(REFERRALS, { error: 'Kies waarnaar verwezen is.' }).optional(),
    note: shortNote(MAX_STEP_NOTE_LENGTH),
  })
  .refine((body) => body.step !== '5' || body.referral !== undefined, {
    message: 'Kies waarnaar verwezen is: GGD, schoolmaatschappelijk werk of leerplichtambtenaar.',
    path: ['referral'],
  })
  .refine((body) => body.step === '5' || body.referral === undefined, {
    message: 'Een verwijzing hoort alleen bij stap 5.',
    path: ['referral'],
  });
export type StepInput = z.output<typeof StepBody>;

export const CloseBody = z.object({
  outcome: z.enum(CLOSE_OUTCOMES, { error: 'Kies: afsluiten als plagen of als opgelost.' }),
  note: shortNote(MAX_STEP_NOTE_LENGTH),
});
export type CloseInput = z.output<typeof CloseBody>;

export const ChecklistBody = z.object({
  list: z.enum(CHECKLIST_NAMES, { error: 'Kies een bestaande lijst.' }),
  item: z.number({ error: 'Kies een punt van de lijst.' }).int().min(0, 'Kies een punt van de lijst.'),
  checked: z.boolean({ error: 'Kies aan of uit.' }),
});
export type ChecklistInput = z.output<typeof ChecklistBody>;

export const NoteBody = z.object({ text: requiredText(MAX_STAFF_NOTE_LENGTH, 'Schrijf een notitie.') });
export const MessageBody = z.object({ text: requiredText(MAX_MESSAGE_LENGTH, 'Schrijf een bericht.') });
export const ReporterStatusBody = z.object({ status: z.enum(REPORTER_STATUSES, { error: 'Kies een status.' }) });
export const AssigneeBody = z.object({
  email: z.string({ error: 'Kies een collega.' }).max(MAX_EMAIL_LENGTH).nullable(),
});
