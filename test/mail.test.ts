import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { simpleParser, type AddressObject } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import type { SchoolsFile } from '../server/schools/schools-file.js';
import { MAIL_FOLDER } from '../server/context.js';
import {
  SMTP_CONNECTION_TIMEOUT_MS,
  SMTP_DATA_TERMINATION_TIMEOUT_MS,
  SMTP_GREETING_TIMEOUT_MS,
} from '../server/notifications/mail-transport.js';
import { MAIL_OVERDUE_MS } from '../server/notifications/mail-worker.js';
import { normalizeReceiptCode } from '../server/receipts/receipt-code.js';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from './helpers/smtp.js';
import { makeDataDir, startTestApp, type TestApp } from './helpers/test-app.js';
import { asStaff, loginAs } from './helpers/staff.js';

const PUBLIC_URL = 'https://klikvrij.example.nl';
const HEALTH_TOKEN = 'operator-health-token-of-the-mail-tests';
const BERTINE = 'bertine.pas@vivente.nu';
const ELMAR = 'elmar.van.dokkum@vivente.nu';
const FAST_RETRY = { retryBaseMs: 50, retryMaxMs: 200, idlePollMs: 100 };

const ANONYMOUS_REPORT = { role: 'self', description: 'Ze lachen me elke dag uit in de pauze.', kinds: ['verbal'] };

/** A named report full of words that must never leave the database in a default notification mail. */
const NAMED_REPORT = {
  role: 'bystander',
  anonymous: false,
  name: 'Sanne Veldkamp',
  group: 6,
  email: 'sanne.veldkamp@example.nl',
  description: 'Ze pakken elke dag de gymtas af bij het hek en lachen erom.',
  kinds: ['verbal', 'belongings'],
  target: 'Mirthe Koolhoven',
  perpetrators: 'Joris Wijnbergen en Fenna Brakel',
};
const NAMED_REPORT_SECRETS = [
  'Sanne',
  'Veldkamp',
  'gymtas',
  'bij het hek',
  'Mirthe',
  'Koolhoven',
  'Joris',
  'Wijnbergen',
  'Fenna',
  'Brakel',
];

// ---- cleanup: everything a test starts is closed afterwards, last started first ----

const cleanups: Array<() => Promise<unknown>> = [];

afterEach(async () => {
  const errors: unknown[] = [];
  while (cleanups.length > 0) await cleanups.pop()!().catch((error: unknown) => errors.push(error));
  if (errors.length > 0) throw errors[0];
});

function once(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => (closing ??= close());
}

async function startApp(options: Parameters<typeof startTestApp>[0] = {}): Promise<TestApp> {
  const t = await startTestApp({ ...options, env: { PUBLIC_URL, HEALTH_TOKEN, ...options.env } });
  const close = once(t.close);
  cleanups.push(close);
  return { ...t, close };
}

async function startSmtp(port?: number, received?: ReceivedMail[]): Promise<TestSmtpServer> {
  const smtp = await startSmtpServer(port, received);
  cleanups.push(smtp.close);
  return smtp;
}

async function tempDir(): Promise<string> {
  const dir = await makeDataDir();
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

// ---- network helpers ----

function listen(server: net.Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port));
  });
}

