// Queries are prepared by name on PostgreSQL (db/database.ts, withNamedStatements). A migration that
// another app server runs during an upgrade changes the columns a prepared `SELECT *` returns, and
// PostgreSQL refuses that statement afterwards: the app prepares it again instead of failing.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgres, type Db } from '../../db/database.js';
import { runTransaction } from '../../db/transaction.js';
import { testDatabaseFor } from '../helpers/postgres.js';
import { boardAdminSession } from '../helpers/staff.js';
import { startTestApp } from '../helpers/test-app.js';

const cleanups: Array<() => Promise<unknown> | void> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function twoServers(): Promise<{ db: Db; other: Db }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'klikvrij-prepared-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const url = await testDatabaseFor(dir);
  const db = await openPostgres(url);
  const other = await openPostgres(url);
  cleanups.push(() => db.destroy(), () => other.destroy());
  return { db, other };
}

/** The texts prepared on the connection that runs this (the pool hands back the one used last). */
async function preparedTexts(db: Db): Promise<string[]> {
  const { rows } = await sql<{ statement: string }>`SELECT statement FROM pg_prepared_statements`.execute(db);
  return rows.map((row) => row.statement);
}

describe('prepared statements on PostgreSQL', () => {
  it('are prepared once per text, and a SELECT * runs again after another server added a column', async () => {
    const { db, other } = await twoServers();
    await db.insertInto('retired_report_id').values({ id: 123_456_789 }).execute();
    const before = await db.selectFrom('retired_report_id').selectAll().execute();
    expect(before).toEqual([{ id: 123_456_789 }]);
    expect((await preparedTexts(db)).filter((text) => text.startsWith('select * from "retired_report_id"'))).toHaveLength(1);

    await sql`ALTER TABLE retired_report_id ADD COLUMN added_later text`.execute(other);
    expect(await db.selectFrom('retired_report_id').selectAll().execute()).toEqual([{ id: 123_456_789, added_later: null }]);
  });

  it('run a transaction again that met a statement made stale by another server', async () => {
    const { db, other } = await twoServers();
    await db.insertInto('retired_report_id').values({ id: 223_456_789 }).execute();
    const read = (trx: Db) => trx.selectFrom('retired_report_id').selectAll().execute();
    expect(await runTransaction(db, read)).toEqual([{ id: 223_456_789 }]);

    await sql`ALTER TABLE retired_report_id ADD COLUMN added_later text`.execute(other);
    let tries = 0;
    const rows = await runTransaction(db, async (trx) => {
      tries += 1;
      return read(trx);
    });
    expect(rows).toEqual([{ id: 223_456_789, added_later: null }]);
    expect(tries).toBe(2);
  });

  it("a board admin's change goes through after another server added a column to a table it reads with SELECT *", async () => {
    const admin = 'bestuur@vivente.nu';
    const t = await startTestApp({ env: { BOARD_ADMINS: admin } });
    cleanups.push(() => t.close());
    const other = await openPostgres(await testDatabaseFor(t.dataDir));
    cleanups.push(() => other.destroy());
    const session = await boardAdminSession(t, admin);
    const addDayOff = (day: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/beheer/schools/kopakker/days-off',
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
        payload: { day, label: 'Studiedag' },
      });
    // The change's transaction reads its school with `select * from "school"`, prepared by name on the
    // connection the app keeps using (the pool hands back the one used last).
    expect((await addDayOff('2027-01-15')).statusCode).toBe(201);

    await sql`ALTER TABLE school ADD COLUMN added_later text`.execute(other);
    const again = await addDayOff('2027-01-22');
    expect(again.statusCode, again.body).toBe(201);
    const days = await t.context.db.selectFrom('school_day_off').select('day').where('school', '=', 'kopakker').orderBy('day').execute();
    expect(days.map((row) => row.day)).toEqual(['2027-01-15', '2027-01-22']);
  });
});
