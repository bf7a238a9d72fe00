// Two real app servers on one PostgreSQL database (the postgres lane only: on SQLite the data folder
// admits one server). Reports arrive at both while the mail server is down; when it is back, both
// servers' mail workers take from the one outbox and every mail arrives exactly once. A login link
// asked for on one server opens a session on the other, and that session works on the first. A contact
// added or ended through one server counts from the other server's next report, although that server
// keeps the school it read (its report's one statement checks the school's revision).

import { afterAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/database.js';
import { freePort, type ChildServer } from '../helpers/child-server.js';
import { startServersOnOneDatabase, waitUntil } from '../helpers/servers-on-one-database.js';
import { startSmtpServer, type ReceivedMail } from '../helpers/smtp.js';
import { BERTINE, ELMAR } from '../helpers/staff.js';

const REPORTS_PER_SERVER = 15;
const MAILS_PER_REPORT = 2;
const MAILS = 2 * REPORTS_PER_SERVER * MAILS_PER_REPORT;

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

async function outbox(db: Db): Promise<{ rows: number; tried: number }> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => [eb.fn.countAll<number>().as('rows'), eb.fn.sum<number>(eb.case().when('attempts', '>', 0).then(1).else(0).end()).as('tried')])
    .executeTakeFirstOrThrow();
  return { rows: Number(row.rows), tried: Number(row.tried ?? 0) };
}

/** Message-IDs that arrived more than once, with how often. */
function duplicatesIn(mails: readonly ReceivedMail[]): Array<[string, number]> {
  const perMessageId = new Map<string, number>();
  for (const mail of mails) perMessageId.set(mail.messageId, (perMessageId.get(mail.messageId) ?? 0) + 1);
  return [...perMessageId].filter(([, count]) => count > 1);
}

