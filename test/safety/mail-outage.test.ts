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

async function outboxState(t: TestApp) {
  return t.context.sqlite
    .prepare('SELECT count(*) AS rows, sum(attempts > 0) AS tried, sum(sent_at IS NULL) AS unsent FROM outbox')
    .get() as { rows: number; tried: number; unsent: number };
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
    const queued = before.context.sqlite.prepare('SELECT message_id FROM outbox ORDER BY id').all() as Array<{ message_id: string }>;
    const queuedIds = queued.map((row) => row.message_id);
    const attemptsBeforeRestart = (
      before.context.sqlite.prepare('SELECT sum(attempts) AS n FROM outbox').get() as { n: number }
    ).n;
    expect(queuedIds).toHaveLength(REPORTS * MAILS_PER_REPORT);
    expect(new Set(queuedIds).size).toBe(queuedIds.length);
    await before.close();

    // 2. The app restarts on the same data folder while the mail server is still down.
    const after = await startTestApp(options);
    cleanups.push(() => after.close());
    const health = (await after.app.inject({ url: '/healthz', headers: operator })).json();
    expect(health.mail.pending).toBe(REPORTS * MAILS_PER_REPORT);
    await waitUntil(
      async () => (after.context.sqlite.prepare('SELECT min(attempts) AS n FROM outbox').get() as { n: number }).n > 1,
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
    expect((await outboxState(after)).unsent ?? 0).toBe(0);
  });
});
