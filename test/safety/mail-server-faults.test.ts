// Mail servers that misbehave, scripted on a real SMTP server (smtp-server on 127.0.0.1): each mail
// must arrive once, or end in a clear state, and the suite reports per fault what happened.

import { afterEach, describe, expect, it } from 'vitest';
import { startSmtpServer, type DataScript, type TestSmtpServer } from '../helpers/smtp.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { reportFault, waitUntil } from './mail-faults.js';

const MAIL_RETRY = { retryBaseMs: 50, retryMaxMs: 400, idlePollMs: 100 };
const VP_ONLY_REPORT = { role: 'self', description: 'Ze duwen me elke dag.', kinds: ['physical'], recipients: 'vertrouwenspersoon' };
/** Longer than the 15 s the worker used to wait for the reply after DATA (a postfix under load took 20 s). */
const SLOW_END_OF_DATA_MS = 16_000;

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!().catch(() => undefined);
});

async function setUp(onMail: DataScript): Promise<{ smtp: TestSmtpServer; t: TestApp }> {
  const smtp = await startSmtpServer({ onMail });
  cleanups.push(() => smtp.close());
  const t = await startTestApp({ env: { SMTP_URL: smtp.url }, mailRetry: MAIL_RETRY });
  cleanups.push(() => t.close());
  return { smtp, t };
}

async function submit(t: TestApp, payload: object = VP_ONLY_REPORT): Promise<void> {
  const response = await t.app.inject({ method: 'POST', url: '/api/reports', payload });
  expect(response.statusCode, response.body).toBe(201);
}

const outboxRows = (t: TestApp) => (t.context.sqlite.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('mail servers that misbehave', () => {
  it('waits for a reply that comes long after DATA, and sends the mail once', { timeout: 60_000 }, async () => {
    let slow = true;
    let slowReplied = false;
    const { smtp, t } = await setUp(async () => {
      if (!slow) return;
      slow = false;
      await sleep(SLOW_END_OF_DATA_MS);
      slowReplied = true;
    });
    await submit(t);
    const messageId = (t.context.sqlite.prepare('SELECT message_id FROM outbox').get() as { message_id: string }).message_id;
    t.context.mailWorker.start();

    await waitUntil(() => outboxRows(t) === 0 && slowReplied, 50_000, 'the mail to leave the outbox');
    reportFault('250 only 16 s after DATA', {
      handedOver: 1,
      copiesReceived: smtp.received.length,
      attempts: smtp.attempts(),
      healthz: (await t.app.inject('/healthz')).statusCode,
    });
    expect(smtp.attempts()).toBe(1);
    expect(smtp.received.map((mail) => mail.messageId)).toEqual([messageId]);
  });
});
