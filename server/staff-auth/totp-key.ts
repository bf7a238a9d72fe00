// TOTP secrets must be readable by the server (it computes the codes), so unlike login tokens they
// cannot be hashed. They are stored encrypted with AES-256-GCM under a key that lives in DATA_DIR
// beside (not inside) the database, like the receipt secret: a copy of the database alone does
// not give anyone a colleague's second factor.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretFileSpec } from '../secret-file.js';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const FORMAT = 'v1';

export interface TotpSecretBox {
  /** `v1:<base64 iv|tag|ciphertext>`; the address is bound in as associated data. */
  seal(secret: Uint8Array, email: string): string;
  open(sealed: string, email: string): Buffer;
}

/** The key file in DATA_DIR (server/secret-file.ts reads or creates it). */
export const TOTP_KEY: SecretFileSpec = { name: 'totp-key', protects: 'the second factor (TOTP) of every staff member who has one' };

export function totpSecretBox(aesKey: Buffer): TotpSecretBox {
  return {
    seal(secret, email) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', aesKey, iv);
      cipher.setAAD(Buffer.from(`staff-totp:${email}`));
      const body = Buffer.concat([cipher.update(secret), cipher.final()]);
      return `${FORMAT}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    open(sealed, email) {
      const [format, data] = sealed.split(':');
      if (format !== FORMAT || !data) throw new Error('unknown TOTP secret format');
      const bytes = Buffer.from(data, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', aesKey, bytes.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(`staff-totp:${email}`));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    },
  };
}
