// Two real app servers on one PostgreSQL database, and two coordinators (one on each) working on the
// same cases at the same moment, while each case's reporter writes back: every change to a case is a
// SERIALIZABLE transaction (db/transaction.ts runTransaction) that PostgreSQL refuses when another one
// changed the case under it, and that is then run again from the start. Many cases at once, every
// change sent at the same time: no request gets a 500, each case ends as the last accepted change of
// each kind left it, the audit log holds one row per accepted change, and each mail arrives once.

import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/database.js';
import { ROUTING_TEXT } from '../../server/cases/routing.js';
import { STEP_LABELS, type Step } from '../../server/shared/protocol.js';
import type { ChildServer } from '../helpers/child-server.js';
import { startServersOnOneDatabase, waitUntil } from '../helpers/servers-on-one-database.js';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../helpers/smtp.js';
import { BERTINE, ELMAR, YVONNE } from '../helpers/staff.js';

/** Cases worked on at once; each gets every change below at the same moment. */
const CASES = 10;
const SCHOOL = 'CBS de Kopakker';

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

async function outboxRows(db: Db): Promise<number> {
  const row = await db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('rows')).executeTakeFirstOrThrow();
  return Number(row.rows);
}

/** Transactions PostgreSQL rolled back in this database so far (its statistics lag by up to a moment). */
async function rollbacks(db: Db): Promise<number> {
  await sql`SELECT pg_stat_force_next_flush()`.execute(db);
  const { rows } = await sql<{ rolled_back: string }>`SELECT xact_rollback AS rolled_back FROM pg_stat_database WHERE datname = current_database()`.execute(db);
  return Number(rows[0]!.rolled_back);
}

interface Session {
  server: ChildServer;
  cookie: string;
  csrf: string;
}

/** A staff session on `server`, from the login link mailed to `email`. */
async function signIn(server: ChildServer, smtp: TestSmtpServer, email: string): Promise<Session> {
  const before = smtp.received.length;
  const asked = await fetch(`${server.url}/api/staff/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  expect(asked.status).toBe(202);
  const isLink = (mail: ReceivedMail) => mail.to.some((to) => to.toLowerCase() === email.toLowerCase()) && /\/staff\/login#/.test(mail.text);
  await waitUntil(() => smtp.received.slice(before).some(isLink), 30_000, `the login mail to ${email}`);
  const token = /\/staff\/login#([A-Za-z0-9_-]+)/.exec(smtp.received.slice(before).find(isLink)!.text)![1];
  const session = await fetch(`${server.url}/api/staff/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  expect(session.status, await session.clone().text()).toBe(201);
  return { server, cookie: session.headers.get('set-cookie')!.split(';')[0]!, csrf: ((await session.json()) as { csrfToken: string }).csrfToken };
}

/** What one concurrent request was, and what it got. */
interface Outcome {
  kind: 'step' | 'note' | 'assign' | 'reporter-status' | 'close' | 'message' | 'follow-up';
  /** The value it set: a step, an assignee's e-mail address, a reporter status. */
  value?: string;
  by: string;
  status: number;
  body: string;
  retryAfter: string | null;
}

async function send(server: ChildServer, method: 'POST' | 'PUT', path: string, body: unknown, session?: Session): Promise<Omit<Outcome, 'kind' | 'by'>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (session) Object.assign(headers, { cookie: session.cookie, 'x-csrf-token': session.csrf });
  const response = await fetch(`${server.url}${path}`, { method, headers, body: JSON.stringify(body) });
  return { status: response.status, body: await response.text(), retryAfter: response.headers.get('retry-after') };
}

const accepted = (outcome: Outcome) => outcome.status >= 200 && outcome.status < 300;

/** The audit rows each kind of change writes when it is accepted: closing with a message also sends it. */
const AUDIT_ROWS: Record<Outcome['kind'], Record<string, number>> = {
  step: { 'step.record': 1 },
  note: { 'note.add': 1 },
  assign: { 'assignee.set': 1 },
  'reporter-status': { 'reporter_status.set': 1 },
  close: { 'case.close': 1, 'message.send': 1 },
  message: { 'message.send': 1 },
  'follow-up': {},
};

