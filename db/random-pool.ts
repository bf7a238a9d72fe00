import { randomFillSync } from 'node:crypto';

/**
 * Bytes of the operating system's CSPRNG fetched at once. Every randomBytes() call costs a few
 * microseconds of fixed overhead whatever its size, and a report needs seven small draws (its case
 * key, the key's and each sealed field's IV, the receipt code): one fill of the pool serves about a
 * hundred reports. This is what node:crypto's randomUUID does with its own cache.
 */
export const RANDOM_POOL_BYTES = 4096;

const pool = Buffer.alloc(RANDOM_POOL_BYTES);
let used = RANDOM_POOL_BYTES;

/**
 * `size` fresh random bytes (a new Buffer, never shared): each byte of the pool is handed out once
 * and zeroed in the pool as it goes, so a key drawn from it is not left behind there.
 */
export function randomBytesFromPool(size: number): Buffer {
  if (size > RANDOM_POOL_BYTES) throw new RangeError(`at most ${RANDOM_POOL_BYTES} bytes from the random pool at once`);
  if (used + size > RANDOM_POOL_BYTES) {
    randomFillSync(pool);
    used = 0;
  }
  const bytes = Buffer.from(pool.subarray(used, used + size));
  pool.fill(0, used, used + size);
  used += size;
  return bytes;
}
