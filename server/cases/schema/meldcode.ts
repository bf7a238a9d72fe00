// The Meldcode part of a case: a record of one of its five steps, or a note.
import { z } from 'zod';
import { MAX_STEP_NOTE_LENGTH } from '../../shared/limits.js';
import { MELDCODE_STEPS } from '../../shared/meldcode.js';
import { shortNote } from './fields.js';

export const MeldcodeEntryBody = z
  .object({
    step: z.enum(MELDCODE_STEPS, { error: 'Kies een stap van de Meldcode (1 tot en met 5).' }).optional(),
    note: shortNote(MAX_STEP_NOTE_LENGTH),
  })
  .refine((body) => body.step !== undefined || body.note !== null, {
    message: 'Kies een stap of schrijf een notitie.',
    path: ['note'],
  });
export type MeldcodeEntryInput = z.output<typeof MeldcodeEntryBody>;
