// Maintenance (reminders, retention, school-year mails) runs on one app server at a time: two
// connection pools on one PostgreSQL database, as two servers have, and a job held by one.

import { afterAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../db/database.js';
import { MAINTENANCE_LOCK, runAlone } from '../../db/queries/job-lock.js';
import { runMaintenance } from '../../server/jobs/maintenance.js';
import { testDatabaseFor } from '../helpers/postgres.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

describe('jobs that must run once', () => {
  it('run on one server at a time: the other passes while it runs, and runs once it is done', async () => {
    const t: TestApp = await startTestApp();
    cleanups.push(() => t.close());
    // A second server's pool on the same database.
    const other = await openPostgres(await testDatabaseFor(t.dataDir));
    cleanups.push(() => other.destroy());

    let finish!: () => void;
    const holding = new Promise<void>((resolve) => (finish = resolve));
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const first = runAlone(t.context.db, MAINTENANCE_LOCK, async () => {
      started();
      await holding;
      return runMaintenance(t.context);
    });
    await running;

    let ranOnOther = false;
    expect(await runAlone(other, MAINTENANCE_LOCK, async () => (ranOnOther = true))).toBeUndefined();
    expect(ranOnOther).toBe(false);

    finish();
    expect(await first).toMatchObject({ reminders: 0, purged: 0 });
    expect(await runAlone(other, MAINTENANCE_LOCK, async () => (ranOnOther = true))).toBe(true);
  });
});
