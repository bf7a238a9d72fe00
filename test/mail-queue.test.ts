// How the outbox drains during a backlog, against a real SMTP server: a few pooled connections with
// a mail on each at once, login links and urgent reports before the rest, and no mail sent twice
// by the pool behind the worker's back.

import { afterEach, describe, expect, it } from 'vitest';
import { SMTP_POOL_CONNECTIONS } from '../server/notifications/mail-transport.js';
import { startSmtpServer, type DataScript, type TestSmtpServer } from './helpers/smtp.js';
import { BERTINE, clock, requestLink, submitReport } from './helpers/staff.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

const FAST_RETRY = { retryBaseMs: 50, retryMaxMs: 200, idlePollMs: 100 };
const BACKLOG_REPORTS = 10;

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function smtpServer(onMail?: DataScript): Promise<TestSmtpServer> {
  const smtp = await startSmtpServer(onMail ? { onMail } : {});
  cleanups.push(smtp.close);
  return smtp;
}

async function app(smtp: TestSmtpServer, options: Parameters<typeof startTestApp>[0] = {}): Promise<TestApp> {
  const t = await startTestApp({ env: { SMTP_URL: smtp.url }, mailRetry: FAST_RETRY, ...options });
  cleanups.push(t.close);
  return t;
}

async function backlog(t: TestApp): Promise<void> {
  for (let i = 0; i < BACKLOG_REPORTS; i += 1) await submitReport(t);
}

/** Waits until `condition` holds, or fails naming what it waited for. */
async function until(what: string, condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Mails that wait at the server, before its reply, until the test opens the gate. */
function gate() {
  let open = false;
  const waiting: Array<() => void> = [];
  const script: DataScript = async () => {
    if (!open) await new Promise<void>((resolve) => waiting.push(resolve));
  };
  return {
    script,
    waiting: () => waiting.length,
    open: () => {
      open = true;
      for (const release of waiting.splice(0)) release();
    },
  };
}

describe('the outbox during a backlog', () => {
  it(`sends ${SMTP_POOL_CONNECTIONS} mails at once over that many reused connections`, async () => {
    const held = gate();
    const smtp = await smtpServer(held.script);
    const t = await app(smtp);
    await backlog(t);
    const sending = t.context.mailWorker.sendDue();
    // Every connection carries a mail at the same moment (a worker sending one at a time never gets here).
    await until(`${SMTP_POOL_CONNECTIONS} mails at the server at once`, () => held.waiting() === SMTP_POOL_CONNECTIONS);
    held.open();
    expect(await sending).toBe(BACKLOG_REPORTS * 2);
    expect(smtp.received).toHaveLength(BACKLOG_REPORTS * 2);
    expect(new Set(smtp.received.map((mail) => mail.messageId)).size).toBe(BACKLOG_REPORTS * 2);
    // Connections are reused: not one per mail.
    expect(smtp.connections()).toBeLessThanOrEqual(SMTP_POOL_CONNECTIONS);
  });

  it('sends a login link and an urgent report that arrive during a backlog before the rest of it', async () => {
    const held = gate();
    const smtp = await smtpServer(held.script);
    const t = await app(smtp);
    await backlog(t);
    t.context.mailWorker.start();
    await until('the first mails of the backlog at the server', () => held.waiting() === SMTP_POOL_CONNECTIONS);

    expect((await requestLink(t, BERTINE)).statusCode).toBe(202);
    await submitReport(t, { urgent: true });
    held.open();
    const total = BACKLOG_REPORTS * 2 + 1 + 2;
    await smtp.waitFor(total);

    const order = smtp.received.map((mail) => mail.subject);
    const first = order.slice(0, SMTP_POOL_CONNECTIONS * 2);
    // The mails under way when they arrived finish first; the next ones taken are the login link and
    // the urgent report's two mails, ahead of the 17 mails of the backlog still waiting.
    expect(first.filter((subject) => subject === 'Je inloglink voor klikvrij')).toHaveLength(1);
    expect(first.filter((subject) => subject.startsWith('DRINGEND:'))).toHaveLength(2);
    expect(new Set(smtp.received.map((mail) => mail.messageId)).size).toBe(total);
  });

  it('never lets the connection pool send a mail again when the server drops the connection after the message', async () => {
    let dropped = false;
    const smtp = await smtpServer(async () => {
      if (dropped) return;
      dropped = true;
      return 'drop';
    });
    const time = clock('2026-12-02T09:00:00Z');
    const t = await app(smtp, { now: time.now });
    await requestLink(t, BERTINE);
    expect(await t.context.mailWorker.sendDue()).toBe(0);
    // The server read the message once; the worker recorded that attempt and will try again later
    // (with the same Message-ID), rather than the pool re-sending it at once on a new connection.
    expect(smtp.attempts()).toBe(1);
    const [row] = await t.context.db.selectFrom('outbox').select(['attempts', 'last_error']).execute();
    expect(row).toMatchObject({ attempts: 1 });
    expect(row!.last_error).toBeTruthy();

    time.advance(FAST_RETRY.retryMaxMs);
    expect(await t.context.mailWorker.sendDue()).toBe(1);
    expect(smtp.attempts()).toBe(2);
    expect(smtp.received).toHaveLength(1);
  });
});
