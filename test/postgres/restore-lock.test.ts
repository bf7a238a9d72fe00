// npm run restore -- --after-pg-restore refuses while an app server runs on the database. It counts
// the other connections; an idle server's pool lets its connections go after 10 s (pg's idle
// timeout), so an idle server was not counted and the command rewrote the database under it. Every
// server now keeps the servers' lock on a connection of its own (db/server-lock.ts), idle or not.

import { afterEach, describe, expect, it } from 'vitest';
import { prepareAfterPgRestore } from '../../server/restore.js';
import { testDatabaseFor } from '../helpers/postgres.js';
import { submitReport } from '../helpers/staff.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

/** pg's idleTimeoutMillis (10 s), and a little more. */
const POOL_IDLE_MS = 11_000;

let t: TestApp;
afterEach(async () => {
  await t.close();
});

describe('the restore command beside an idle app server', () => {
  it('refuses, and the server goes on', { timeout: 60_000 }, async () => {
    t = await startTestApp();
    const { receipt } = await submitReport(t);
    await new Promise((resolve) => setTimeout(resolve, POOL_IDLE_MS));

    await expect(prepareAfterPgRestore({ databaseUrl: await testDatabaseFor(t.dataDir), dataDir: t.dataDir })).rejects.toThrow(
      /other connections to .* are open: an app server still runs on it/,
    );
    const followUp = await t.app.inject({ method: 'POST', url: '/api/followup', payload: { receipt } });
    expect(followUp.statusCode).toBe(200);
  });
});
