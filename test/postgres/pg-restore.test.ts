// A restore on PostgreSQL: pg_dump of a live database, reports, mails and sign-ins after the dump,
// pg_restore (Debian's binaries) into an empty database, then `npm run restore -- --after-pg-restore`
// as the hoster runs it. Afterwards no counted id comes again, the case numbers issued after the dump
// are retired, every sign-in from before is refused, and the waiting mails go as the SQLite restore
// lets them. The command refuses, changing nothing, a database pg_restore did not fill, one from a
// newer version, one that an app server still runs on, and a replaced database it cannot read.

import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { POSTGRES_ID_HEADROOM } from '../../server/restore.js';
import { startChildServer } from '../helpers/child-server.js';
import { POSTGRES_BIN } from '../helpers/private-postgres.js';
import { adminQuery, databaseNameFor, databaseUrl, testDatabaseFor } from '../helpers/postgres.js';
import { expectHeldMailsShown, expectNumbersSkipped, runRestoreCommand } from '../helpers/restore.js';
import { startSmtpServer } from '../helpers/smtp.js';
import { asStaff, BERTINE, ELMAR, loginAs, outbox, submitReport } from '../helpers/staff.js';
import { makeDataDir, startTestApp, type TestApp } from '../helpers/test-app.js';

const run = promisify(execFile);

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

/** The in-process app on `url`; closed (its connections ended) before the command runs. */
async function open(dataDir: string, url: string, env: Record<string, string> = {}): Promise<TestApp> {
  const t = await startTestApp({ dataDir, env: { DATABASE_URL: url, ...env } });
  cleanups.push(() => t.close());
  return t;
}

/** An empty database of this run (dropped with the others at the end). */
async function emptyDatabase(label: string): Promise<string> {
  const name = databaseNameFor(label);
  await adminQuery(`CREATE DATABASE ${name}`);
  return databaseUrl(name);
}

/** A data folder (the key files) shared by the live and the restored database. */
async function keyFolder(): Promise<string> {
  const dir = await makeDataDir();
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** The hoster's backup and restore, as the README gives them. */
async function dumpAndRestore(from: string, into: string): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'klikvrij-dump-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const dump = path.join(dir, 'klikvrij.dump');
  await run(path.join(POSTGRES_BIN, 'pg_dump'), ['--format=custom', `--file=${dump}`, from]);
  await run(path.join(POSTGRES_BIN, 'pg_restore'), ['--no-owner', `--dbname=${into}`, dump]);
}

function runCommand(dataDir: string, url: string, args: readonly string[]) {
  return runRestoreCommand(args, { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, DATABASE_URL: url });
}

/** Raw SQL on one database, its connection ended at once (the command refuses while others are open). */
async function query<Row>(url: string, text: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as Row[];
  } finally {
    await client.end();
  }
}

/** Every counted sequence's last id handed out (report's excepted: case numbers are random). */
async function lastIds(url: string): Promise<Map<string, number>> {
  const rows = await query<{ sequencename: string; last_value: string | null }>(
    url,
    "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = current_schema() AND sequencename <> 'report_id_seq'",
  );
  return new Map(rows.map((row) => [row.sequencename, Number(row.last_value ?? 0)]));
}

/**
 * What the command changes and a server running on the database does not (a server's clean-up removes
 * used login links); equal before and after a refusal.
 */
async function fingerprint(url: string) {
  const [row] = await query<Record<string, string>>(
    url,
    `SELECT (SELECT count(*) FROM staff_session) AS sessions, (SELECT count(*) FROM retired_report_id) AS retired, (SELECT count(*) FROM outbox WHERE dead_at IS NOT NULL) AS dead,
            (SELECT last_value FROM outbox_id_seq) AS outbox_seq, (SELECT last_value FROM staff_session_id_seq) AS session_seq`,
  );
  return row;
}

function followUp(t: TestApp, receipt: string) {
  return t.app.inject({ method: 'POST', url: '/api/followup', payload: { receipt } });
}

