// The protocol's work on a case: the school's verdict, a step, closing, a checklist item.
import { z } from 'zod';
import { MAX_MESSAGE_LENGTH, MAX_STEP_NOTE_LENGTH } from '../../shared/limits.js';
import { visibleText } from '../../reports/report-schema.js';
import { CHECKLIST_NAMES, CLOSE_OUTCOMES, REFERRALS, STAFF_INDICATIONS, STEPS } from '../../shared/protocol.js';
import { calendarDay, shortNote } from './fields.js';

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

const NO_CLOSING_MESSAGE = 'Schrijf een bericht aan de melder. Wil je bewust niets sturen? Maak het vak dan leeg.';

/**
 * Closing always says what the reporter is told: `message` must be present. An empty message (staff
 * cleared the default text on purpose) closes without one; anything else goes to the reporter.
 */
export const CloseBody = z.object({
  outcome: z.enum(CLOSE_OUTCOMES, { error: 'Kies: afsluiten als plagen of als opgelost.' }),
  note: shortNote(MAX_STEP_NOTE_LENGTH),
  message: z.string({ error: NO_CLOSING_MESSAGE }).pipe(visibleText(MAX_MESSAGE_LENGTH, `Dit mag niet langer zijn dan ${MAX_MESSAGE_LENGTH} tekens.`)),
});
export type CloseInput = z.output<typeof CloseBody>;

export const ChecklistBody = z.object({
  list: z.enum(CHECKLIST_NAMES, { error: 'Kies een bestaande lijst.' }),
  item: z.number({ error: 'Kies een punt van de lijst.' }).int().min(0, 'Kies een punt van de lijst.'),
  checked: z.boolean({ error: 'Kies aan of uit.' }),
});
export type ChecklistInput = z.output<typeof ChecklistBody>;

const PICK_FOLLOW_UP_DAY = 'Kies een dag om terug te kijken.';

/** The day to look back at the case (does the bullying stop?); null takes it away. */
export const FollowUpBody = z.object({ on: z.string({ error: PICK_FOLLOW_UP_DAY }).pipe(calendarDay).nullable() }, { error: PICK_FOLLOW_UP_DAY });
export type FollowUpInput = z.output<typeof FollowUpBody>;
