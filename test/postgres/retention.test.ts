// Retention lists the cases that are due, then purges each in a transaction of its own. On
// PostgreSQL the server answers other requests between those transactions (each statement waits
// for the database), so a case can be reopened by staff, or answered by its reporter, after the run
// listed it as due and before it reaches it. Such a case keeps its content. The run is held at its
// second case by a row lock of another connection, so the requests come after the listing and
// before the run reaches their cases every time.

import { afterEach, describe, expect, it } from 'vitest';
import { openPostgres } from '../../db/database.js';
import { runMaintenance } from '../../server/jobs/maintenance.js';
import { testDatabaseFor } from '../helpers/postgres.js';
import { holdRow, untilWaitingOnLocks } from '../helpers/row-locks.js';
import { asStaff, clock, loginAs, submitReport } from '../helpers/staff.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

type Report = { id: number; receipt: string };

const HEALTH_TOKEN = 'operator-health-token-of-the-retention-test';

let t: TestApp;
afterEach(async () => {
  await t.close();
});

describe('retention on PostgreSQL', () => {
  it('keeps a case reopened, or answered by its reporter, while the run that listed it as due is under way', async () => {
    const CASES = 4;
    const time = clock('2025-03-03T09:00:00Z');
    t = await startTestApp({ now: time.now });
    const reports: Report[] = [];
    for (let i = 0; i < CASES; i++) reports.push(await submitReport(t, { description: `Melding ${i}: ze lachen me uit.` }));
    time.set('2025-03-10T12:00:00Z');
    const closer = await loginAs(t, 'Bertine.pas@vivente.nu');
    for (const { id } of reports) {
      expect((await asStaff(t, closer, 'POST', `/api/staff/reports/${id}/close`, { outcome: 'resolved', message: '' })).statusCode).toBe(200);
    }
    time.set('2026-03-10T12:00:00Z');
    const staff = await loginAs(t, 'Bertine.pas@vivente.nu');
    const [first, held, answered, reopened] = [...reports].sort((a, b) => a.id - b.id) as [Report, Report, Report, Report];
    const isPurged = async ({ id }: Report) =>
      (await t.context.db.selectFrom('report').select('purged_at').where('id', '=', id).executeTakeFirstOrThrow()).purged_at !== null;

    // Another connection holds the second case's row: the run purges the first, then waits there.
    const other = await openPostgres(await testDatabaseFor(t.dataDir));
    const { release, holder } = await holdRow(other, held.id);
    const run = runMaintenance(t.context);
    while (!(await isPurged(first))) await new Promise((resolve) => setTimeout(resolve, 10));

    const reopen = await asStaff(t, staff, 'POST', `/api/staff/reports/${reopened.id}/reopen`);
    expect(reopen.statusCode, reopen.body).toBe(200);
    const answer = await t.app.inject({ method: 'POST', url: '/api/followup/messages', payload: { receipt: answered.receipt, text: 'Het begint weer.' } });
    expect(answer.statusCode, answer.body).toBe(201);
    expect(await isPurged(held)).toBe(false);
    release();
    await holder;
    await other.destroy();
    expect(await run).toMatchObject({ purged: 2 });
    expect(await isPurged(held)).toBe(true);

    const kept = await t.context.db
      .selectFrom('report')
      .select(['id', 'status', 'purged_at', 'description'])
      .where('id', 'in', [reopened.id, answered.id])
      .orderBy('id')
      .execute();
    for (const row of kept) expect(row).toMatchObject({ purged_at: null, description: expect.any(String) });
    const view = await asStaff(t, staff, 'GET', `/api/staff/reports/${reopened.id}`);
    expect(view.statusCode).toBe(200);
    expect(JSON.stringify(view.json())).toContain(`Melding ${reports.indexOf(reopened)}: ze lachen me uit.`);
    const conversation = await t.app.inject({ method: 'POST', url: '/api/followup', payload: { receipt: answered.receipt } });
    expect(conversation.statusCode).toBe(200);
    expect(JSON.stringify(conversation.json())).toContain('Het begint weer.');
  });


  it('answers a reporter who writes while the run purges the case as for any deleted code, and raises no alarm', async () => {
    const time = clock('2025-03-03T09:00:00Z');
    t = await startTestApp({ now: time.now, env: { HEALTH_TOKEN } });
    const { id, receipt } = await submitReport(t);
    time.set('2025-03-10T12:00:00Z');
    const staff = await loginAs(t, 'Bertine.pas@vivente.nu');
    expect((await asStaff(t, staff, 'POST', `/api/staff/reports/${id}/close`, { outcome: 'resolved', message: '' })).statusCode).toBe(200);
    time.set('2026-03-10T12:00:00Z');

    // The run is held at the report row, the case's key deleted but not yet committed; the reporter's
    // answer found the case live and waits at the same row, then the run commits first.
    const other = await openPostgres(await testDatabaseFor(t.dataDir));
    const { release, holder } = await holdRow(other, id);
    const run = runMaintenance(t.context);
    await untilWaitingOnLocks(other, 1);
    const answering = t.app.inject({ method: 'POST', url: '/api/followup/messages', payload: { receipt, text: 'Het begint weer.' } });
    await untilWaitingOnLocks(other, 2);
    release();
    await holder;
    await other.destroy();
    await run;
    const answer = await answering;
    // Which of the two commits first is PostgreSQL's choice: serializable transactions that read what
    // the other writes may see either one refused and run again. Either way the reporter hears the
    // truth: the run first, a deleted code (404); the answer first, it is stored and the run, run
    // again, keeps the case it now finds answered. Never 409 case_unreadable.
    expect([201, 404], answer.body).toContain(answer.statusCode);
    const row = await t.context.db.selectFrom('report').select('purged_at').where('id', '=', id).executeTakeFirstOrThrow();
    const conversation = await t.app.inject({ method: 'POST', url: '/api/followup', payload: { receipt } });
    if (answer.statusCode === 404) {
      expect(row.purged_at).not.toBeNull();
      expect(conversation.statusCode).toBe(404);
    } else {
      expect(row.purged_at).toBeNull();
      expect(JSON.stringify(conversation.json())).toContain('Het begint weer.');
    }
    const health = await t.app.inject({ url: '/healthz', headers: { authorization: `Bearer ${HEALTH_TOKEN}` } });
    // (It fails for the mails the moved clock made a year late; what matters is no case named.)
    expect(health.json().database.unreadableCases).toEqual([]);
    expect(t.logOutput()).not.toContain('case content does not open');
  });
});
