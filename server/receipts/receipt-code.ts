import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { receiptDigits, receiptWords } from '../shared/receipt-code.js';

export { normalizeReceiptCode } from '../shared/receipt-code.js';

/** 48 bits: six words of 256, the least the threat model allows; rate limits make guessing hopeless. */
const RECEIPT_BYTES = 6;
const SECRET_BYTES = 32;
const SECRET_FILE = 'receipt-secret';

export interface ReceiptCode {
  /** The contract's sixteen digits. */
  digits: string;
  /** The same code as six words: what the reporter is shown. */
  words: string;
}

/** A new code, drawn uniformly from 2^48 values. */
export function generateReceiptCode(): ReceiptCode {
  const value = randomBytes(RECEIPT_BYTES).readUIntBE(0, RECEIPT_BYTES);
  return { digits: receiptDigits(value), words: receiptWords(value) };
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
