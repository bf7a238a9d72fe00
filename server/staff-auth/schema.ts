// The request shape of /api/staff/second-factor, in zod; the answers are in server/shared/staff-responses.ts.
import { z } from 'zod';
import { TOTP_DIGITS } from '../shared/limits.js';

const CODE_MESSAGE = `Vul de code van ${TOTP_DIGITS} cijfers uit je authenticator-app in.`;

export const TotpCodeBody = z.object({
  code: z
    .string({ error: CODE_MESSAGE })
    .max(20, CODE_MESSAGE)
    .transform((value) => value.replace(/[\s-]/g, ''))
    .pipe(z.string().regex(new RegExp(`^\\d{${TOTP_DIGITS}}$`), CODE_MESSAGE)),
});
