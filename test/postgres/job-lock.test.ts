// Maintenance (reminders, retention, school-year mails) runs on one app server at a time: two
// connection pools on one PostgreSQL database, as two servers have, and a job held by one. When the
// connection that holds the lock is lost mid-run, the other server may run too: each reminder is still
// sent once (it is claimed row by row), and both real servers go on without a restart.

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgres, type Db } from '../../db/database.js';
import { MAINTENANCE_LOCK, runAlone } from '../../db/queries/job-lock.js';
import { APP_SERVERS_LOCK } from '../../db/server-lock.js';
import { runMaintenance } from '../../server/jobs/maintenance.js';
import { startChildServer } from '../helpers/child-server.js';
import { testDatabaseFor } from '../helpers/postgres.js';
import { holdRow, untilWaitingOnLocks } from '../helpers/row-locks.js';
import { startServersOnOneDatabase, waitUntil } from '../helpers/servers-on-one-database.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

/** The backends that hold MAINTENANCE_LOCK (a one-number advisory lock: its low 32 bits in objid). */
async function maintenanceLockHolders(db: Db): Promise<number[]> {
  const { rows } = await sql<{ pid: number }>`
    SELECT pid FROM pg_locks
    WHERE locktype = 'advisory' AND granted AND classid = 0 AND objid = ${MAINTENANCE_LOCK} AND objsubid = 1
      AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`.execute(db);
  return rows.map((row) => row.pid);
}

/** How many backends hold APP_SERVERS_LOCK (db/server-lock.ts): one per running app server. */
async function appServerLockHolders(db: Db): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM pg_locks
    WHERE locktype = 'advisory' AND granted AND classid = 0 AND objid = ${APP_SERVERS_LOCK} AND objsubid = 1
      AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`.execute(db);
  return rows[0]!.n;
}

/** The addressee of every reminder among the mail files after the first `skip`. */
async function remindersIn(folder: string, skip: number): Promise<string[]> {
  const files = (await readdir(folder)).sort().slice(skip);
  const mails = await Promise.all(files.map((file) => readFile(path.join(folder, file), 'utf8')));
  return mails.filter((mail) => /^Subject: Herinnering/m.test(mail)).map((mail) => /^To: (.*)$/m.exec(mail)![1]!);
}

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

describe('the maintenance lock lost with its connection', () => {
  it('lets the other server run, sends each reminder once, and both servers go on by themselves', { timeout: 120_000 }, async () => {
    const { dataDir, first, second, db } = await startServersOnOneDatabase({}, cleanups);
    const submitted = await fetch(`${first.url}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'self', description: 'Ze pakken elke dag mijn pet af.' }),
    });
    expect(submitted.status).toBe(201);
    const { id } = await db.selectFrom('report').select('id').executeTakeFirstOrThrow();
    // Weeks old and never opened: both reminders are due at the next maintenance run.
    await db.updateTable('report').set({ received_at: '2026-10-01' }).where('id', '=', id).execute();
    await waitUntil(async () => (await db.selectFrom('outbox').select('id').execute()).length === 0, 30_000, 'the new-report mails to leave');
    const mailsBefore = (await readdir(path.join(dataDir, 'mail'))).length;

    // The test holds the report's row: a maintenance run that reaches the reminder waits there.
    const { release, holder } = await holdRow(db, id);
    await first.stop();
    const restartedFirst = await startChildServer({ dataDir });
    cleanups.push(() => restartedFirst.stop());
    await untilWaitingOnLocks(db, 1);
    const holders = await maintenanceLockHolders(db);
    expect(holders).toHaveLength(1);
    // The connection that holds the lock is ended (as a PostgreSQL restart or a fail-over ends it).
    await sql`SELECT pg_terminate_backend(${holders[0]!})`.execute(db);
    await waitUntil(async () => (await maintenanceLockHolders(db)).length === 0, 10_000, 'the lock to go with its connection');

    // The other server's run takes the lock now, while the first server's run still waits at the row.
    await second.stop();
    const restartedSecond = await startChildServer({ dataDir });
    cleanups.push(() => restartedSecond.stop());
    await untilWaitingOnLocks(db, 2);
    expect(await maintenanceLockHolders(db)).toHaveLength(1);
    release();
    await holder;

    await waitUntil(async () => (await maintenanceLockHolders(db)).length === 0, 30_000, 'both runs to end');
    await waitUntil(async () => (await db.selectFrom('outbox').select('id').execute()).length === 0, 30_000, 'the reminders to leave');
    const reminders = await remindersIn(path.join(dataDir, 'mail'), mailsBefore);
    console.log(`reminders after the lock was lost: ${reminders.join(', ')}`);
    expect(reminders.length).toBeGreaterThan(0);
    expect(new Set(reminders).size).toBe(reminders.length);

    // Then every connection of both servers is ended at once, as a PostgreSQL restart ends them.
    const { rows: others } = await sql<{ pid: number }>`
      SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`.execute(db);
    const ended = others.map((row) => row.pid);
    await sql`SELECT pg_terminate_backend(pid) FROM unnest(${ended}::int[]) AS pid`.execute(db);
    // pg_terminate_backend only asks: the servers' lock holders counted before the backends are gone would pass at once.
    await waitUntil(
      async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = ANY(${ended}::int[])`.execute(db)).rows[0]!.n === 0,
      30_000,
      'the ended backends to be gone',
    );
    // Each server takes the servers' lock again by itself, and nobody is left holding the maintenance lock.
    await waitUntil(async () => (await appServerLockHolders(db)) === 2, 30_000, 'both servers to hold the servers\' lock again');
    expect(await maintenanceLockHolders(db)).toEqual([]);
    // Both servers recover by themselves and each takes a report, without a restart. (A server's
    // /healthz may still name the ended connections for a moment: it reports what it last saw.)
    for (const server of [restartedFirst, restartedSecond]) {
      await waitUntil(async () => (await fetch(`${server.url}/healthz`)).status === 200, 30_000, `${server.url}/healthz to answer 200 again`);
      const again = await fetch(`${server.url}/api/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ role: 'self', description: 'Het gebeurt weer.' }),
      });
      expect(again.status).toBe(201);
    }
  });
});
