// Helpers for the staff portal tests: real requests against the real app, no shortcuts into our
// own code except reading the outbox table (where the login link goes, as it would to a mailbox).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'vitest';
import type { SchoolsFile } from '../../server/schools/schools-file.js';
import { DEFAULT_SCHOOLS } from '../../server/schools/default-schools.js';
import { normalizeReceiptCode } from '../../server/receipts/receipt-code.js';
import type { TestApp } from './test-app.js';

export const BERTINE = 'Bertine.pas@vivente.nu';
export const ELMAR = 'Elmar.van.dokkum@vivente.nu';
export const YVONNE = 'Yvonne.de.bruin@vivente.nu';

export interface StaffSession {
  cookie: string;
  csrf: string;
  me: { name: string; email: string; roles: string[]; school: { slug: string }; schools: Array<{ slug: string }> };
}

/** Two schools of one board: the seed's and "De Linde", with Lotte in both. */
export const TWO_SCHOOLS: SchoolsFile = {
  defaultSchool: 'kopakker',
  schools: [
    {
      ...DEFAULT_SCHOOLS.schools[0]!,
      contacts: [
        ...DEFAULT_SCHOOLS.schools[0]!.contacts,
        { name: 'Lotte Bos', email: 'lotte.bos@vivente.nu', roles: ['ib'] },
      ],
    },
    {
      slug: 'de-linde',
      name: 'OBS De Linde',
      contacts: [
        { name: 'Anouk Smit', email: 'anouk.smit@linde.nl', roles: ['anti-pestcoordinator', 'vertrouwenspersoon'] },
        { name: 'Karim Haddou', email: 'karim.haddou@linde.nl', roles: ['directeur'] },
        { name: 'Mees Jansen', email: 'mees.jansen@linde.nl', roles: ['mt'] },
        { name: 'Lotte Bos', email: 'lotte.bos@vivente.nu', roles: ['ib'] },
      ],
    },
  ],
};

export async function writeSchoolsFile(dataDir: string, schools: SchoolsFile = TWO_SCHOOLS): Promise<string> {
  const file = path.join(dataDir, 'schools.json');
  await writeFile(file, JSON.stringify(schools));
  return file;
}

export async function submitReport(t: TestApp, extra: Record<string, unknown> = {}): Promise<{ id: number; receipt: string }> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/reports',
    payload: { role: 'self', description: 'Ze pakken elke dag mijn pet af op het plein.', ...extra },
  });
  expect(response.statusCode).toBe(201);
  const { receipt } = response.json() as { receipt: string };
  const hash = t.context.keyedHash(normalizeReceiptCode(receipt)!);
  const row = await t.context.db.selectFrom('report').select('id').where('receipt_hash', '=', hash).executeTakeFirstOrThrow();
  return { id: row.id, receipt };
}

export function requestLink(t: TestApp, email: string, remoteAddress = '127.0.0.1') {
  return t.app.inject({ method: 'POST', url: '/api/staff/login', payload: { email }, remoteAddress });
}

/** The link of the newest login mail to this address, as the person would click it. */
export async function latestLoginToken(t: TestApp, email: string): Promise<string> {
  const mails = await t.context.db
    .selectFrom('outbox')
    .select(['to_address', 'text_body'])
    .where('purpose', '=', 'staff-login')
    .orderBy('id', 'desc')
    .execute();
  const mail = mails.find((row) => row.to_address.toLowerCase().includes(`<${email.toLowerCase()}>`));
  expect(mail, `a login mail to ${email}`).toBeDefined();
  const match = /\/staff\/login#([A-Za-z0-9_-]+)/.exec(mail!.text_body);
  expect(match).not.toBeNull();
  return match![1]!;
}

export function redeem(t: TestApp, token: string, school?: string, remoteAddress = '127.0.0.1') {
  return t.app.inject({
    method: 'POST',
    url: '/api/staff/sessions',
    payload: { token, ...(school ? { school } : {}) },
    remoteAddress,
  });
}

export function cookieOf(setCookie: string | string[] | undefined): string {
  const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  expect(first).toBeDefined();
  return first!.split(';')[0]!;
}

let nextAddress = 0;
/** A different client address per login, so tests that log in often stay under the rate limit. */
function freshAddress(): string {
  nextAddress += 1;
  return `10.${(nextAddress >> 16) & 255}.${(nextAddress >> 8) & 255}.${nextAddress & 255}`;
}

export async function loginAs(t: TestApp, email: string, school?: string): Promise<StaffSession> {
  const remoteAddress = freshAddress();
  expect((await requestLink(t, email, remoteAddress)).statusCode).toBe(202);
  const response = await redeem(t, await latestLoginToken(t, email), school, remoteAddress);
  expect(response.statusCode).toBe(201);
  const me = response.json() as StaffSession['me'] & { csrfToken: string };
  return { cookie: cookieOf(response.headers['set-cookie']), csrf: me.csrfToken, me };
}

export function asStaff(
  t: TestApp,
  session: StaffSession | undefined,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  payload?: object,
) {
  const headers: Record<string, string> = {};
  if (session) {
    headers.cookie = session.cookie;
    if (method !== 'GET') headers['x-csrf-token'] = session.csrf;
  }
  return t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
}

export async function outbox(t: TestApp, purpose?: string) {
  let query = t.context.db.selectFrom('outbox').selectAll().orderBy('id');
  if (purpose) query = query.where('purpose', '=', purpose);
  return query.execute();
}

export function addressesOf(rows: ReadonlyArray<{ to_address: string }>): string[] {
  return rows.map((row) => /<([^>]+)>/.exec(row.to_address)![1]!).sort();
}

/** A controllable clock for startTestApp({ now }). */
export function clock(start: string) {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (iso: string) => {
      current = new Date(iso);
    },
    advance: (ms: number) => {
      current = new Date(current.getTime() + ms);
    },
  };
}

/** A board admin's session at /beheer, from the login link mailed to them (BOARD_ADMINS names them). */
export async function boardAdminSession(t: TestApp, email: string): Promise<{ cookie: string; csrf: string }> {
  const remoteAddress = freshAddress();
  expect((await t.app.inject({ method: 'POST', url: '/api/beheer/login', payload: { email }, remoteAddress })).statusCode).toBe(202);
  const mail = (await outbox(t, 'board-login')).at(-1)!;
  const token = /\/beheer\/login#([A-Za-z0-9_-]+)/.exec(mail.text_body)![1]!;
  const response = await t.app.inject({ method: 'POST', url: '/api/beheer/sessions', payload: { token }, remoteAddress });
  expect(response.statusCode).toBe(201);
  return { cookie: cookieOf(response.headers['set-cookie']), csrf: (response.json() as { csrfToken: string }).csrfToken };
}

/** A board admin's session cookie at /beheer, for requests that need no CSRF token. */
export async function loginAsBoardAdmin(t: TestApp, email: string): Promise<string> {
  return (await boardAdminSession(t, email)).cookie;
}
