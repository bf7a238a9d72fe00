// Faults of the disk under the mail worker, on a real filesystem that fills up (a small tmpfs), with
// a real SMTP server: a mail handed to the server is never sent again because the bookkeeping after
// it failed, and while the database cannot be written the worker backs off and says so.

import { afterEach, describe, expect, it } from 'vitest';
import { mountSmallDisk, type SmallDisk } from '../helpers/small-disk.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';
import { sqliteOf, startTestApp, type TestApp } from '../helpers/test-app.js';
import { reportFault, waitUntil } from './mail-faults.js';

const MAIL_RETRY = { retryBaseMs: 50, retryMaxMs: 400, idlePollMs: 100 };
const HEALTH_TOKEN = 'operator-health-token-of-the-disk-tests';
const PAUSED = 'mail paused: the database cannot be written';
const VP_ONLY_REPORT = { role: 'self', description: 'Ze duwen me elke dag.', kinds: ['physical'], recipients: 'vertrouwenspersoon' };

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!().catch(() => undefined);
});

async function setUp(onFirstMail?: () => Promise<void>) {
  const disk: SmallDisk = await mountSmallDisk();
  cleanups.push(() => disk.unmount());
  let first = true;
  const smtp: TestSmtpServer = await startSmtpServer({
    async onMail() {
      if (first && onFirstMail) await onFirstMail();
      first = false;
    },
  });
  cleanups.push(() => smtp.close());
  const t: TestApp = await startTestApp({ dataDir: disk.dir, env: { SMTP_URL: smtp.url, HEALTH_TOKEN }, mailRetry: MAIL_RETRY });
  cleanups.push(() => t.close());
  return { disk, smtp, t };
}

/** The WAL is emptied first, so that the next write must take new blocks from the full disk. */
async function fillDisk(t: TestApp, disk: SmallDisk): Promise<void> {
  sqliteOf(t).pragma('wal_checkpoint(TRUNCATE)');
  await disk.fill();
}

async function operatorHealth(t: TestApp): Promise<{ code: number; status: string; problems: string[] }> {
  const response = await t.app.inject({ url: '/healthz', headers: { authorization: `Bearer ${HEALTH_TOKEN}` } });
  return { code: response.statusCode, ...response.json() };
}

const pausedLines = (t: TestApp) => t.logOutput().split('\n').filter((line) => line.includes(PAUSED)).length;
const outboxRows = (t: TestApp) => (sqliteOf(t).prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;

describe('mail worker on a full disk', () => {
  it('sends a mail once when the disk fills between the hand-over and the bookkeeping', { timeout: 60_000 }, async () => {
    let disk: SmallDisk | undefined;
    let app: TestApp | undefined;
    const { smtp, t, ...rest } = await setUp(async () => fillDisk(app!, disk!));
    disk = rest.disk;
    app = t;

    const response = await t.app.inject({ method: 'POST', url: '/api/reports', payload: VP_ONLY_REPORT });
    expect(response.statusCode, response.body).toBe(201);
    t.context.mailWorker.start();

    // Before the fix the worker sent again at once, hundreds of times; now it must pause instead.
    await waitUntil(() => smtp.received.length > 1 || pausedLines(t) >= 3, 30_000, 'a resend or three pauses');
    const copiesWhileFull = smtp.received.length;
    const attemptsWhileFull = smtp.attempts();
    const healthWhileFull = await operatorHealth(t);
    expect(copiesWhileFull).toBe(1);

    await disk.free();
    await waitUntil(() => outboxRows(t) === 0, 30_000, 'the sent mail to leave the outbox');
    reportFault('disk fills after the 250', {
      handedOver: 1,
      copiesReceived: smtp.received.length,
      attempts: smtp.attempts(),
      pauses: pausedLines(t),
      healthz: `${healthWhileFull.code} ${healthWhileFull.status}`,
    });
    expect(healthWhileFull.code).toBe(503);
    expect(healthWhileFull.problems.join(' ')).toMatch(/database cannot be written/);
    expect(smtp.received).toHaveLength(1);
    expect(attemptsWhileFull).toBe(1);
    expect(smtp.attempts()).toBe(1);
  });

  it('does not send at all while the database cannot record an attempt, and sends once the disk has room', { timeout: 60_000 }, async () => {
    const { disk, smtp, t } = await setUp();
    const response = await t.app.inject({ method: 'POST', url: '/api/reports', payload: VP_ONLY_REPORT });
    expect(response.statusCode, response.body).toBe(201);

    await fillDisk(t, disk);
    t.context.mailWorker.start();
    await waitUntil(() => smtp.attempts() > 0 || pausedLines(t) >= 3, 30_000, 'a send or three pauses');
    const attemptsWhileFull = smtp.attempts();
    const healthWhileFull = await operatorHealth(t);

    await disk.free();
    await smtp.waitFor(1, 30_000);
    await waitUntil(() => outboxRows(t) === 0, 30_000, 'the sent mail to leave the outbox');
    reportFault('disk full before sending', {
      handedOver: 1,
      copiesReceived: smtp.received.length,
      attempts: smtp.attempts(),
      pauses: pausedLines(t),
      healthz: `${healthWhileFull.code} ${healthWhileFull.status}`,
    });
    expect(healthWhileFull.code).toBe(503);
    expect(healthWhileFull.problems.join(' ')).toMatch(/mail is paused/);
    expect(attemptsWhileFull).toBe(0);
    expect(smtp.received).toHaveLength(1);
  });

});
