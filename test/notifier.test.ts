// The notifier queues each mail in the caller's transaction and wakes the mail worker only once that
// transaction has committed. The worker here polls once an hour, so a mail that leaves at once left
// because the commit woke it. Real SQLite file, real worker, real SMTP server on 127.0.0.1.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runTransaction } from '../db/transaction.js';
import { notify, type ReporterAnswerNotice } from '../server/notifications/notifier.js';
import { findSchool } from '../server/schools/school-directory.js';
import type { School } from '../server/schools/schools-file.js';
import { startSmtpServer, type TestSmtpServer } from './helpers/smtp.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

const PUBLIC_URL = 'https://klikvrij.example.nl';
const ONE_HOUR_MS = 60 * 60_000;

let smtp: TestSmtpServer;
let t: TestApp;
let school: School;
beforeEach(async () => {
  smtp = await startSmtpServer();
  t = await startTestApp({ env: { SMTP_URL: smtp.url, PUBLIC_URL }, mailRetry: { idlePollMs: ONE_HOUR_MS }, startMailWorker: true });
  school = (await findSchool(t.context.db, 'kopakker'))!;
});
afterEach(async () => {
  await t.close();
  await smtp.close();
});

async function outboxRows(): Promise<number> {
  const row = await t.context.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Once the worker has removed every row it sent, it has gone back to its hour-long sleep. */
async function untilOutboxEmpty(): Promise<void> {
  while ((await outboxRows()) > 0) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** A mail queued in a transaction: the reporter wrote back on case `reportId`. */
function reporterAnswer(reportId: number): ReporterAnswerNotice {
  return { school, reportId, recipients: 'default', queuedAt: t.context.now(), sendFrom: t.context.now() };
}

/** Sends a report and answers its case number: the one that was not there before (numbers are random). */
async function postReport(): Promise<number> {
  const reportIds = () => t.context.db.selectFrom('report').select('id').execute();
  const before = new Set((await reportIds()).map((row) => row.id));
  const response = await t.app.inject({ method: 'POST', url: '/api/reports', payload: { role: 'self', description: 'Ze lachen me uit.', kinds: ['verbal'] } });
  expect(response.statusCode).toBe(201);
  return (await reportIds()).map((row) => row.id).find((id) => !before.has(id))!;
}

describe('notifier', () => {
  it('wakes the sleeping worker once a report is stored (one statement on PostgreSQL), with the case link', async () => {
    await postReport();
    await smtp.waitFor(2);
    await untilOutboxEmpty();

    const second = await postReport();
    const mails = (await smtp.waitFor(4)).slice(2);
    expect(mails).toHaveLength(2);
    for (const mail of mails) expect(mail.text).toContain(`${PUBLIC_URL}/staff/reports/${second}`);
  });

  it('queues nothing for a transaction that rolls back, and the next commit sends only its own mails', async () => {
    const rolledBack = runTransaction(t.context.db, async (trx) => {
      await notify.reporterAnswer(t.context, trx, reporterAnswer(41));
      throw new Error('the change fails after its mail was queued');
    });
    await expect(rolledBack).rejects.toThrow('the change fails');
    expect(await outboxRows()).toBe(0);

    await runTransaction(t.context.db, (trx) => notify.reporterAnswer(t.context, trx, reporterAnswer(42)));
    const mails = await smtp.waitFor(2);
    await untilOutboxEmpty();
    expect(smtp.received).toHaveLength(2);
    for (const mail of mails) {
      expect(mail.text).toContain(`${PUBLIC_URL}/staff/reports/42`);
      expect(mail.text).not.toContain('/staff/reports/41');
    }
  });

  it('refuses to queue a mail outside a transaction that could wake the worker, and writes nothing', async () => {
    await expect(notify.reporterAnswer(t.context, t.context.db, reporterAnswer(43))).rejects.toThrow(/transaction/);
    await t.context.db.transaction().execute(async (trx) => {
      await expect(notify.reporterAnswer(t.context, trx, reporterAnswer(44))).rejects.toThrow(/transaction/);
    });
    expect(await outboxRows()).toBe(0);
  });
});
