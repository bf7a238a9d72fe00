// Request and response shapes of /api/beheer, once, in zod. Pure zod: the web side imports the types.
import { z } from 'zod';
import { Contact, School, SchoolName, SchoolOptions } from '../schools/schools-file.js';
import { isCalendarDay } from '../schools/school-days.js';
import { SCHOOL_TEXT_MAX } from '../shared/limits.js';

export { LoginRequestBody, RedeemLinkBody } from '../staff-auth/sign-in-schema.js';

/** A new school: its address (slug), name, options and a first contact table with an APC and a VP. */
export const NewSchoolBody = School;

/** What may change of a school; the slug stays (reports and addresses are keyed by it). */
export const SchoolChangeBody = z.object({ name: SchoolName, ...SchoolOptions.shape });
export type SchoolChange = z.infer<typeof SchoolChangeBody>;

export const ContactBody = Contact;

/** A new contact; `forNextSchoolYear`: in the table only from next school year's 1 August. */
export const NewContactBody = Contact.extend({
  forNextSchoolYear: z.boolean({ error: 'Kies of de persoon nu of pas volgend schooljaar begint.' }).optional(),
});

const HandOverTo = z.number({ error: 'Kies wie de meldingen overneemt.' }).int('Kies wie de meldingen overneemt.').positive('Kies wie de meldingen overneemt.');

/** A change to a contact; `handOverTo`: who takes the open cases the change takes from them. */
export const ContactChangeBody = Contact.extend({ handOverTo: HandOverTo.optional() });

/** A day the school is closed besides the national holidays, and what it is. */
export const DayOffBody = z.object({
  day: z
    .string({ error: 'Kies een datum.' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Kies een datum, zoals 2026-03-16.')
    .refine(isCalendarDay, 'Deze datum bestaat niet.'),
  label: z
    .string({ error: 'Schrijf erbij wat voor dag het is, zoals studiedag.' })
    .trim()
    .min(1, 'Schrijf erbij wat voor dag het is, zoals studiedag.')
    .max(SCHOOL_TEXT_MAX, `Gebruik hoogstens ${SCHOOL_TEXT_MAX} tekens.`),
});
export type DayOff = z.infer<typeof DayOffBody>;

/** Ending a contact; `handOverTo`: the contact (id) who takes over their open cases. */
export const EndContactBody = z.object({ handOverTo: HandOverTo.optional() });

export const RowIdParam = z.object({
  id: z.coerce.number({ error: 'Dit is geen nummer.' }).int('Dit is geen nummer.').positive('Dit is geen nummer.').max(Number.MAX_SAFE_INTEGER),
});

export type { BoardContact, BoardMeResponse, BoardSchool, BoardSchoolsResponse } from '../shared/board-responses.js';