describe('restore on PostgreSQL: pg_restore, then npm run restore -- --after-pg-restore', () => {
  it('with the replaced database read: no id again, lost case numbers retired, old sign-ins refused, sent mails not sent again', { timeout: 180_000 }, async () => {
    const smtp = await startSmtpServer();
    cleanups.push(() => smtp.close());
    const dataDir = await keyFolder();
    const live = await testDatabaseFor(dataDir);
    const env = { SMTP_URL: smtp.url };

    // Before the dump: a report whose mails wait, and a staff session.
    const before = await open(dataDir, live, env);
    const kept = await submitReport(before);
    const bertine = await loginAs(before, BERTINE);
    await before.close();
    const restored = await emptyDatabase(`${dataDir}#restored`);
    await dumpAndRestore(live, restored);

    // After the dump, on the live database: a report (lost with the restore), a session, every mail sent.
    const after = await open(dataDir, live, env);
    const lost = await submitReport(after);
    const elmar = await loginAs(after, ELMAR);
    expect(await after.context.mailWorker.sendDue()).toBe(6);
    await after.close();
    const sentBefore = smtp.received.map((mail) => mail.messageId);
    const issuedLive = await lastIds(live);
    expect(issuedLive.get('outbox_id_seq')).toBe(6);

    // Refused, and nothing changed: a database pg_restore did not fill; the restored one while an app
    // server runs on it; the restored one named as its own replaced database; a replaced one that is not there.
    const empty = await emptyDatabase(`${dataDir}#empty`);
    const notFilled = await runCommand(dataDir, empty, ['--after-pg-restore']);
    expect(notFilled.code, notFilled.output).toBe(1);
    expect(notFilled.output).toMatch(/is a PostgreSQL database, but not a klikvrij database .*pg_restore.*Nothing was changed/s);
    expect(await query(empty, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).toEqual([]);

    const untouched = await fingerprint(restored);
    expect(Number(untouched!.sessions)).toBe(1);
    const server = await startChildServer({ dataDir, env: { DATABASE_URL: restored, SMTP_URL: 'smtp://127.0.0.1:9' } });
    cleanups.push(() => server.stop());
    const running = await runCommand(dataDir, restored, ['--after-pg-restore', '--replaced', live]);
    expect(running.code, running.output).toBe(1);
    expect(running.output).toMatch(/other connections to .* are open: an app server still runs on it.*Stop every server.*Nothing was changed/s);
    await server.stop();
    const itself = await runCommand(dataDir, restored, ['--after-pg-restore', '--replaced', restored]);
    expect(itself.code, itself.output).toBe(1);
    expect(itself.output).toMatch(/the restored database itself/);
    const gone = await runCommand(dataDir, restored, ['--after-pg-restore', '--replaced', databaseUrl(databaseNameFor(`${dataDir}#never-made`))]);
    expect(gone.code, gone.output).toBe(1);
    expect(gone.output).toMatch(/the replaced database .* cannot be read .*Nothing was changed/s);
    await query(restored, "INSERT INTO kysely_migration (name, timestamp) VALUES ('9999-from-the-future', '2027-01-01T00:00:00.000Z')");
    const newer = await runCommand(dataDir, restored, ['--after-pg-restore', '--replaced', live]);
    expect(newer.code, newer.output).toBe(1);
    expect(newer.output).toMatch(/comes from a newer version of klikvrij \(migration 9999-from-the-future.*Nothing was changed/s);
    await query(restored, "DELETE FROM kysely_migration WHERE name = '9999-from-the-future'");
    expect(await fingerprint(restored)).toEqual(untouched);
    expect((await runCommand(dataDir, restored, ['--after-pg-restore', '--replaced'])).code).toBe(2);

    const liveBefore = await fingerprint(live);
    const done = await runCommand(dataDir, restored, ['--after-pg-restore', '--replaced', live]);
    expect(done.code, done.output).toBe(0);
    expect(await fingerprint(live)).toEqual(liveBefore);
    expect(done.output).toMatch(/Read the replaced database/);
    expect(done.output).toMatch(/Ended every sign-in: 1 staff sessions/);
    expect(done.output).toMatch(/1 case numbers issued after the backup are retired/);
    expect(done.output).toMatch(/3 mails waiting at the backup were sent after it: not sent again/);
    const idFloor = Number(/New ids start at (\d+)/.exec(done.output)?.[1]);
    // Every counted sequence starts above what the live database issued after the dump, with room left.
    const issuedRestored = await lastIds(restored);
    expect([...issuedRestored.keys()].sort()).toEqual([...issuedLive.keys()].sort());
    for (const [sequence, last] of issuedLive) expect(issuedRestored.get(sequence), sequence).toBe(idFloor - 1);
    expect(idFloor).toBeGreaterThan(Math.max(...issuedLive.values()) + POSTGRES_ID_HEADROOM);

    const back = await open(dataDir, restored, env);
    // Every sign-in of before is refused: the one in the dump and the one made after it.
    for (const session of [bertine, elmar]) expect((await asStaff(back, session, 'GET', '/api/staff/me')).statusCode).toBe(401);
    expect((await followUp(back, kept.receipt)).statusCode).toBe(200);
    expect((await followUp(back, lost.receipt)).statusCode).toBe(404);
    // The lost report's number (in a mail sent after the dump) is never drawn again.
    const staff = await loginAs(back, BERTINE);
    expect((await asStaff(back, staff, 'GET', `/api/staff/reports/${lost.id}`)).statusCode).toBe(404);
    await expectNumbersSkipped(back, lost.id, kept.id);
    // New mails get new ids and go once; none of those sent before goes again.
    await submitReport(back);
    const newIds = (await outbox(back)).map((row) => row.id);
    expect(Math.min(...newIds)).toBeGreaterThanOrEqual(idFloor);
    expect(await back.context.mailWorker.sendDue()).toBe(newIds.length);
    const sentAfter = smtp.received.map((mail) => mail.messageId).slice(sentBefore.length);
    expect(sentAfter).toHaveLength(newIds.length);
    for (const messageId of sentAfter) expect(sentBefore).not.toContain(messageId);
    expect((await asStaff(back, staff, 'GET', '/api/staff/me')).statusCode).toBe(200);
    await back.close();
  });

  it('without the replaced database: ids above the dump with room, waiting mails held and shown, login links dropped', { timeout: 120_000 }, async () => {
    const dataDir = await keyFolder();
    const live = await testDatabaseFor(dataDir);
    const env = { SMTP_URL: 'smtp://127.0.0.1:9', HEALTH_TOKEN: 'h'.repeat(32) };
    const before = await open(dataDir, live, env);
    await submitReport(before);
    const bertine = await loginAs(before, BERTINE);
    expect((await outbox(before)).map((row) => row.purpose).sort()).toEqual(['new-report', 'new-report', 'staff-login']);
    await before.close();
    const restored = await emptyDatabase(`${dataDir}#restored`);
    await dumpAndRestore(live, restored);
    const issued = await lastIds(live);

    const done = await runCommand(dataDir, restored, ['--after-pg-restore']);
    expect(done.code, done.output).toBe(0);
    expect(done.output).toMatch(/No replaced database was read/);
    expect(done.output).toMatch(/2 mails were waiting at the backup and may have been sent since; they are NOT sent again/);
    expect(done.output).toMatch(/1 login-link mails waiting at the backup were dropped/);
    const idFloor = Number(/New ids start at (\d+)/.exec(done.output)?.[1]);
    expect(idFloor).toBe(Math.max(...issued.values()) + 1 + POSTGRES_ID_HEADROOM);

    const back = await open(dataDir, restored, env);
    expect((await asStaff(back, bertine, 'GET', '/api/staff/me')).statusCode).toBe(401);
    expect(await back.context.mailWorker.sendDue()).toBe(0);
    await expectHeldMailsShown(back, 2, 'h'.repeat(32));
    expect(Math.min(...(await outbox(back, 'staff-login')).map((row) => row.id))).toBeGreaterThanOrEqual(idFloor);
    await back.close();
  });
});
