// PostgreSQL may refuse a transaction at its COMMIT, after all its statements went through: a
// SERIALIZABLE transaction whose conflict shows only then, or a deferred constraint. Nothing of it is
// stored, and it is run again like one refused earlier. Here the database refuses the first COMMITs
// that carry a new row: a constraint trigger of the test's own, DEFERRABLE INITIALLY DEFERRED, raises
// 40001 when it fires at the COMMIT and counts its firings in a sequence, which no rollback undoes. A
// report without screenshots is one statement outside any transaction, whose implicit COMMIT fires
// the trigger the same way.

import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openPostgres, type Db } from '../../db/database.js';
import { onCommit, runTransaction, SERIALIZATION_ATTEMPTS } from '../../db/transaction.js';
import { pngImage } from '../helpers/images.js';
import { multipartBody } from '../helpers/multipart.js';
import { testDatabaseFor } from '../helpers/postgres.js';
import { countReports, findReportById } from '../helpers/rows.js';
import { testMail } from '../helpers/outbox-rows.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let other: Db;
afterEach(async () => {
  await other.destroy();
  await t.close();
});

/** From now on the first `refusals` COMMITs with a new row in `table` are refused with 40001; later ones go through. */
async function refuseCommitsOf(table: 'report' | 'outbox', refusals = 1): Promise<() => Promise<number>> {
  other = await openPostgres(await testDatabaseFor(t.dataDir));
  await sql`CREATE SEQUENCE test_commits`.execute(other);
  await sql`
    CREATE FUNCTION test_refuse_first_commit() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF nextval('test_commits') <= ${sql.lit(refusals)} THEN
        RAISE EXCEPTION 'could not serialize access due to read/write dependencies among transactions' USING ERRCODE = '40001';
      END IF;
      RETURN NULL;
    END $$`.execute(other);
  await sql`
    CREATE CONSTRAINT TRIGGER test_refuse_commit AFTER INSERT ON ${sql.table(table)}
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_refuse_first_commit()`.execute(other);
  return async () => {
    const { rows } = await sql<{ fired: string }>`SELECT last_value AS fired FROM test_commits`.execute(other);
    return Number(rows[0]!.fired);
  };
}

/** The one report's routing mails in the outbox: how many, and to how many addresses. */
async function routingMails(db: Db) {
  const rows = await db.selectFrom('outbox').select('to_address').where('purpose', '=', 'new-report').execute();
  return { all: rows.length, addresses: new Set(rows.map((row) => row.to_address)).size };
}

describe('a COMMIT that PostgreSQL refuses', () => {
  it('runs the transaction again: its result once, its commit hooks once, its rows once', async () => {
    t = await startTestApp();
    const fired = await refuseCommitsOf('outbox');
    let attempts = 0;
    let hooks = 0;
    const result = await runTransaction(t.context.db, async (trx) => {
      attempts += 1;
      await trx.insertInto('outbox').values(testMail('commit-refused')).execute();
      onCommit(trx, () => (hooks += 1));
      return 'stored';
    });
    expect(result).toBe('stored');
    // The first attempt ran to its end and was refused at its COMMIT; the second committed.
    expect(attempts).toBe(2);
    expect(await fired()).toBe(2);
    expect(hooks).toBe(1);
    const rows = await t.context.db.selectFrom('outbox').select('id').where('subject', '=', 'commit-refused').execute();
    expect(rows).toHaveLength(1);
  });

  it('stores a report with a screenshot once and answers 201 with a receipt that opens it', async () => {
    t = await startTestApp();
    const fired = await refuseCommitsOf('report');
    const { payload, headers } = multipartBody(
      [
        ['role', 'self'],
        ['description', 'Ze sturen foto’s van mij rond in de groepsapp.'],
      ],
      [{ field: 'screenshots', filename: 'app.png', contentType: 'image/png', data: await pngImage() }],
    );
    const response = await t.app.inject({ method: 'POST', url: '/api/reports', payload, headers });
    expect(response.statusCode, response.body).toBe(201);
    expect(await fired()).toBe(2);
    expect(await countReports(t.context.db)).toBe(1);
    const { id } = await t.context.db.selectFrom('report').select('id').executeTakeFirstOrThrow();
    expect((await findReportById(t.context.db, id))?.description).toBe('Ze sturen foto’s van mij rond in de groepsapp.');
    const screenshots = await t.context.db.selectFrom('screenshot').select('id').execute();
    expect(screenshots).toHaveLength(1);
    // Each contact's mail once: the refused attempt's rows went with it.
    const mails = await routingMails(t.context.db);
    expect(mails.all).toBe(mails.addresses);
    expect(mails.all).toBeGreaterThan(0);
    const opened = await t.app.inject({ method: 'POST', url: '/api/followup', payload: { receipt: response.json().receipt } });
    expect(opened.statusCode, opened.body).toBe(200);
  });

  it(`stores a report without screenshots (one statement, no transaction) once and answers 201, refused ${SERIALIZATION_ATTEMPTS - 1} times`, async () => {
    t = await startTestApp();
    const fired = await refuseCommitsOf('report', SERIALIZATION_ATTEMPTS - 1);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/reports',
      payload: { role: 'self', description: 'Ze noemen me elke dag een baby.' },
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(await fired()).toBe(SERIALIZATION_ATTEMPTS);
    expect(await countReports(t.context.db)).toBe(1);
    const { id } = await t.context.db.selectFrom('report').select('id').executeTakeFirstOrThrow();
    expect((await findReportById(t.context.db, id))?.description).toBe('Ze noemen me elke dag een baby.');
    // Each contact's mail once: the refused attempt's rows went with it.
    const mails = await routingMails(t.context.db);
    expect(mails.all).toBe(mails.addresses);
    expect(mails.all).toBeGreaterThan(0);
    const opened = await t.app.inject({ method: 'POST', url: '/api/followup', payload: { receipt: response.json().receipt } });
    expect(opened.statusCode, opened.body).toBe(200);
  });

  it(`answers 503 with nothing stored when every one of ${SERIALIZATION_ATTEMPTS} statements of a report is refused at its COMMIT`, async () => {
    t = await startTestApp();
    const fired = await refuseCommitsOf('report', SERIALIZATION_ATTEMPTS);
    const refused = await t.app.inject({ method: 'POST', url: '/api/reports', payload: { role: 'self', description: 'Ze duwen me van de bank.' } });
    expect(refused.statusCode, refused.body).toBe(503);
    expect(refused.headers['retry-after']).toBe('60');
    expect(refused.json().error.code).toBe('storage_unavailable');
    expect(await fired()).toBe(SERIALIZATION_ATTEMPTS);
    expect(await countReports(t.context.db)).toBe(0);
    expect(await t.context.db.selectFrom('outbox').select('id').execute()).toHaveLength(0);
    expect(await t.context.db.selectFrom('case_key').select('report_id').execute()).toHaveLength(0);
  });
});
