import { createHmac } from 'node:crypto';
import { randomBytesFromPool } from '../../db/random-pool.js';
import type { SecretFileSpec } from '../secret-file.js';
import { receiptDigits, receiptWords } from '../shared/receipt-code.js';

export { normalizeReceiptCode } from '../shared/receipt-code.js';

/** 48 bits: six words of 256, the least the threat model allows; rate limits make guessing hopeless. */
const RECEIPT_BYTES = 6;

export interface ReceiptCode {
  /** The contract's sixteen digits. */
  digits: string;
  /** The same code as six words: what the reporter is shown. */
  words: string;
}

/** A new code, drawn uniformly from 2^48 values. */
export function generateReceiptCode(): ReceiptCode {
  const value = randomBytesFromPool(RECEIPT_BYTES).readUIntBE(0, RECEIPT_BYTES);
  return { digits: receiptDigits(value), words: receiptWords(value) };
}

/**
 * HMAC-SHA-256 under DATA_DIR/receipt-secret: how a value is stored when rows must be found by it but
 * the value itself must not be kept (a receipt code; a staff or board address in the login-link throttle).
 */
export type KeyedHasher = (value: string) => string;

/**
 * The secret lives in DATA_DIR beside (not inside) the database, so a leaked database file alone
 * cannot be brute-forced back to receipt codes or addresses (server/secret-file.ts reads it).
 */
export const RECEIPT_SECRET: SecretFileSpec = {
  name: 'receipt-secret',
  protects: 'every receipt code (and every TOTP recovery code)',
};

export function keyedHasher(secret: Buffer): KeyedHasher {
  return (value) => createHmac('sha256', secret).update(value).digest('hex');
}
