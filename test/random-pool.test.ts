// The pool that serves case keys, IVs and receipt codes from one CSPRNG fill (db/random-pool.ts).
import { describe, expect, it } from 'vitest';
import { RANDOM_POOL_BYTES, randomBytesFromPool } from '../db/random-pool.js';

describe('random pool', () => {
  it('hands out each byte once, across refills: no two draws of a long run share a value', () => {
    const seen = new Set<string>();
    // Several refills' worth of 12-byte draws (IVs).
    const draws = Math.ceil((RANDOM_POOL_BYTES * 5) / 12);
    for (let i = 0; i < draws; i++) seen.add(randomBytesFromPool(12).toString('hex'));
    expect(seen.size).toBe(draws);
  });

  it('gives a buffer of its own: changing it changes no later draw, and draws are not all zero', () => {
    const first = randomBytesFromPool(32);
    const copy = Buffer.from(first);
    first.fill(0);
    const second = randomBytesFromPool(32);
    expect(second.equals(Buffer.alloc(32))).toBe(false);
    expect(copy.equals(Buffer.alloc(32))).toBe(false);
    expect(second.equals(copy)).toBe(false);
  });

  it('takes at most the pool at once, and exactly the pool still', () => {
    expect(randomBytesFromPool(RANDOM_POOL_BYTES)).toHaveLength(RANDOM_POOL_BYTES);
    expect(() => randomBytesFromPool(RANDOM_POOL_BYTES + 1)).toThrow(RangeError);
  });
});
