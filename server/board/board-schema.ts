// Request and response shapes of /api/beheer, once, in zod. Pure zod: the web side imports the types.
import { z } from 'zod';
import { Contact, School, SchoolName, SchoolOptions } from '../schools/schools-file.js';

export { LoginRequestBody, RedeemLinkBody } from '../staff-auth/sign-in-schema.js';

/** A new school: its address (slug), name, options and a first contact table with an APC and a VP. */
export const NewSchoolBody = School;

/** What may change of a school; the slug stays (reports and addresses are keyed by it). */
export const SchoolChangeBody = z.object({ name: SchoolName, ...SchoolOptions.shape });
export type SchoolChange = z.infer<typeof SchoolChangeBody>;

export const ContactBody = Contact;

export const ContactIdParam = z.object({
  id: z.coerce.number({ error: 'Dit is geen nummer.' }).int('Dit is geen nummer.').positive('Dit is geen nummer.').max(Number.MAX_SAFE_INTEGER),
});

export type { BoardContact, BoardMeResponse, BoardSchool, BoardSchoolsResponse } from '../shared/board-responses.js';
