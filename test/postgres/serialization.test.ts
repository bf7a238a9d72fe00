// A transaction PostgreSQL refuses for a concurrent one (SQLSTATE 40001) is run again, after a short
// random wait, at most SERIALIZATION_ATTEMPTS times. Seen while a retention run purged case after case:
// a staff member's action met a new conflict on every attempt. When every attempt is refused the
// answer is a 503 with Retry-After (nothing was stored, trying again is safe), never a 500. Here the
// database itself refuses each attempt: a trigger of the test's own raises 40001 and counts the tries
// in a sequence, which no rollback undoes.

import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openPostgres, type Db } from '../../db/database.js';
import { SERIALIZATION_ATTEMPTS } from '../../db/transaction.js';
import { asStaff, BERTINE, loginAs, submitReport } from '../helpers/staff.js';
import { testDatabaseFor } from '../helpers/postgres.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let other: Db;
afterEach(async () => {
  await other.destroy();
  await t.close();
});

describe('a transaction PostgreSQL refuses on every attempt', () => {
  it(`is tried ${SERIALIZATION_ATTEMPTS} times, then answered 503 with Retry-After, and goes through once PostgreSQL takes it`, async () => {
    t = await startTestApp();
    other = await openPostgres(await testDatabaseFor(t.dataDir));
    const { id } = await submitReport(t);
    const staff = await loginAs(t, BERTINE);
    await sql`CREATE SEQUENCE test_attempts`.execute(other);
    await sql`
      CREATE FUNCTION test_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM nextval('test_attempts');
        RAISE EXCEPTION 'could not serialize access due to read/write dependencies among transactions' USING ERRCODE = '40001';
      END $$`.execute(other);
    await sql`CREATE TRIGGER test_refuse BEFORE UPDATE ON report FOR EACH ROW EXECUTE FUNCTION test_refuse_update()`.execute(other);

    const refused = await asStaff(t, staff, 'POST', `/api/staff/reports/${id}/close`, { outcome: 'resolved', message: '' });
    expect(refused.statusCode, refused.body).toBe(503);
    expect(refused.headers['retry-after']).toBe('60');
    expect(refused.json().error.code).toBe('storage_unavailable');
    const { rows } = await sql<{ tries: string }>`SELECT last_value AS tries FROM test_attempts`.execute(other);
    expect(Number(rows[0]!.tries)).toBe(SERIALIZATION_ATTEMPTS);

    await sql`DROP TRIGGER test_refuse ON report`.execute(other);
    const closed = await asStaff(t, staff, 'POST', `/api/staff/reports/${id}/close`, { outcome: 'resolved', message: '' });
    expect(closed.statusCode, closed.body).toBe(200);
  });
});