async function post(server: ChildServer, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

describe('two app servers on one PostgreSQL database', () => {
  it(`send each of ${MAILS} queued mails exactly once, and a login link from one opens a session on the other`, { timeout: 120_000 }, async () => {
    const smtpPort = await freePort();
    const env = { SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, PUBLIC_URL: 'https://klikvrij.example.nl', RATE_LIMIT_REPORTS: '1000' };
    const { first, second, db } = await startServersOnOneDatabase(env, cleanups);

    // 1. The mail server is down; reports arrive at both servers at once.
    const submissions = [first, second].flatMap((server) =>
      Array.from({ length: REPORTS_PER_SERVER }, (_, i) =>
        post(server, '/api/reports', { role: 'self', description: `Melding ${server.port}-${i}: ze schelden me uit.` }),
      ),
    );
    for (const response of await Promise.all(submissions)) expect(response.status, await response.text()).toBe(201);
    await waitUntil(async () => (await outbox(db)).tried === MAILS, 30_000, 'every mail to be tried once');
    const queued = (await db.selectFrom('outbox').select('message_id').execute()).map((row) => row.message_id);
    expect(new Set(queued).size).toBe(MAILS);

    // 2. The mail server comes back: both workers take from the same outbox.
    const smtp = await startSmtpServer(smtpPort);
    cleanups.push(() => smtp.close());
    await waitUntil(async () => (await outbox(db)).rows === 0, 60_000, 'the outbox to be empty');
    expect(duplicatesIn(smtp.received)).toEqual([]);

    // 3. A login link asked for on the first server, redeemed on the second.
    const linkRequest = await post(first, '/api/staff/login', { email: BERTINE });
    expect(linkRequest.status).toBe(202);
    const isLoginMail = (mail: ReceivedMail) => mail.subject === 'Je inloglink voor klikvrij';
    await waitUntil(async () => smtp.received.some(isLoginMail), 30_000, 'the login mail');
    const loginMail = smtp.received.find(isLoginMail);
    const token = /\/staff\/login#([A-Za-z0-9_-]+)/.exec(loginMail!.text)?.[1];
    expect(token).toBeDefined();
    const session = await post(second, '/api/staff/sessions', { token });
    expect(session.status, await session.clone().text()).toBe(201);
    const cookie = session.headers.get('set-cookie')!.split(';')[0]!;
    // The session and its CSRF token live in the database: the first server knows them too.
    const { csrfToken } = (await session.json()) as { csrfToken: string };
    const inbox = await fetch(`${first.url}/api/staff/reports`, { headers: { cookie } });
    expect(inbox.status).toBe(200);
    const { reports } = (await inbox.json()) as { reports: unknown[] };
    expect(reports.length).toBeGreaterThan(0);
    // The link is used up on both servers.
    expect((await post(first, '/api/staff/sessions', { token })).status).toBe(401);
    // Logged out on the first server (with the CSRF token the second one gave): gone on the second too.
    const logout = await post(first, '/api/staff/logout', {}, { cookie, 'x-csrf-token': csrfToken });
    expect(logout.status).toBeLessThan(300);
    expect((await fetch(`${second.url}/api/staff/me`, { headers: { cookie } })).status).toBe(401);

    // Stopped, the servers send nothing more: what arrived is all that was sent.
    await Promise.all([first.stop(), second.stop()]);
    const reportMails = smtp.received.filter((mail) => !isLoginMail(mail));
    expect(duplicatesIn(reportMails)).toEqual([]);
    expect(reportMails).toHaveLength(MAILS);
    const bare = (id: string) => id.replace(/^<|>$/g, '');
    expect(reportMails.map((mail) => bare(mail.messageId)).sort()).toEqual(queued.map(bare).sort());
  });

  it('a contact added, then ended, through one server counts from the next report the other server stores', { timeout: 120_000 }, async () => {
    const smtp = await startSmtpServer();
    cleanups.push(() => smtp.close());
    const admin = 'fenna@bestuur.nl';
    const env = { SMTP_URL: smtp.url, PUBLIC_URL: 'https://klikvrij.example.nl', BOARD_ADMINS: admin };
    const { first: reporting, second: changing, db } = await startServersOnOneDatabase(env, cleanups);

    // The school also hears of the admin's change by mail; only the new-report mails say whom a report reached.
    const isNewReportMail = (mail: ReceivedMail) => mail.subject.startsWith('Nieuwe melding voor ');
    /** Sends a report to the reporting server and answers the addresses its new-report mails went to. */
    const reportTo = async (): Promise<string[]> => {
      const before = smtp.received.length;
      const response = await post(reporting, '/api/reports', { role: 'self', description: 'Ze pakken steeds mijn tas af.' });
      expect(response.status, await response.clone().text()).toBe(201);
      // A mail leaves the outbox once the mail server has taken it.
      await waitUntil(async () => (await outbox(db)).rows === 0, 30_000, 'the outbox to be empty');
      return smtp.received
        .slice(before)
        .filter(isNewReportMail)
        .flatMap((mail) => mail.to.map((to) => to.toLowerCase()))
        .sort();
    };
    const table = [BERTINE, ELMAR].map((email) => email.toLowerCase());
    // The reporting server reads the school and keeps it.
    expect(await reportTo()).toEqual(table);

    // A board admin signs in on the other server and adds an anti-pestcoördinator there.
    expect((await post(changing, '/api/beheer/login', { email: admin })).status).toBe(202);
    const isLoginMail = (mail: ReceivedMail) => /\/beheer\/login#/.test(mail.text);
    await waitUntil(async () => smtp.received.some(isLoginMail), 30_000, 'the login mail');
    const token = /\/beheer\/login#([A-Za-z0-9_-]+)/.exec(smtp.received.find(isLoginMail)!.text)![1];
    const session = await post(changing, '/api/beheer/sessions', { token });
    expect(session.status, await session.clone().text()).toBe(201);
    const headers = { cookie: session.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': ((await session.json()) as { csrfToken: string }).csrfToken };
    const sanne = 'sanne.vos@vivente.nu';
    const added = await post(changing, '/api/beheer/schools/kopakker/contacts', { name: 'Sanne Vos', email: sanne, roles: ['anti-pestcoordinator'] }, headers);
    expect(added.status, await added.clone().text()).toBe(201);
    const isTableChangeMail = (mail: ReceivedMail) => mail.subject.startsWith('Wijziging in de contacttabel');
    await waitUntil(async () => smtp.received.some(isTableChangeMail), 30_000, 'the mail telling the school of the change');
    expect(smtp.received.find(isTableChangeMail)!.text).toContain(sanne);
    expect(await reportTo()).toEqual([...table, sanne].sort());

    // Ended there again: the reporting server's next report no longer mails her.
    const { id } = await db.selectFrom('school_contact').select('id').where('email', '=', sanne).executeTakeFirstOrThrow();
    const ended = await post(changing, `/api/beheer/schools/kopakker/contacts/${id}/end`, {}, headers);
    expect(ended.status, await ended.clone().text()).toBe(200);
    expect(await reportTo()).toEqual(table);
  });
});
