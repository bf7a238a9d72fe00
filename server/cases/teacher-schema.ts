// Request shapes of the teacher list and of a teacher's invitation to a case.
import { z } from 'zod';
import { ContactEmail, ContactName } from '../schools/schools-file.js';
import { TEACHER_GROEP_MAX } from '../shared/teachers.js';
import { id } from './schema/fields.js';

const groepMissing = 'Vul de groep in, zoals 5 of 7/8.';

export const TeacherBody = z.strictObject(
  {
    name: ContactName,
    email: ContactEmail,
    groep: z
      .string({ error: groepMissing })
      .trim()
      .min(1, groepMissing)
      .max(TEACHER_GROEP_MAX, `Gebruik hoogstens ${TEACHER_GROEP_MAX} tekens voor de groep.`),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? 'Dit veld kennen we niet.' : undefined) },
);
export type TeacherInput = z.infer<typeof TeacherBody>;

export const TeacherParams = z.object({ id });

export const InviteBody = z.object({
  teacherId: id,
  shareIdentity: z.boolean({ error: 'Kies of de leerkracht de naam van de melder mag zien.' }).default(false),
});
export type InviteInput = z.infer<typeof InviteBody>;

export const ShareIdentityBody = z.object({
  shareIdentity: z.boolean({ error: 'Kies of de leerkracht de naam van de melder mag zien.' }),
});

export const InvitationParams = z.object({ id, invitationId: id });
