// The request shapes of /api/staff/second-factor, in zod; the answers are in server/shared/staff-responses.ts.
import { z } from 'zod';
import { TOTP_DIGITS } from '../shared/limits.js';
import { normalizeTotpCode } from './totp.js';
import { normalizeRecoveryCode } from './recovery-codes.js';

const CODE_MESSAGE = `Vul de code van ${TOTP_DIGITS} cijfers uit je authenticator-app in.`;
const CODE_OR_RECOVERY_MESSAGE = `Vul de code van ${TOTP_DIGITS} cijfers uit je authenticator-app in, of een van je herstelcodes.`;

export const TotpCodeBody = z.object({
  code: z
    .string({ error: CODE_MESSAGE })
    .max(20, CODE_MESSAGE)
    .transform((value) => value.replace(/[\s-]/g, ''))
    .pipe(z.string().regex(new RegExp(`^\\d{${TOTP_DIGITS}}$`), CODE_MESSAGE)),
});

/** A code from the app, or one of the recovery codes: told apart by their form. */
export type SecondFactorCode = { kind: 'totp'; code: string } | { kind: 'recovery'; code: string };

export const SecondFactorCodeBody = z.object({
  code: z
    .string({ error: CODE_OR_RECOVERY_MESSAGE })
    .max(40, CODE_OR_RECOVERY_MESSAGE)
    .transform((value, ctx): SecondFactorCode => {
      const totp = normalizeTotpCode(value);
      if (totp !== null) return { kind: 'totp', code: totp };
      const recovery = normalizeRecoveryCode(value);
      if (recovery !== null) return { kind: 'recovery', code: recovery };
      ctx.addIssue({ code: 'custom', message: CODE_OR_RECOVERY_MESSAGE });
      return z.NEVER;
    }),
});

export const ColleagueBody = z.object({
  email: z.string({ error: 'Kies een collega.' }).max(320, 'Kies een collega.').transform((value) => value.trim().toLowerCase()),
});
