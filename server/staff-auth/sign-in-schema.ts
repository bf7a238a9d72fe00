// The request shapes of staff sign-in (/api/staff/login, /api/staff/session): the board's sign-in
// uses the same ones.
import { z } from 'zod';
import { MAX_EMAIL_LENGTH, MAX_LOGIN_TOKEN_LENGTH } from '../shared/limits.js';

/** School slugs are at most 40 characters (the pattern in server/config.ts). */
const school = z.string({ error: 'Kies een school.' }).min(1, 'Kies een school.').max(40, 'Deze school kennen we niet.');

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
