// Mail servers that misbehave, scripted on a real SMTP server (smtp-server on 127.0.0.1): each mail
// must arrive once, or end in a clear state, and the suite reports per fault what happened.

import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ELMAR, loginAs } from '../helpers/staff.js';
import { startSmtpServer, type DataScript, type TestSmtpServer } from '../helpers/smtp.js';
import { sqliteOf, startTestApp, type TestApp } from '../helpers/test-app.js';
import { reportFault, waitUntil } from './mail-faults.js';

const MAIL_RETRY = { retryBaseMs: 50, retryMaxMs: 400, idlePollMs: 100, maxAttempts: 4 };
const HEALTH_TOKEN = 'operator-health-token-of-the-fault-tests';
const BERTINE = 'bertine.pas@vivente.nu';
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
  return { smtp, t: await startApp(smtp.url) };
}

async function startApp(smtpUrl: string): Promise<TestApp> {
  const t = await startTestApp({ env: { SMTP_URL: smtpUrl, HEALTH_TOKEN }, mailRetry: MAIL_RETRY });
  cleanups.push(() => t.close());
  return t;
}

/** The operator's health view: HTTP status and the problems it names. */
async function operatorHealth(t: TestApp): Promise<{ code: number; status: string; problems: string[]; mail: Record<string, unknown> }> {
  const response = await t.app.inject({ url: '/healthz', headers: { authorization: `Bearer ${HEALTH_TOKEN}` } });
  return { code: response.statusCode, ...response.json() };
}

const deadLetters = (t: TestApp) =>
  sqliteOf(t).prepare('SELECT to_address, attempts, last_error, text_body FROM outbox WHERE dead_at IS NOT NULL').all() as Array<{
    to_address: string;
    attempts: number;
    last_error: string;
    text_body: string;
  }>;

