// GET /healthz: up or down for everyone; every check only for the operator's token.

import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../server/config.js';
import { MAINTENANCE_FAILING_ALERT_RUNS } from '../server/health/operator-health.js';
import { maintenanceJob } from '../server/jobs/maintenance.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';
import { BERTINE, clock, requestLink, submitReport } from './helpers/staff.js';

const HEALTH_TOKEN = 'the-operator-health-token-0123456789';
const operator = { authorization: `Bearer ${HEALTH_TOKEN}` };

const apps: TestApp[] = [];
afterEach(async () => {
  while (apps.length > 0) await apps.pop()!.close();
});

async function start(env: Record<string, string> = { HEALTH_TOKEN }): Promise<TestApp> {
  const t = await startTestApp({ env });
  apps.push(t);
  return t;
}

/** A trigger of the test's own: the database refuses to mark a reminder sent, so every maintenance run with one due fails. */
async function refuseReminders(t: TestApp, refuse: boolean): Promise<void> {
  const statements =
    t.context.dialect === 'sqlite'
      ? refuse
        ? ["CREATE TRIGGER refuse_reminder BEFORE UPDATE OF first_reminder_at ON report BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"]
        : ['DROP TRIGGER refuse_reminder']
      : refuse
        ? [
            "CREATE FUNCTION refuse_reminder() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$",
            'CREATE TRIGGER refuse_reminder BEFORE UPDATE OF first_reminder_at ON report FOR EACH ROW EXECUTE FUNCTION refuse_reminder()',
          ]
        : ['DROP TRIGGER refuse_reminder ON report', 'DROP FUNCTION refuse_reminder()'];
  for (const statement of statements) await sql.raw(statement).execute(t.context.db);
}

describe('GET /healthz', () => {
  it(`fails for the operator once maintenance failed ${MAINTENANCE_FAILING_ALERT_RUNS} runs in a row, and is ok after the next good one`, async () => {
    const time = clock('2026-03-02T09:00:00Z');
    const t = await startTestApp({ env: { HEALTH_TOKEN }, now: time.now });
    apps.push(t);
    await submitReport(t);
    await t.context.mailWorker.sendDue();
    time.set('2026-03-09T09:00:00Z');
    await refuseReminders(t, true);
    const job = maintenanceJob(t.context);
    const run = async () => {
      job.start();
      await job.stop();
      return (await t.app.inject({ url: '/healthz', headers: operator })).json();
    };
    for (let failed = 1; failed < MAINTENANCE_FAILING_ALERT_RUNS; failed++) {
      expect(await run()).toMatchObject({ status: 'ok', maintenance: { failuresInARow: failed, failingSince: '2026-03-09T09:00:00.000Z' } });
    }
    time.set('2026-03-09T09:15:00Z');
    const failing = await run();
    expect(failing).toMatchObject({ status: 'failing', maintenance: { failuresInARow: MAINTENANCE_FAILING_ALERT_RUNS, failingSince: '2026-03-09T09:00:00.000Z' } });
    expect(failing.problems).toEqual([
      `maintenance failed its last ${MAINTENANCE_FAILING_ALERT_RUNS} runs, since 2026-03-09T09:00:00.000Z: reminders of unopened reports, ` +
        'deletions after the retention period and school-year mails wait; the log (component maintenance) says why',
    ]);
    await refuseReminders(t, false);
    expect(await run()).toMatchObject({ status: 'ok', problems: [], maintenance: { failuresInARow: 0, failingSince: null } });
  });

  it('tells the public only that it is up, whatever the outbox holds', async () => {
    const t = await start();
    const before = await t.app.inject('/healthz');
    expect((await requestLink(t, BERTINE)).statusCode).toBe(202);
    expect((await requestLink(t, 'nobody@example.nl')).statusCode).toBe(202);
    const after = await t.app.inject('/healthz');
    expect(before.statusCode).toBe(200);
    expect(after.statusCode).toBe(200);
    expect(after.body).toBe(before.body);
    expect(after.json()).toEqual({ status: 'ok' });
  });

  it('gives the operator every check with the token, and how long the event loop was held since the last check', async () => {
    const t = await start();
    expect((await requestLink(t, BERTINE)).statusCode).toBe(202);
    const response = await t.app.inject({ url: '/healthz', headers: operator });
    expect(response.statusCode).toBe(200);
    const health = response.json();
    expect(health).toMatchObject({
      status: 'ok',
      problems: [],
      database: { reachable: true, writable: true, error: null },
      mail: { transport: 'file', pending: 1, failing: 0, overdue: 0, dead: 0, pausedSince: null, handedOverUnrecorded: 0 },
    });
    expect(health.disk.freeBytes).toBeGreaterThan(0);

    // The event loop held for 200 ms between two checks: the second one says so (at least that long,
    // on any machine), and the check after it measures its own interval again.
    // (The histogram's step under way when a check starts the next interval is not counted: wait one.)
    await new Promise((resolve) => setTimeout(resolve, 50));
    const held = Date.now();
    while (Date.now() - held < 200);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const blocked = (await t.app.inject({ url: '/healthz', headers: operator })).json().eventLoop;
    expect(blocked.maxMs).toBeGreaterThanOrEqual(180);
    expect(blocked.p99Ms).toBeLessThanOrEqual(blocked.maxMs);
    const next = (await t.app.inject({ url: '/healthz', headers: operator })).json().eventLoop;
    expect(next.maxMs).toBeLessThan(blocked.maxMs);
  });

  it('refuses a wrong token, and any token when none is configured, in the error shape', async () => {
    const t = await start();
    for (const authorization of ['Bearer not-the-token', HEALTH_TOKEN, 'Basic abc']) {
      const response = await t.app.inject({ url: '/healthz', headers: { authorization } });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('unauthorized');
    }
    const without = await start({});
    const response = await without.app.inject({ url: '/healthz', headers: operator });
    expect(response.statusCode).toBe(401);
  });

  it('refuses to start with a HEALTH_TOKEN too short to be a secret, naming it', () => {
    expect(() => loadConfig({ HEALTH_TOKEN: 'short' })).toThrow(ConfigError);
    expect(() => loadConfig({ HEALTH_TOKEN: 'short' })).toThrow(/HEALTH_TOKEN: at least 24 characters/);
  });
});
