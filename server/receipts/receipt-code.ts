import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const GROUPS = 4;
const DIGITS_PER_GROUP = 4;
const GROUP_RANGE = 10 ** DIGITS_PER_GROUP;
/** 16 decimal digits: log2(10^16) ≈ 53 bits, above the 50 the threat model asks for. */
export const RECEIPT_DIGITS = GROUPS * DIGITS_PER_GROUP;
const SECRET_BYTES = 32;
const SECRET_FILE = 'receipt-secret';

/** A code a child can copy: four groups of four digits, each group drawn uniformly. */
export function generateReceiptCode(): string {
  return Array.from({ length: GROUPS }, () =>
    String(randomInt(GROUP_RANGE)).padStart(DIGITS_PER_GROUP, '0'),
  ).join('-');
}

/** Accepts what people actually type: spaces, dots or no separators at all. */
export function normalizeReceiptCode(input: string): string | null {
  const digits = input.replace(/[\s.\-–]/g, '');
  return new RegExp(`^\\d{${RECEIPT_DIGITS}}$`).test(digits) ? digits : null;
}

/**
 * HMAC-SHA-256 under DATA_DIR/receipt-secret: how a value is stored when rows must be found by it but
 * the value itself must not be kept (a receipt code; a staff or board address in the login-link throttle).
 */
export type KeyedHasher = (value: string) => string;

/**
 * The secret lives in DATA_DIR beside (not inside) the database, so a leaked database file alone
 * cannot be brute-forced back to receipt codes or addresses.
 */
export function loadKeyedHasher(dataDir: string): KeyedHasher {
  const file = path.join(dataDir, SECRET_FILE);
  let secret: Buffer;
  try {
    secret = readFileSync(file);
  } catch {
    mkdirSync(dataDir, { recursive: true });
    secret = randomBytes(SECRET_BYTES);
    // 'wx' never overwrites: two processes starting at once keep whichever secret was first.
    try {
      writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
    } catch {
      secret = readFileSync(file);
    }
  }
  if (secret.length < SECRET_BYTES) throw new Error(`${file} is shorter than ${SECRET_BYTES} bytes`);
  return (value) => createHmac('sha256', secret).update(value).digest('hex');
}