/** A port on which nothing listens (yet): a mail server that is down. */
async function unusedPort(): Promise<number> {
  const server = net.createServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const smtpUrl = (port: number) => `smtp://127.0.0.1:${port}`;

/** Accepts TCP connections and never says a word: a hung mail server. */
async function startSilentServer(): Promise<{ port: number; connections: () => number }> {
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const server = net.createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await listen(server);
  cleanups.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return { port, connections: () => connections };
}

// ---- app helpers ----

/** Posts a report as JSON, expects 201, and returns the id of the stored report. */
async function submitReport(t: TestApp, body: object = ANONYMOUS_REPORT): Promise<number> {
  const response = await t.app.inject({ method: 'POST', url: '/api/reports', payload: body });
  expect(response.statusCode, response.body).toBe(201);
  const { receipt } = response.json<{ receipt: string }>();
  const hash = t.context.keyedHash(normalizeReceiptCode(receipt)!);
  const row = await t.context.db
    .selectFrom('report')
    .select('id')
    .where('receipt_hash', '=', hash)
    .executeTakeFirstOrThrow();
  return row.id;
}

interface Health {
  httpStatus: number;
  status: string;
  mail: { pending: number; overdue: number; dead: number; failing: number };
  problems: string[];
}

/** The operator's view of /healthz (with the token). */
async function health(t: TestApp): Promise<Health> {
  const response = await t.app.inject({ method: 'GET', url: '/healthz', headers: { authorization: `Bearer ${HEALTH_TOKEN}` } });
  return { httpStatus: response.statusCode, ...response.json<Omit<Health, 'httpStatus'>>() };
}

function outbox(t: TestApp) {
  return t.context.db.selectFrom('outbox').selectAll().orderBy('id').execute();
}

async function waitUntil(condition: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(25);
  }
}

/** The worker has tried every queued mail at least once, and failed. */
function everyMailFailedOnce(t: TestApp): Promise<void> {
  return waitUntil(
    async () => (await outbox(t)).every((row) => row.attempts > 0 && row.sent_at === null && row.last_error),
    'every mail failed at least once',
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---- mail helpers ----

/** Waits a little longer and checks that no further mail arrived. */
async function expectNoMoreMail(smtp: TestSmtpServer, count: number): Promise<void> {
  await sleep(750);
  expect(smtp.received).toHaveLength(count);
}

/** Envelope recipients of all mails, lower-cased and sorted; every mail has exactly one. */
function recipientsOf(mails: readonly ReceivedMail[]): string[] {
  for (const mail of mails) expect(mail.to).toHaveLength(1);
  return mails.flatMap((mail) => mail.to.map((address) => address.toLowerCase())).sort();
}

function messageIdsOf(mails: readonly ReceivedMail[]): string[] {
  return mails.map((mail) => mail.messageId).sort();
}

function expectEachMailOnce(mails: readonly ReceivedMail[]): void {
  const ids = messageIdsOf(mails);
  expect(ids.every((id) => id.length > 0)).toBe(true);
  expect(new Set(ids).size).toBe(ids.length);
}

/** The link to the case, not followed by more digits (report 1 must not match a link to report 12). */
function linkPattern(reportId: number): RegExp {
  const url = `${PUBLIC_URL}/staff/reports/${reportId}`.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`${url}(?!\\d)`);
}

function parsedAddresses(to: AddressObject | AddressObject[] | undefined): string[] {
  const objects = to === undefined ? [] : Array.isArray(to) ? to : [to];
  return objects.flatMap((object) => object.value.map((entry) => (entry.address ?? '').toLowerCase()));
}

async function emlFiles(dataDir: string): Promise<string[]> {
  const folder = path.join(dataDir, MAIL_FOLDER);
  return (await readdir(folder)).sort().map((name) => path.join(folder, name));
}

interface LogLine {
  level: number;
  msg: string;
}

function logLines(t: TestApp): LogLine[] {
  return t
    .logOutput()
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LogLine);
}

const PINO_ERROR = 50;

// ---- the tests ----

