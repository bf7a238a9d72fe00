// A full disk under the database (a real tmpfs that fills up): a reporter gets a 503 with
// Retry-After and a Dutch "try again in a moment", never a 500; the log names the real cause
// (SQLITE_FULL), not the failed ROLLBACK after it; and once there is room, everything works again.

import { afterEach, describe, expect, it } from 'vitest';
import { mountSmallDisk, type SmallDisk } from '../helpers/small-disk.js';
import { sqliteOf, startTestApp, type TestApp } from '../helpers/test-app.js';

const REPORT = { role: 'self', description: 'Ze pakken elke dag mijn pet af op het plein.' };

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!().catch(() => undefined);
});

async function setUp(): Promise<{ disk: SmallDisk; t: TestApp }> {
  const disk = await mountSmallDisk();
  cleanups.push(() => disk.unmount());
  const t = await startTestApp({ dataDir: disk.dir });
  cleanups.push(() => t.close());
  return { disk, t };
}

const report = (t: TestApp) => t.app.inject({ method: 'POST', url: '/api/reports', payload: REPORT });

describe('a full disk under the database', () => {
  it('answers 503 with Retry-After and a Dutch message, logs SQLITE_FULL, and takes reports again once there is room', { timeout: 60_000 }, async () => {
    const { disk, t } = await setUp();
    const before = await report(t);
    expect(before.statusCode).toBe(201);
    // An empty WAL: the next write must take new blocks from the full disk.
    sqliteOf(t).pragma('wal_checkpoint(TRUNCATE)');
    await disk.fill();

    // One alone and five at once (those share one group commit).
    const refused = [await report(t), ...(await Promise.all(Array.from({ length: 5 }, () => report(t))))];
    const seen = refused.map((response) => `${response.statusCode} ${response.json().error?.code}`);
    console.log(`disk full: reports answered ${[...new Set(seen)].join(', ')}`);
    for (const response of refused) {
      expect(response.statusCode, response.body).toBe(503);
      expect(response.headers['retry-after']).toBe('60');
      expect(response.json()).toEqual({
        error: { code: 'storage_full', message: 'We kunnen je bericht nu even niet bewaren. Probeer het zo nog eens.', fields: {} },
      });
    }
    const log = t.logOutput();
    expect(log).toContain('SQLITE_FULL');
    expect(log).not.toContain('cannot rollback');
    expect(log).not.toContain('no such savepoint');

    await disk.free();
    expect((await report(t)).statusCode).toBe(201);
    const receipt = (before.json() as { receipt: string }).receipt;
    expect((await t.app.inject({ method: 'POST', url: '/api/followup', payload: { receipt } })).statusCode).toBe(200);
    expect(sqliteOf(t).pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