/** Greets and answers EHLO, then hangs up: a mail server that drops every session. */
async function startHangUpServer(): Promise<{ url: string; sessions: () => number }> {
  let sessions = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sessions += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.write('220 mail.example ESMTP\r\n');
    socket.once('data', () => {
      socket.write('250 mail.example\r\n');
      socket.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return { url: `smtp://127.0.0.1:${(server.address() as net.AddressInfo).port}`, sessions: () => sessions };
}

async function submit(t: TestApp, payload: object = VP_ONLY_REPORT): Promise<void> {
  const response = await t.app.inject({ method: 'POST', url: '/api/reports', payload });
  expect(response.statusCode, response.body).toBe(201);
}

const outboxRows = (t: TestApp) => (sqliteOf(t).prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
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
    const messageId = (sqliteOf(t).prepare('SELECT message_id FROM outbox').get() as { message_id: string }).message_id;
    t.context.mailWorker.start();

    await waitUntil(() => outboxRows(t) === 0 && slowReplied, 50_000, 'the mail to leave the outbox');
    const health = await operatorHealth(t);
    reportFault('250 only 16 s after DATA', {
      handedOver: 1,
      copiesReceived: smtp.received.length,
      attempts: smtp.attempts(),
      healthz: `${health.code} ${health.status}`,
    });
    expect(health.code).toBe(200);
    expect(smtp.attempts()).toBe(1);
    expect(smtp.received.map((mail) => mail.messageId)).toEqual([messageId]);
  });

  it('gives a mail up at once on a permanent 550, delivers the rest, and shows the directeur which address bounced', { timeout: 60_000 }, async () => {
    const { smtp, t } = await setUp(async (mail) =>
      mail.to.some((to) => to.toLowerCase() === BERTINE) ? { code: 550, message: '5.1.1 <bertine.pas@vivente.nu>: Recipient address rejected: User unknown' } : undefined,
    );
    await submit(t, { role: 'self', description: 'Ze schelden me uit.', kinds: ['verbal'] });
    t.context.mailWorker.start();
    await waitUntil(() => outboxRows(t) === deadLetters(t).length && smtp.received.length === 1, 30_000, 'one delivery and one dead letter');
    await t.context.mailWorker.stop();
    const health = await operatorHealth(t);

    const [dead] = deadLetters(t);
    expect(deadLetters(t)).toHaveLength(1);
    expect(dead!.to_address.toLowerCase()).toContain(BERTINE);
    expect(dead!.attempts).toBe(1);
    expect(dead!.last_error).toMatch(/550/);
    expect(dead!.text_body).toBe('');
    expect(health.code).toBe(503);
    expect(health.problems.join(' ')).toMatch(/1 mail\(s\) given up/);

    const director = await loginAs(t, ELMAR);
    const problems = await t.app.inject({ url: '/api/staff/mail-problems', headers: { cookie: director.cookie } });
    expect(problems.statusCode, problems.body).toBe(200);
    const [letter] = problems.json().deadLetters;
    expect(letter).toMatchObject({ contact: { name: 'Bertine Pas', email: 'Bertine.pas@vivente.nu' }, kind: 'Nieuwe melding', attempts: 1 });
    expect(letter.reason).toMatch(/User unknown/);
    reportFault('550 for one recipient', {
      handedOver: 2,
      copiesReceived: smtp.received.length,
      attempts: smtp.attempts(),
      deadLetters: deadLetters(t).length,
      healthz: `${health.code} ${health.status}`,
    });

    const dismissed = await t.app.inject({
      method: 'DELETE',
      url: `/api/staff/mail-problems/${letter.id}`,
      headers: { cookie: director.cookie, 'x-csrf-token': director.csrf },
    });
    expect(dismissed.statusCode, dismissed.body).toBe(200);
    expect(deadLetters(t)).toHaveLength(0);
    expect((await operatorHealth(t)).code).toBe(200);
  });

  it('shows dead letters to the directeur (and the vertrouwenspersoon) only', async () => {
    const { t } = await setUp(async () => ({ code: 550, message: '5.1.1 User unknown' }));
    const ib = await loginAs(t, 'Yvonne.de.bruin@vivente.nu');
    const response = await t.app.inject({ url: '/api/staff/mail-problems', headers: { cookie: ib.cookie } });
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toMatchObject({ code: 'forbidden', message: 'Alleen de directeur en de vertrouwenspersoon zien welke mails niet aankwamen.' });
  });

  it('gives a mail up after the bounded attempts when the server answers 451 every time', { timeout: 60_000 }, async () => {
    const { smtp, t } = await setUp(async () => ({ code: 451, message: '4.3.0 Try again later' }));
    await submit(t);
    t.context.mailWorker.start();
    await waitUntil(() => deadLetters(t).length === 1, 30_000, 'the mail to be given up');
    const health = await operatorHealth(t);
    reportFault('451 every time', {
      handedOver: 1,
      copiesReceived: smtp.received.length,
      attempts: smtp.attempts(),
      deadLetters: 1,
      healthz: `${health.code} ${health.status}`,
    });
    expect(smtp.attempts()).toBe(MAIL_RETRY.maxAttempts);
    expect(deadLetters(t)[0]!.last_error).toMatch(/451/);
    expect(health.code).toBe(503);
  });

  it('gives a mail up after the bounded attempts when the server hangs up after EHLO', { timeout: 60_000 }, async () => {
    const server = await startHangUpServer();
    const t = await startApp(server.url);
    await submit(t);
    t.context.mailWorker.start();
    await waitUntil(() => deadLetters(t).length === 1, 30_000, 'the mail to be given up');
    const health = await operatorHealth(t);
    reportFault('hang-up after EHLO', {
      handedOver: 1,
      copiesReceived: 0,
      attempts: server.sessions(),
      deadLetters: 1,
      healthz: `${health.code} ${health.status}`,
    });
    expect(server.sessions()).toBe(MAIL_RETRY.maxAttempts);
    expect(health.code).toBe(503);
  });
});