describe('notification mail for a new report', () => {
  it('mails each anti-pestcoördinator and vertrouwenspersoon once, with a link and no names or text', async () => {
    const smtp = await startSmtp();
    const t = await startApp({ env: { SMTP_URL: smtp.url }, startMailWorker: true });

    const reportId = await submitReport(t, NAMED_REPORT);
    const mails = await smtp.waitFor(2);
    await expectNoMoreMail(smtp, 2);

    expect(recipientsOf(mails)).toEqual([BERTINE, ELMAR]);
    expectEachMailOnce(mails);
    for (const mail of mails) {
      for (const part of [mail.raw, mail.text, mail.html]) {
        for (const secret of NAMED_REPORT_SECRETS) expect(part).not.toContain(secret);
        expect(part.toLowerCase()).not.toContain(NAMED_REPORT.email);
      }
      expect(mail.text).toMatch(linkPattern(reportId));
      expect(mail.html).toMatch(linkPattern(reportId));
    }
    expect((await health(t)).mail.pending).toBe(0);
  });

  it('mails only the vertrouwenspersoon when the reporter asks for that', async () => {
    const smtp = await startSmtp();
    const t = await startApp({ env: { SMTP_URL: smtp.url }, startMailWorker: true });

    await submitReport(t, { ...ANONYMOUS_REPORT, recipients: 'vertrouwenspersoon' });
    const mails = await smtp.waitFor(1);
    await expectNoMoreMail(smtp, 1);

    expect(recipientsOf(mails)).toEqual([BERTINE]);
  });

  it('keeps a given-up mail about a report for the vertrouwenspersoon only from a directeur who is not the VP', async () => {
    // Bertine's mailbox refuses everything: both reports' mails to her are given up at once.
    const smtp = await startSmtpServer({
      onMail: async (mail) => (mail.to.some((to) => to.toLowerCase() === BERTINE) ? { code: 550, message: '5.1.1 User unknown' } : undefined),
    });
    cleanups.push(smtp.close);
    const t = await startApp({ env: { SMTP_URL: smtp.url }, startMailWorker: true, mailRetry: FAST_RETRY });
    await submitReport(t, { ...ANONYMOUS_REPORT, recipients: 'vertrouwenspersoon', urgent: true });
    await submitReport(t, ANONYMOUS_REPORT);
    await smtp.waitFor(1);
    const deadLetters = async () => t.context.db.selectFrom('outbox').select(['id', 'confidential']).where('dead_at', 'is not', null).orderBy('id').execute();
    for (let tries = 0; (await deadLetters()).length < 2; tries++) {
      expect(tries, 'two mails given up').toBeLessThan(400);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const [secret, ordinary] = await deadLetters();
    expect([secret!.confidential, ordinary!.confidential]).toEqual([1, 0]);

    // Elmar, directeur and anti-pestcoördinator but not the VP, sees the ordinary report's bounce only:
    // the other ("DRINGEND: Nieuwe melding", to the VP alone) would tell him such a report came in.
    const elmar = await loginAs(t, ELMAR);
    const listed = (await asStaff(t, elmar, 'GET', '/api/staff/mail-problems')).json().deadLetters as Array<{ id: number; subject: string }>;
    expect(listed.map((letter) => letter.id)).toEqual([ordinary!.id]);
    expect(JSON.stringify(listed)).not.toContain('DRINGEND');
    expect((await asStaff(t, elmar, 'DELETE', `/api/staff/mail-problems/${secret!.id}`)).statusCode).toBe(404);

    // Bertine, the vertrouwenspersoon (not the directeur), sees that one, so it does not stay unseen by all.
    const vp = await loginAs(t, BERTINE);
    const forVp = (await asStaff(t, vp, 'GET', '/api/staff/mail-problems')).json().deadLetters as Array<{ id: number; kind: string }>;
    expect(forVp.map((letter) => letter.id)).toEqual([secret!.id]);
    expect((await asStaff(t, vp, 'DELETE', `/api/staff/mail-problems/${ordinary!.id}`)).statusCode).toBe(404);

    // A directeur who is the vertrouwenspersoon too sees both (her session ends with the role change).
    await t.context.db
      .updateTable('school_contact')
      .set({ roles: JSON.stringify(['anti-pestcoordinator', 'vertrouwenspersoon', 'directeur']) })
      .where('email', '=', 'Bertine.pas@vivente.nu')
      .execute();
    const bertine = await loginAs(t, BERTINE);
    // (Her own login link bounces too, and may be given up by now: only the reports' mails count here.)
    const forTheVp = (await asStaff(t, bertine, 'GET', '/api/staff/mail-problems')).json().deadLetters as Array<{ id: number; kind: string }>;
    expect(forTheVp.filter((letter) => letter.kind === 'Nieuwe melding').map((letter) => letter.id)).toEqual([ordinary!.id, secret!.id]);
  });

  it('carries the description, HTML-escaped, for a school that opted in to a full mail', async () => {
    const configDir = await tempDir();
    const schools: SchoolsFile = {
      defaultSchool: 'de-regenboog',
      schools: [
        {
          slug: 'de-regenboog',
          name: 'OBS De Regenboog',
          fullNotificationMail: true,
          contacts: [
            { name: 'Anouk Smit', email: 'anouk.smit@regenboog.example', roles: ['anti-pestcoordinator', 'vertrouwenspersoon'] },
          ],
        },
      ],
    };
    const schoolsFile = path.join(configDir, 'schools.json');
    await writeFile(schoolsFile, JSON.stringify(schools));
    const smtp = await startSmtp();
    const t = await startApp({ env: { SMTP_URL: smtp.url, SCHOOLS_FILE: schoolsFile }, startMailWorker: true });

    const description = 'Ze schelden me uit. <script>alert(1)</script> & "quotes"';
    await submitReport(t, { ...ANONYMOUS_REPORT, school: 'de-regenboog', description });
    const [mail] = await smtp.waitFor(1);
    await expectNoMoreMail(smtp, 1);

    expect(recipientsOf([mail!])).toEqual(['anouk.smit@regenboog.example']);
    expect(mail!.text).toContain(description);
    expect(mail!.html).toContain(
      'Ze schelden me uit. &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;',
    );
    expect(mail!.html).not.toContain('<script>');
    expect(mail!.html).not.toContain('"quotes"');
  });
});

describe('the durable outbox', () => {
  it('accepts a report while the mail server is down and sends each mail once when it is back', async () => {
    const port = await unusedPort();
    const t = await startApp({ env: { SMTP_URL: smtpUrl(port) }, startMailWorker: true, mailRetry: FAST_RETRY });

    await submitReport(t);
    await everyMailFailedOnce(t);
    expect((await health(t)).mail.pending).toBe(2);
    const queuedIds = (await outbox(t)).map((row) => row.message_id).sort();

    const smtp = await startSmtp(port);
    const mails = await smtp.waitFor(2);
    await expectNoMoreMail(smtp, 2);

    expectEachMailOnce(mails);
    expect(messageIdsOf(mails)).toEqual(queuedIds);
    expect(recipientsOf(mails)).toEqual([BERTINE, ELMAR]);
    expect((await health(t)).mail.pending).toBe(0);
  });

  it('sends the queued mails after a restart, once each, with the Message-IDs stored before it', async () => {
    const port = await unusedPort();
    const dataDir = await tempDir();
    const options = { dataDir, env: { SMTP_URL: smtpUrl(port) }, startMailWorker: true, mailRetry: FAST_RETRY };

    const before = await startApp(options);
    await submitReport(before);
    await everyMailFailedOnce(before);
    const queuedIds = (await outbox(before)).map((row) => row.message_id).sort();
    expect(queuedIds).toHaveLength(2);
    await before.close();

    const after = await startApp(options);
    const smtp = await startSmtp(port);
    const mails = await smtp.waitFor(2);
    await expectNoMoreMail(smtp, 2);

    expectEachMailOnce(mails);
    expect(messageIdsOf(mails)).toEqual(queuedIds);
    expect((await health(after)).mail.pending).toBe(0);
  });

  it('writes .eml files without a mail server, and sending again writes no extra file', async () => {
    const t = await startApp();

    const reportId = await submitReport(t);
    expect(await t.context.mailWorker.sendDue()).toBe(2);
    const files = await emlFiles(t.dataDir);
    expect(files).toHaveLength(2);
    expect(files.every((file) => file.endsWith('.eml'))).toBe(true);

    const parsed = await Promise.all(files.map(async (file) => simpleParser(await readFile(file))));
    expect(parsed.flatMap((mail) => parsedAddresses(mail.to)).sort()).toEqual([BERTINE, ELMAR]);
    for (const mail of parsed) {
      expect(mail.text ?? '').toMatch(linkPattern(reportId));
      expect(mail.text ?? '').not.toContain(ANONYMOUS_REPORT.description);
    }

    expect(await t.context.mailWorker.sendDue()).toBe(0);
    expect(await emlFiles(t.dataDir)).toEqual(files);
    expect((await health(t)).mail.pending).toBe(0);
  });

  it('makes the mail folder again, owner only, when it was removed while the server runs', async () => {
    const t = await startApp();
    await submitReport(t);
    expect(await t.context.mailWorker.sendDue()).toBe(2);
    const folder = path.join(t.dataDir, MAIL_FOLDER);
    await rm(folder, { recursive: true });

    await submitReport(t);
    expect(await t.context.mailWorker.sendDue()).toBe(2);
    expect(await emlFiles(t.dataDir)).toHaveLength(2);
    expect((await stat(folder)).mode & 0o777).toBe(0o700);
    expect((await health(t)).mail.pending).toBe(0);
  });

  it('fails the operator health check and logs an error when a mail is unsent for 24 hours, and keeps it', async () => {
    let clock = Date.parse('2026-03-02T08:30:00.000Z');
    const port = await unusedPort();
    const t = await startApp({ env: { SMTP_URL: smtpUrl(port) }, now: () => new Date(clock) });
    const overdueErrors = () =>
      logLines(t).filter((line) => line.level === PINO_ERROR && line.msg === 'mail still not sent after 24 hours');

    await submitReport(t);
    expect(await t.context.mailWorker.sendDue()).toBe(0);
    const fresh = await health(t);
    expect(fresh.httpStatus).toBe(200);
    expect(fresh.status).toBe('ok');
    expect(fresh.mail).toMatchObject({ pending: 2, overdue: 0 });
    expect(overdueErrors()).toHaveLength(0);

    clock += MAIL_OVERDUE_MS + 60_000;
    expect(await t.context.mailWorker.sendDue()).toBe(0);
    const late = await health(t);
    expect(late.httpStatus).toBe(503);
    expect(late.status).toBe('failing');
    expect(late.mail).toMatchObject({ pending: 2, overdue: 2 });
    expect(late.problems).toEqual(['2 mail(s) not sent for more than 24 hours']);
    expect(overdueErrors()).toHaveLength(2);

    const rows = await outbox(t);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.sent_at).toBeNull();
      expect(row.attempts).toBe(2);
      expect(Date.parse(row.next_attempt_at)).toBeGreaterThan(clock);
    }
  });
});

