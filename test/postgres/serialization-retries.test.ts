// The edge of runTransaction's retry limit (db/transaction.ts SERIALIZATION_ATTEMPTS), with real
// concurrent transactions: each attempt of the app's transaction reads the case (its snapshot), then
// waits for the case keys, which another connection holds locked; meanwhile a third connection changes
// the case's row and commits. Let go, the attempt writes a row changed since its snapshot and
// PostgreSQL refuses it (40001). The next lock holder is queued behind the attempt, so PostgreSQL hands
// it the lock the moment the refused attempt lets go, before the next attempt asks. Refused one time
// fewer than the limit, the change goes through once (one audit row, one mail); refused as often as
// the limit, the request gets a Dutch 503 with nothing stored.

import type pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { SERIALIZATION_ATTEMPTS } from '../../db/transaction.js';
import { testDatabaseFor } from '../helpers/postgres.js';
import { backendOf, sideConnections } from '../helpers/side-connections.js';
import { BERTINE, ELMAR, loginAs, submitReport } from '../helpers/staff.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});
const side = sideConnections();

/** A connection's transaction that holds (or waits for, behind whoever asked before) every case key. */
interface KeyLock {
  client: pg.Client;
  /** Resolves once it holds the lock. */
  held: Promise<unknown>;
}

function lockCaseKeys(client: pg.Client): KeyLock {
  return { client, held: client.query('BEGIN').then(() => client.query('LOCK TABLE case_key IN ACCESS EXCLUSIVE MODE')) };
}

async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Hands Elmar the case through the app while `refusals` of its attempts are refused as above; the
 * attempt after them finds nothing in its way.
 */
async function assignWhileRefused(refusals: number) {
  t = await startTestApp();
  const { id } = await submitReport(t);
  const session = await loginAs(t, BERTINE);
  const url = await testDatabaseFor(t.dataDir);
  const observer = await side.connect(url);
  const writer = await side.connect(url);
  const locks: KeyLock[] = [];
  const newLock = async () => {
    const lock = lockCaseKeys(await side.connect(url));
    locks.push(lock);
    return lock;
  };
  const ours = () => [observer, writer, ...locks.map((lock) => lock.client)].map(backendOf);
  /** A transaction of the app waiting for a lock, named by its backend and its start: each attempt is a new one. */
  const waitingAttempt = async (seen: ReadonlySet<string>) => {
    const { rows } = await observer.query<{ pid: number; xact_start: Date }>(
      `SELECT pid, xact_start FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND NOT (pid = ANY($1))`,
      [ours()],
    );
    return rows.map((row) => `${row.pid}@${row.xact_start.toISOString()}`).find((key) => !seen.has(key));
  };
  const waits = async (client: pg.Client) =>
    (await observer.query(`SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'`, [backendOf(client)])).rowCount ? true : undefined;

  let current = await newLock();
  await current.held;
  const answer = t.app.inject({
    method: 'PUT',
    url: `/api/staff/reports/${id}/assignee`,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
    payload: { email: ELMAR },
  });
  const seen = new Set<string>();
  for (let refused = 0; refused < refusals; refused++) {
    // The attempt has read the case and waits for its key.
    seen.add(await until(() => waitingAttempt(seen), `attempt ${refused + 1} to wait`));
    // The case changes under it.
    await writer.query('UPDATE report SET reporter_status = reporter_status WHERE id = $1', [id]);
    // The next lock lines up behind the attempt, except after the last refusal.
    const next = refused + 1 < refusals ? await newLock() : undefined;
    if (next) await until(() => waits(next.client), 'the next lock to line up');
    await current.client.query('COMMIT');
    if (next) current = next;
  }
  const response = await answer;
  for (const lock of locks) await lock.client.query('ROLLBACK').catch(() => undefined);
  return { id, response };
}

async function auditRows(id: number) {
  return t!.context.db.selectFrom('audit_log').select('action').where('report_id', '=', id).where('action', '=', 'assignee.set').execute();
}

async function assignedMails() {
  return t!.context.db.selectFrom('outbox').select('id').where('purpose', '=', 'case-assigned').execute();
}

describe(`a staff change refused by PostgreSQL for concurrent transactions (SERIALIZATION_ATTEMPTS = ${SERIALIZATION_ATTEMPTS})`, () => {
  it(`goes through once on its last attempt after ${SERIALIZATION_ATTEMPTS - 1} refusals: one audit row, one mail`, { timeout: 60_000 }, async () => {
    const { id, response } = await assignWhileRefused(SERIALIZATION_ATTEMPTS - 1);
    expect(response.statusCode, response.body).toBe(200);
    const report = await t!.context.db.selectFrom('report').select('assignee_email').where('id', '=', id).executeTakeFirstOrThrow();
    expect(report.assignee_email).toBe(ELMAR.toLowerCase());
    expect(await auditRows(id)).toHaveLength(1);
    expect(await assignedMails()).toHaveLength(1);
  });

  it(`is answered 503 storage_unavailable in Dutch after ${SERIALIZATION_ATTEMPTS} refusals, with nothing stored`, { timeout: 60_000 }, async () => {
    const { id, response } = await assignWhileRefused(SERIALIZATION_ATTEMPTS);
    expect(response.statusCode, response.body).toBe(503);
    expect(response.json()).toEqual({
      error: { code: 'storage_unavailable', message: 'We kunnen je bericht nu even niet bewaren. Probeer het over een minuut nog eens.', fields: {} },
    });
    expect(response.headers['retry-after']).toBe('60');
    const report = await t!.context.db.selectFrom('report').select(['assignee_email', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(report).toEqual({ assignee_email: null, status: 'new' });
    expect(await auditRows(id)).toEqual([]);
    expect(await assignedMails()).toEqual([]);
  });
});
