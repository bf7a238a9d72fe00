// PostgreSQL's group commit (db/queries/reports.ts ReportBatch) answers each report by what its one
// statement committed: what fails after that commit (removing a key written on a purged case's
// number) fails no report, and the key left behind goes with the next maintenance round.
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { writeNewReport, purgeReportContent, type WrittenReport } from '../../db/queries/reports.js';
import { runTransaction } from '../../db/transaction.js';
import { outboxRows } from '../../server/notifications/outbox.js';
import { runMaintenance } from '../../server/jobs/maintenance.js';
import { schoolRevisionOf, findReportById } from '../helpers/rows.js';
import { BERTINE, submitReport } from '../helpers/staff.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** An outbox row that names case `id`, as a new report's mail does. */
function mailAbout(id: number) {
  return outboxRows('kopakker', 'new-report', [{ name: 'Bertine Pas', email: BERTINE }], { subject: `over ${id}`, text: '', html: '', urgent: false }, new Date())[0]!;
}

describe('reports written in one statement on PostgreSQL', () => {
  it('stand when removing the key left on a purged case number fails after the commit; maintenance removes that key later', async () => {
    t = await startTestApp();
    const db = t.context.db;
    const purged = await submitReport(t, { description: 'GEWIST verhaal' });
    await runTransaction(db, (trx) => purgeReportContent(trx, purged.id, new Date().toISOString()));
    const { id: _id, received_day: _day, ...fields } = await db.selectFrom('report').selectAll().where('id', '=', purged.id).executeTakeFirstOrThrow();
    const schoolRevision = await schoolRevisionOf(db, 'kopakker');
    // A real failure of that DELETE: PostgreSQL refuses to delete any case key.
    await sql`CREATE FUNCTION refuse_case_key_delete() RETURNS trigger LANGUAGE plpgsql AS ${sql.lit("BEGIN RAISE EXCEPTION 'case keys stay'; END")}`.execute(db);
    await sql`CREATE TRIGGER refuse_case_key_delete BEFORE DELETE ON case_key FOR EACH ROW EXECUTE FUNCTION refuse_case_key_delete()`.execute(db);

    // Handed in during one turn: one statement. The first draws the purged case's number first.
    const numbers = [[purged.id, 200_000_001], [200_000_002], [200_000_003]];
    const written = await Promise.allSettled(
      numbers.map((draws, n) =>
        writeNewReport(
          db,
          { row: { ...fields, description: `NIEUW verhaal ${n}`, purged_at: null, receipt_hash: `samen-${n}` }, schoolRevision, mails: (id) => [mailAbout(id)] },
          { draw: () => draws.shift()! },
        ),
      ),
    );
    expect(written).toEqual([200_000_001, 200_000_002, 200_000_003].map((id) => ({ status: 'fulfilled', value: { id, mailsQueued: 1 } satisfies WrittenReport })));
    for (const [n, id] of [200_000_001, 200_000_002, 200_000_003].entries()) {
      expect((await findReportById(db, id))?.description).toBe(`NIEUW verhaal ${n}`);
      expect(await db.selectFrom('outbox').select('subject').where('subject', '=', `over ${id}`).execute()).toHaveLength(1);
    }
    // The key the statement wrote on the purged number is still there; the purged case is as it was.
    expect(await db.selectFrom('case_key').select('report_id').where('report_id', '=', purged.id).execute()).toHaveLength(1);
    expect(await db.selectFrom('report').select(['description', 'receipt_hash']).where('id', '=', purged.id).executeTakeFirstOrThrow()).toEqual({
      description: null,
      receipt_hash: fields.receipt_hash,
    });

    await sql`DROP TRIGGER refuse_case_key_delete ON case_key`.execute(db);
    expect(await runMaintenance(t.context)).toMatchObject({ strayCaseKeys: 1 });
    const keys = await db.selectFrom('case_key').select('report_id').orderBy('report_id').execute();
    expect(keys.map((key) => key.report_id)).toEqual([200_000_001, 200_000_002, 200_000_003]);
    expect(await runMaintenance(t.context)).toMatchObject({ strayCaseKeys: 0 });
  });
});