const STEP_BY_LABEL = new Map(Object.entries(STEP_LABELS).map(([step, label]) => [label, step as Step]));

describe('two coordinators on two app servers changing the same cases at once', () => {
  it(`${CASES} cases, each with eleven conflicting changes at the same moment: no 500, one consistent end, one audit row per change, each mail once`, { timeout: 180_000 }, async () => {
    const smtp = await startSmtpServer();
    cleanups.push(() => smtp.close());
    const env = { SMTP_URL: smtp.url, PUBLIC_URL: 'https://klikvrij.example.nl', RATE_LIMIT_REPORTS: '1000' };
    const { first, second, db } = await startServersOnOneDatabase(env, cleanups);

    // Named reporters who asked to hear of an answer, one report each; its number is the row it added.
    const cases: Array<{ id: number; receipt: string; reporter: string }> = [];
    for (let i = 0; i < CASES; i++) {
      const reporter = `ouder-${i}@voorbeeld.nl`;
      const known = new Set((await db.selectFrom('report').select('id').execute()).map((row) => row.id));
      const report = await send(i % 2 === 0 ? first : second, 'POST', '/api/reports', {
        role: 'parent',
        anonymous: false,
        name: `Ouder ${i}`,
        email: reporter,
        notifyOnAnswer: true,
        description: `Mijn kind wordt elke pauze uitgescholden (${i}).`,
      });
      expect(report.status, report.body).toBe(201);
      const id = (await db.selectFrom('report').select('id').execute()).map((row) => row.id).find((candidate) => !known.has(candidate))!;
      cases.push({ id, receipt: (JSON.parse(report.body) as { receipt: string }).receipt, reporter });
    }
    const bertine = await signIn(first, smtp, BERTINE);
    const elmar = await signIn(second, smtp, ELMAR);
    await waitUntil(async () => (await outboxRows(db)) === 0, 30_000, 'the new-report and login mails to be sent');
    const mailsBefore = smtp.received.length;

    const rollbacksBefore = await rollbacks(db);
    const started = performance.now();
    // Every change to every case at once: Bertine's on the first server, Elmar's on the second, each
    // reporter's answer on either.
    const rounds = cases.map(async ({ id, receipt }, i) => {
      const staff = (kind: Outcome['kind'], session: Session, method: 'POST' | 'PUT', path: string, body: unknown, value?: string) =>
        send(session.server, method, `/api/staff/reports/${id}${path}`, body, session).then(
          (got): Outcome => ({ kind, by: session === bertine ? BERTINE : ELMAR, ...(value === undefined ? {} : { value }), ...got }),
        );
      return Promise.all([
        staff('step', bertine, 'POST', '/steps', { step: '3a', note: 'Ouders van beide kinderen gebeld.' }, '3a'),
        staff('step', elmar, 'POST', '/steps', { step: '2', note: 'Gesprek met de klas gepland.' }, '2'),
        staff('note', bertine, 'POST', '/notes', { text: 'Bertine: juf weet ervan.' }),
        staff('note', elmar, 'POST', '/notes', { text: 'Elmar: morgen nabellen.' }),
        staff('assign', bertine, 'PUT', '/assignee', { email: ELMAR }, ELMAR.toLowerCase()),
        staff('assign', elmar, 'PUT', '/assignee', { email: BERTINE }, BERTINE.toLowerCase()),
        staff('reporter-status', bertine, 'PUT', '/reporter-status', { status: 'in_progress' }, 'in_progress'),
        staff('reporter-status', elmar, 'PUT', '/reporter-status', { status: 'received' }, 'received'),
        staff('close', bertine, 'POST', '/close', { outcome: 'resolved', message: 'Het is opgelost. Laat het ons weten als het weer gebeurt.' }),
        staff('message', elmar, 'POST', '/messages', { text: 'We hebben met de klas gepraat.' }),
        send(i % 2 === 0 ? second : first, 'POST', '/api/followup/messages', { receipt, text: 'Vandaag was het weer raak.' }).then(
          (got): Outcome => ({ kind: 'follow-up', by: 'reporter', ...got }),
        ),
      ]);
    });
    const outcomes = await Promise.all(rounds);
    const roundMs = performance.now() - started;

    // Every answer is a success, a refusal that says why (the case was closed first), or a 503 that
    // asks to try again: never a 500.
    const all = outcomes.flat();
    const statuses = all.map((outcome) => outcome.status);
    const tally = (status: number) => statuses.filter((s) => s === status).length;
    const figures = async () => {
      // Idle connections report their statistics within PostgreSQL's idle interval (10 s).
      await new Promise((resolve) => setTimeout(resolve, 11_000));
      const rolledBack = (await rollbacks(db)) - rollbacksBefore;
      console.log(`contention: ${all.length} requests, ${statuses.filter((s) => s < 300).length} accepted, ${tally(409)} refused (closed), ${tally(503)} asked to try again, ${tally(500)} failed; ${rolledBack} transactions rolled back; ${Math.round(roundMs)} ms`);
    };

    expect(statuses.filter((status) => status >= 500 && status !== 503), all.filter((o) => o.status >= 500).map((o) => o.body).join('\n')).toEqual([]);
    for (const outcome of all.filter((o) => !accepted(o))) {
      const { error } = JSON.parse(outcome.body) as { error: { code: string; message: string } };
      if (outcome.status === 503) {
        expect(error.code).toBe('storage_unavailable');
        expect(error.message).toBe('We kunnen je bericht nu even niet bewaren. Probeer het over een minuut nog eens.');
        expect(outcome.retryAfter).not.toBeNull();
      } else {
        // Only what a closed case refuses: a step or a new handler after Bertine's close.
        expect(outcome.status, outcome.body).toBe(409);
        expect(error.message).toBe('Deze melding is afgesloten. Heropen hem eerst.');
        expect(['step', 'assign']).toContain(outcome.kind);
      }
    }

    await waitUntil(async () => (await outboxRows(db)) === 0, 60_000, 'every mail of the changes to be sent');
    const mails = smtp.received.slice(mailsBefore);
    const perMessageId = new Map<string, number>();
    for (const mail of mails) perMessageId.set(mail.messageId, (perMessageId.get(mail.messageId) ?? 0) + 1);
    expect([...perMessageId].filter(([, count]) => count > 1)).toEqual([]);

    let expectedMails = 0;
    for (const [i, { id, reporter }] of cases.entries()) {
      const got = outcomes[i]!;
      const ok = (kind: Outcome['kind'], by?: string) => got.filter((o) => o.kind === kind && (by === undefined || o.by === by) && accepted(o));
      const audit = await db.selectFrom('audit_log').select(['id', 'action', 'detail']).where('report_id', '=', id).orderBy('id').execute();

      // One audit row per accepted change, none for a refused one.
      const expectedAudit = new Map<string, number>();
      for (const outcome of got.filter(accepted)) {
        for (const [action, rows] of Object.entries(AUDIT_ROWS[outcome.kind])) expectedAudit.set(action, (expectedAudit.get(action) ?? 0) + rows);
      }
      const actions = new Map<string, number>();
      for (const row of audit) actions.set(row.action, (actions.get(row.action) ?? 0) + 1);
      expect(Object.fromEntries(actions), `the audit rows of case ${id}`).toEqual(Object.fromEntries(expectedAudit));

      // The case is as the last accepted change of each kind left it; the audit log's order is the
      // order PostgreSQL committed them in (each changed the report row, so each began after the one before it).
      const report = await db.selectFrom('report').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      const lastStep = audit.filter((row) => row.action === 'step.record').at(-1);
      expect(report.case_step).toBe(lastStep ? STEP_BY_LABEL.get(lastStep.detail!) : null);
      const lastAssign = audit.filter((row) => row.action === 'assignee.set').at(-1);
      const assignees: Record<string, string> = { 'aan Elmar van Dokkum': ELMAR.toLowerCase(), 'aan Bertine Pas': BERTINE.toLowerCase() };
      expect(report.assignee_email).toBe(lastAssign ? assignees[lastAssign.detail!] : null);
      const lastStatus = audit.filter((row) => row.action === 'reporter_status.set' || row.action === 'case.close').at(-1);
      expect(report.reporter_status).toBe(lastStatus === undefined ? 'received' : lastStatus.action === 'case.close' ? 'closed' : lastStatus.detail);
      // Acting on a case opens it; a case whose every change was refused is still new.
      const closed = ok('close').length === 1;
      expect(report.status).toBe(closed ? 'closed' : audit.length > 0 ? 'open' : 'new');
      // Nothing happened to a closed case that it refuses (a step or a handler after the close).
      const closeRow = audit.find((row) => row.action === 'case.close');
      if (closeRow) expect(audit.filter((row) => row.id > closeRow.id && ['step.record', 'assignee.set'].includes(row.action))).toEqual([]);
      const threeA = ok('step').some((o) => o.value === '3a');
      expect(report.ib_informed_at !== null).toBe(threeA);

      // The rows each accepted change added, once.
      const count = async (table: 'case_step' | 'case_note') =>
        (await db.selectFrom(table).select('id').where('report_id', '=', id).execute()).length;
      expect(await count('case_step')).toBe(ok('step').length);
      expect(await count('case_note')).toBe(ok('note').length);
      const messages = await db.selectFrom('message').select('author').where('report_id', '=', id).execute();
      expect(messages.filter((m) => m.author === 'school').length).toBe(ok('message').length + ok('close').length);
      expect(messages.filter((m) => m.author === 'reporter').length).toBe(ok('follow-up').length);

      // Each mail the accepted changes queued arrived once, and no other.
      const expected = new Map<string, number>();
      const expect1 = (to: string, subject: string, times: number) => {
        if (times > 0) expected.set(`${to.toLowerCase()} | ${subject}`, (expected.get(`${to.toLowerCase()} | ${subject}`) ?? 0) + times);
        expectedMails += times;
      };
      const caseSubject = (event: string) => `Melding ${id} (${SCHOOL}): ${event}`;
      expect1(YVONNE, caseSubject(ROUTING_TEXT.pesten.event), threeA ? 1 : 0);
      expect1(ELMAR, caseSubject(ROUTING_TEXT['3a'].event), ok('step', BERTINE).filter((o) => o.value === '3a').length);
      expect1(ELMAR, caseSubject('Een melding is aan jou overgedragen'), ok('assign', BERTINE).length);
      expect1(BERTINE, caseSubject('Een melding is aan jou overgedragen'), ok('assign', ELMAR).length);
      for (const colleague of [BERTINE, ELMAR]) expect1(colleague, `Nieuw bericht bij een melding voor ${SCHOOL}`, ok('follow-up').length);
      expect1(reporter, `Er is een antwoord voor je van ${SCHOOL}`, ok('message').length + ok('close').length);
      const arrived = new Map<string, number>();
      const aboutThisCase = (mail: ReceivedMail) =>
        mail.to.some((to) => to.toLowerCase() === reporter) || /\/staff\/reports\/(\d+)/.exec(mail.text)?.[1] === String(id);
      for (const mail of mails.filter(aboutThisCase)) {
        for (const to of mail.to) arrived.set(`${to.toLowerCase()} | ${mail.subject}`, (arrived.get(`${to.toLowerCase()} | ${mail.subject}`) ?? 0) + 1);
      }
      expect(Object.fromEntries(arrived), `the mails of case ${id}`).toEqual(Object.fromEntries(expected));
    }
    expect(mails.length).toBe(expectedMails);
    await figures();
  });
});
