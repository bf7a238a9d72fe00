// Between colleagues only: a note on the case, who handles it.
import { z } from 'zod';
import { MAX_EMAIL_LENGTH, MAX_STAFF_NOTE_LENGTH } from '../../shared/limits.js';
import { requiredText } from './fields.js';

export const NoteBody = z.object({ text: requiredText(MAX_STAFF_NOTE_LENGTH, 'Schrijf een notitie.') });
export const AssigneeBody = z.object({
  email: z.string({ error: 'Kies een collega.' }).max(MAX_EMAIL_LENGTH).nullable(),
});