describe('a mail server that hangs', () => {
  it('gives up on connect and greeting within seconds but waits the RFC 5321 10 minutes after DATA', () => {
    for (const timeout of [SMTP_CONNECTION_TIMEOUT_MS, SMTP_GREETING_TIMEOUT_MS]) {
      expect(timeout).toBeGreaterThan(0);
      expect(timeout).toBeLessThanOrEqual(15_000);
    }
    expect(SMTP_DATA_TERMINATION_TIMEOUT_MS).toBeGreaterThanOrEqual(10 * 60_000);
  });

  it('fails and reschedules a delivery to a server that never greets, instead of hanging', { timeout: 40_000 }, async () => {
    const silent = await startSilentServer();
    const t = await startApp({ env: { SMTP_URL: smtpUrl(silent.port) } });
    await submitReport(t, { ...ANONYMOUS_REPORT, recipients: 'vertrouwenspersoon' });

    expect(await t.context.mailWorker.sendDue()).toBe(0);
    expect(silent.connections()).toBeGreaterThan(0);

    const [row] = await outbox(t);
    expect(row).toMatchObject({ attempts: 1, sent_at: null });
    expect(row!.last_error).toMatch(/greeting never received/i);
    expect(Date.parse(row!.next_attempt_at)).toBeGreaterThan(Date.parse(row!.created_at));
  });
});
