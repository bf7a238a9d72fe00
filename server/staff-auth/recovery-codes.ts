// Recovery codes of the TOTP second factor: for the day the phone is lost. Drawn from Crockford's
// base32 alphabet (no i, l, o, u), so what is read back from paper cannot be mistaken; read loosely
// (case, spaces, dashes, and o/i/l typed for 0/1).
import { randomInt } from 'node:crypto';
import type { KeyedHasher } from '../receipts/receipt-code.js';
import { TOTP_RECOVERY_CODE_LENGTH, TOTP_RECOVERY_CODES } from '../shared/limits.js';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** A new set of codes, as shown to the person: two groups of five ("k3m9x-2q7hz"). */
export function drawRecoveryCodes(count = TOTP_RECOVERY_CODES): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: TOTP_RECOVERY_CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]!).join('');
    return `${chars.slice(0, TOTP_RECOVERY_CODE_LENGTH / 2)}-${chars.slice(TOTP_RECOVERY_CODE_LENGTH / 2)}`;
  });
}

/** The code as stored and compared, or null when it cannot be a recovery code. */
export function normalizeRecoveryCode(input: string): string | null {
  const code = input
    .toLowerCase()
    .replace(/[\s-]/g, '')
    .replace(/o/g, '0')
    .replace(/[il]/g, '1');
  if (code.length !== TOTP_RECOVERY_CODE_LENGTH) return null;
  return [...code].every((char) => ALPHABET.includes(char)) ? code : null;
}

/**
 * Keyed with the receipt secret, which lives outside the database, and bound to the address: the
 * stored hashes alone neither give a code away nor let one person's code open another's login.
 */
export function hashRecoveryCode(hash: KeyedHasher, email: string, normalizedCode: string): string {
  return hash(`totp-recovery:${email}:${normalizedCode}`);
}
