// Request and response shapes of /api/staff/second-factor, in zod. Pure zod (no Node imports):
// the web side imports the types.
import { z } from 'zod';
import { TOTP_DIGITS } from '../limits.js';

const CODE_MESSAGE = `Vul de code van ${TOTP_DIGITS} cijfers uit je authenticator-app in.`;

export const TotpCodeBody = z.object({
  code: z
    .string({ error: CODE_MESSAGE })
    .max(20, CODE_MESSAGE)
    .transform((value) => value.replace(/[\s-]/g, ''))
    .pipe(z.string().regex(new RegExp(`^\\d{${TOTP_DIGITS}}$`), CODE_MESSAGE)),
});

export const StaffStage = z.enum(['full', 'second-factor', 'totp-setup']);

export const SecondFactorStatusResponse = z.object({
  stage: StaffStage,
  enabled: z.boolean(),
  required: z.boolean(),
  csrfToken: z.string(),
});
export type SecondFactorStatusResponse = z.infer<typeof SecondFactorStatusResponse>;

export const TotpSetupResponse = z.object({
  secret: z.string(),
  secretGroups: z.string(),
  uri: z.string(),
});
export type TotpSetupResponse = z.infer<typeof TotpSetupResponse>;

/** The answer to a login link when the session is not complete yet. */
export const PendingLoginResponse = z.object({
  stage: z.enum(['second-factor', 'totp-setup']),
  csrfToken: z.string(),
});
export type PendingLoginResponse = z.infer<typeof PendingLoginResponse>;
