// Mail outage at scale: the mail server is down while a school's worth of reports arrives and the
// app restarts in between; when the mail server is back, every mail arrives, exactly once.

import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/child-server.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';
import { makeDataDir, startTestApp, type TestApp } from '../helpers/test-app.js';

const REPORTS = 50;
const MAILS_PER_REPORT = 2;
const HEALTH_TOKEN = 'operator-health-token-of-the-outage-test';
const operator = { authorization: `Bearer ${HEALTH_TOKEN}` };
const MAIL_RETRY = { retryBaseMs: 50, retryMaxMs: 300, idlePollMs: 100 };

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

/** Outbox rows, how many were tried and are unsent, the fewest and all attempts: through Kysely, on either backend. */
async function outboxState(t: TestApp) {
  const row = await t.context.db
    .selectFrom('outbox')
    .select((eb) => [
      eb.fn.countAll<number>().as('rows'),
      eb.fn.sum<number>(eb.case().when('attempts', '>', 0).then(1).else(0).end()).as('tried'),
      eb.fn.sum<number>(eb.case().when('sent_at', 'is', null).then(1).else(0).end()).as('unsent'),
      eb.fn.min<number>('attempts').as('fewest'),
      eb.fn.sum<number>('attempts').as('attempts'),
    ])
    .executeTakeFirstOrThrow();
  return { rows: Number(row.rows), tried: Number(row.tried ?? 0), unsent: Number(row.unsent ?? 0), fewest: Number(row.fewest ?? 0), attempts: Number(row.attempts ?? 0) };
}

async function waitUntil(condition: () => Promise<boolean> | boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('mail outage at scale', () => {
  it(`delivers all ${REPORTS * MAILS_PER_REPORT} mails of ${REPORTS} reports exactly once after an outage and a restart`, { timeout: 90_000 }, async () => {
    const smtpPort = await freePort();
    const dataDir = await makeDataDir();
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const options = {
      dataDir,
      env: { SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, PUBLIC_URL: 'https://klikvrij.example.nl', HEALTH_TOKEN },
      startMailWorker: true,
      mailRetry: MAIL_RETRY,
    };

    // 1. The mail server is down; 50 reports arrive, each from its own address, all accepted.
    const before = await startTestApp(options);
    cleanups.push(() => before.close());
    const started = Date.now();
    for (let i = 0; i < REPORTS; i++) {
      const response = await before.app.inject({
        method: 'POST',
        url: '/api/reports',
        remoteAddress: `10.50.${Math.floor(i / 200)}.${i % 200}`,
        payload: { role: i % 2 ? 'self' : 'parent', description: `Melding ${i}: ze schelden me uit.`, kinds: ['verbal'] },
      });
      expect(response.statusCode, response.body).toBe(201);
    }
    await waitUntil(async () => (await outboxState(before)).tried === REPORTS * MAILS_PER_REPORT, 20_000, 'every mail to fail once');
    const queued = await before.context.db.selectFrom('outbox').select('message_id').orderBy('id').execute();
    const queuedIds = queued.map((row) => row.message_id);
    const attemptsBeforeRestart = (await outboxState(before)).attempts;
    expect(queuedIds).toHaveLength(REPORTS * MAILS_PER_REPORT);
    expect(new Set(queuedIds).size).toBe(queuedIds.length);
    await before.close();

    // 2. The app restarts on the same data folder while the mail server is still down.
    const after = await startTestApp(options);
    cleanups.push(() => after.close());
    const health = (await after.app.inject({ url: '/healthz', headers: operator })).json();
    expect(health.mail.pending).toBe(REPORTS * MAILS_PER_REPORT);
    await waitUntil(
      async () => (await outboxState(after)).fewest > 1,
      20_000,
      'the restarted worker to try again',
    );

    // 3. The mail server comes back on the same port.
    const smtp: TestSmtpServer = await startSmtpServer(smtpPort);
    cleanups.push(() => smtp.close());
    const backAt = Date.now();
    await smtp.waitFor(REPORTS * MAILS_PER_REPORT, 30_000);
    const drainedMs = Date.now() - backAt;
    // Give a duplicate every chance to show up: two more idle polls and the longest back-off.
    await new Promise((resolve) => setTimeout(resolve, MAIL_RETRY.retryMaxMs + 3 * MAIL_RETRY.idlePollMs));

    const byMessageId = new Map<string, number>();
    for (const mail of smtp.received) byMessageId.set(mail.messageId, (byMessageId.get(mail.messageId) ?? 0) + 1);
    const duplicates = [...byMessageId].filter(([, count]) => count > 1);
    const recipients = new Map<string, number>();
    for (const mail of smtp.received) for (const to of mail.to.map((address) => address.toLowerCase())) recipients.set(to, (recipients.get(to) ?? 0) + 1);

    console.log(
      `mail outage: ${REPORTS} reports accepted in ${backAt - started} ms (mail server down), ` +
        `${attemptsBeforeRestart} failed attempts before the restart; after the mail server came back ` +
        `${smtp.received.length} mails arrived in ${drainedMs} ms, ${byMessageId.size} distinct Message-IDs, ` +
        `${duplicates.length} duplicates; per recipient ${JSON.stringify(Object.fromEntries(recipients))}`,
    );
    expect(duplicates).toEqual([]);
    expect(smtp.received).toHaveLength(REPORTS * MAILS_PER_REPORT);
    expect([...byMessageId.keys()].sort()).toEqual([...queuedIds].sort());
    expect(Object.fromEntries(recipients)).toEqual({
      'bertine.pas@vivente.nu': REPORTS,
      'elmar.van.dokkum@vivente.nu': REPORTS,
    });
    const finalHealth = await after.app.inject({ url: '/healthz', headers: operator });
    expect(finalHealth.statusCode).toBe(200);
    expect(finalHealth.json().mail).toMatchObject({ pending: 0, overdue: 0, dead: 0, failing: 0 });
    expect((await outboxState(after)).unsent).toBe(0);
  });
});
