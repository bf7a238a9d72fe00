// Time-based one-time passwords (RFC 6238 over RFC 4226): HMAC-SHA1, 30-second steps. Pure
// functions of their arguments: the caller brings the clock, the secret and the last used step.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { TOTP_DIGITS, TOTP_STEP_SECONDS, TOTP_WINDOW_STEPS } from '../shared/limits.js';

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding, as authenticator apps expect it. */
export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let output = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      output += BASE32_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) output += BASE32_ALPHABET[(value << (5 - bits)) & 31];
  return output;
}

/** The secret as people type it from a screen: groups of four characters. */
export function groupSecret(base32: string): string {
  return base32.match(/.{1,4}/g)?.join(' ') ?? '';
}

/** HOTP (RFC 4226 section 5.3): dynamic truncation of HMAC-SHA1 over the 8-byte counter. */
export function hotp(secret: Uint8Array, counter: number, digits = TOTP_DIGITS): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', secret).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(binary).padStart(digits, '0');
}

/** The time step of a moment (T = floor(unix seconds / 30)). */
export function timeStep(at: Date, stepSeconds = TOTP_STEP_SECONDS): number {
  return Math.floor(at.getTime() / 1000 / stepSeconds);
}

export function totp(secret: Uint8Array, at: Date, digits = TOTP_DIGITS): string {
  return hotp(secret, timeStep(at), digits);
}

/** Accepts what people type: spaces or a dash in the middle ("123 456"). */
export function normalizeTotpCode(input: string, digits = TOTP_DIGITS): string | null {
  const code = input.replace(/[\s-]/g, '');
  return new RegExp(`^\\d{${digits}}$`).test(code) ? code : null;
}

function sameCode(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * The time step whose code this is, within ±TOTP_WINDOW_STEPS of now and after `lastStep` (a code
 * once used, or any older one, never works again); null when it matches none. Every candidate
 * step is computed and compared, so the time taken does not tell which one matched.
 */
export function matchTotp(secret: Uint8Array, code: string, at: Date, lastStep: number | null): number | null {
  const normalized = normalizeTotpCode(code);
  const current = timeStep(at);
  let matched: number | null = null;
  for (let step = current - TOTP_WINDOW_STEPS; step <= current + TOTP_WINDOW_STEPS; step += 1) {
    const fits = sameCode(hotp(secret, step), normalized ?? '------');
    if (fits && step > (lastStep ?? -1) && matched === null) matched = step;
  }
  return normalized === null ? null : matched;
}

/** The URI authenticator apps read (Key Uri Format): label "klikvrij:<email>". */
export function otpauthUri(base32Secret: string, email: string): string {
  const issuer = 'klikvrij';
  // '@' may stand in a URI path (RFC 3986 pchar); apps show the label as written.
  const label = `${issuer}:${encodeURIComponent(email).replace(/%40/g, '@')}`;
  return `otpauth://totp/${label}?secret=${base32Secret}&issuer=${issuer}`;
}
