import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { WEB_ROOT } from '../server/plugins/web-pages.js';
import { readQrCode } from './helpers/qr-code.js';
import { pngImage } from './helpers/images.js';
import { multipartBody } from './helpers/multipart.js';
import { runMaintenance } from '../server/jobs/maintenance.js';
import {
  MAX_SCHOOL_DAYS_OFF_PER_YEAR,
  SCHOOL_TEXT_MAX,
  STAFF_LINKS_PER_ADDRESS_WINDOW_MS,
  STAFF_LINKS_PER_REQUESTER,
  STAFF_LINKS_PER_REQUESTER_WINDOW_MS,
  STAFF_LOGIN_LINK_TTL_MS,
  STAFF_SESSION_IDLE_MS,
  STAFF_SESSION_MAX_AGE_MS,
} from '../server/shared/limits.js';
import type { BoardFiguresResponse } from '../server/shared/board-responses.js';
import { registeredRoutes } from './helpers/routes.js';
import { makeDataDir, startTestApp, type TestApp } from './helpers/test-app.js';
import {
  addressesOf,
  asStaff,
  BERTINE,
  clock,
  cookieOf,
  ELMAR,
  loginAs,
  outbox,
  submitReport,
  TWO_SCHOOLS,
  writeSchoolsFile,
  YVONNE,
  type StaffSession,
} from './helpers/staff.js';

const ADMIN = 'Bestuur.Beheer@vivente.nu';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

async function start(env: Record<string, string> = {}, dataDir?: string, now?: () => Date): Promise<TestApp> {
  t = await startTestApp({ env: { BOARD_ADMINS: ADMIN, ...env }, ...(dataDir ? { dataDir } : {}), ...(now ? { now } : {}) });
  return t;
}

let nextAddress = 0;
const freshAddress = () => `10.99.${(++nextAddress >> 8) & 255}.${nextAddress & 255}`;

/** The token of the newest login mail to this address, from the link as the admin would click it. */
async function latestBoardToken(email: string): Promise<string> {
  const mails = await outbox(t, 'board-login');
  const mail = [...mails].reverse().find((row) => row.to_address.toLowerCase().includes(`<${email.toLowerCase()}>`));
  expect(mail, `a login mail to ${email}`).toBeDefined();
  const match = /\/beheer\/login#([A-Za-z0-9_-]+)/.exec(mail!.text_body);
  expect(match, 'a /beheer login link').not.toBeNull();
  return match![1]!;
}

async function loginAsAdmin(email = ADMIN): Promise<StaffSession> {
  const remoteAddress = freshAddress();
  const asked = await t.app.inject({ method: 'POST', url: '/api/beheer/login', payload: { email }, remoteAddress });
  expect(asked.statusCode).toBe(202);
  const response = await t.app.inject({ method: 'POST', url: '/api/beheer/sessions', payload: { token: await latestBoardToken(email) }, remoteAddress });
  expect(response.statusCode).toBe(201);
  const me = response.json() as { csrfToken: string; name: string; email: string };
  return { cookie: cookieOf(response.headers['set-cookie']), csrf: me.csrfToken, me: { ...me, roles: [], school: { slug: '' }, schools: [] } };
}

function asAdmin(session: StaffSession | undefined, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
  const headers: Record<string, string> = {};
  if (session) {
    headers.cookie = session.cookie;
    if (method !== 'GET') headers['x-csrf-token'] = session.csrf;
  }
  return t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
}

async function contactsOf(admin: StaffSession, slug: string) {
  const schools = (await asAdmin(admin, 'GET', '/api/beheer/schools')).json().schools as Array<{
    slug: string;
    contacts: Array<{ id: number; name: string; email: string; roles: string[]; endedAt: string | null; joinsSchoolYear: string | null }>;
  }>;
  return schools.find((school) => school.slug === slug)!.contacts;
}

/** The addresses that case `id`'s new-report mails went to. */
async function mailedFor(id: number): Promise<string[]> {
  return addressesOf((await outbox(t, 'new-report')).filter((row) => row.text_body.includes(`/staff/reports/${id}`)));
}

const LINDE = {
  slug: 'de-linde',
  name: 'OBS De Linde',
  contacts: [{ name: 'Anouk Smit', email: 'anouk.smit@linde.nl', roles: ['anti-pestcoordinator', 'vertrouwenspersoon'] }],
};

describe('schools in the database', () => {
  it('imports the seed table on the first start; a report still mails exactly Bertine Pas and Elmar van Dokkum', async () => {
    await start();
    const rows = await t.context.db.selectFrom('school_contact').select(['name', 'school']).where('ended_at', 'is', null).execute();
    expect(rows.map((row) => row.name)).toEqual(['Bertine Pas', 'Elmar van Dokkum', 'Yvonne de Bruin', 'Judith van Driel', 'Jorma van den Hoeven']);
    await submitReport(t);
    expect(addressesOf(await outbox(t, 'new-report'))).toEqual([BERTINE, ELMAR].sort());
  });

  it('counts every change to a school and to its contacts in its revision, once per row, whoever writes it (triggers)', async () => {
    await start();
    const db = t.context.db;
    const revision = async (slug = 'kopakker') => (await db.selectFrom('school').select('revision').where('slug', '=', slug).executeTakeFirstOrThrow()).revision;
    const other = { slug: 'de-linde', name: 'De Linde', created_at: '2026-12-03T10:00:00.000Z' };
    await db.insertInto('school').values(other).execute();
    const start0 = await revision();
    const steps: Array<[string, () => Promise<unknown>]> = [
      ['the school', () => db.updateTable('school').set({ name: 'CBS de Kopakker (Elst)' }).where('slug', '=', 'kopakker').execute()],
      ['a contact added', () => db.insertInto('school_contact').values({ school: 'kopakker', name: 'Sanne Vos', email: 'sanne.vos@vivente.nu', roles: '["ib"]', note: null, added_at: other.created_at, ended_at: null }).execute()],
      ['a contact changed', () => db.updateTable('school_contact').set({ roles: '["mt"]' }).where('email', '=', 'sanne.vos@vivente.nu').execute()],
      ['a contact removed', () => db.deleteFrom('school_contact').where('email', '=', 'sanne.vos@vivente.nu').execute()],
    ];
    for (const [n, [what, change]] of steps.entries()) {
      await change();
      expect(await revision(), what).toBe(start0 + n + 1);
    }
    // Another school's table is its own.
    expect(await revision('de-linde')).toBe(0);
  });

  it('a report mails the table as it is now after a change this server did not make (another server, by hand), and also with a screenshot', async () => {
    await start();
    const db = t.context.db;
    // The server reads the school and keeps it.
    const first = await submitReport(t);
    expect(await mailedFor(first.id)).toEqual([BERTINE, ELMAR].sort());
    // Straight in the database, as another server or a command would: only the school's revision tells.
    await db.updateTable('school_contact').set({ email: 'elmar@vivente.nu' }).where('email', '=', ELMAR).execute();
    const second = await submitReport(t);
    expect(await mailedFor(second.id)).toEqual([BERTINE, 'elmar@vivente.nu'].sort());
    // A report with a screenshot is written in a transaction of its own: the same check there.
    await db.updateTable('school_contact').set({ email: ELMAR }).where('email', '=', 'elmar@vivente.nu').execute();
    const png = await pngImage();
    const { payload, headers } = multipartBody([['role', 'self'], ['description', 'Ze sturen foto’s van mij rond.']], [{ field: 'screenshots', filename: 'chat.png', contentType: 'image/png', data: png }]);
    const response = await t.app.inject({ method: 'POST', url: '/api/reports', payload, headers });
    expect(response.statusCode, response.body).toBe(201);
    const { id: withScreenshot } = await db.selectFrom('report').innerJoin('screenshot', 'screenshot.report_id', 'report.id').select('report.id').executeTakeFirstOrThrow();
    expect(await mailedFor(withScreenshot)).toEqual([BERTINE, ELMAR].sort());
  });

  it('reports arriving together, to two schools of which one changed meanwhile: each is stored once, with its own mails to its own table', async () => {
    const dataDir = await makeDataDir();
    await start({ SCHOOLS_FILE: await writeSchoolsFile(dataDir) }, dataDir);
    const db = t.context.db;
    // Both schools read and kept, then De Linde's table changed behind the server's back.
    await submitReport(t);
    await submitReport(t, { school: 'de-linde' });
    await db.updateTable('school_contact').set({ email: 'anouk@linde.nl' }).where('email', '=', 'anouk.smit@linde.nl').execute();
    const before = new Set((await db.selectFrom('report').select('id').execute()).map((row) => row.id));
    // Sent in one turn: on PostgreSQL they share one statement, on SQLite one COMMIT.
    const schools = Array.from({ length: 12 }, (_, n) => (n % 3 === 0 ? 'de-linde' : 'kopakker'));
    const responses = await Promise.all(schools.map((school, n) => t.app.inject({ method: 'POST', url: '/api/reports', payload: { role: 'self', description: `Melding ${n}: ze schelden me uit.`, school } })));
    for (const response of responses) expect(response.statusCode, response.body).toBe(201);
    const stored = (await db.selectFrom('report').select(['id', 'school']).execute()).filter((row) => !before.has(row.id));
    expect(stored.map((row) => row.school).sort()).toEqual([...schools].sort());
    const mails = await outbox(t, 'new-report');
    for (const report of stored) {
      const own = mails.filter((row) => row.text_body.includes(`/staff/reports/${report.id}`));
      expect(addressesOf(own), report.school).toEqual(report.school === 'de-linde' ? ['anouk@linde.nl'] : [BERTINE, ELMAR].sort());
    }
  });

  it('imports SCHOOLS_FILE once: a later start with another file keeps what the board changed', async () => {
    const dataDir = await makeDataDir();
    const file = await writeSchoolsFile(dataDir, { ...TWO_SCHOOLS, boardAdmins: [{ name: 'Fenna Bestuur', email: 'fenna@vivente.nu' }] });
    await start({ SCHOOLS_FILE: file, BOARD_ADMINS: '' }, dataDir);
    const fenna = await loginAsAdmin('fenna@vivente.nu');
    expect(fenna.me.name).toBe('Fenna Bestuur');
    const renamed = await asAdmin(fenna, 'PUT', '/api/beheer/schools/de-linde', { name: 'OBS De Linde (Zwolle)' });
    expect(renamed.statusCode).toBe(200);
    await t.close();
    t = await startTestApp({ dataDir, env: { SCHOOLS_FILE: await writeSchoolsFile(dataDir) } });
    const names = await t.context.db.selectFrom('school').select('name').orderBy('name').execute();
    expect(names.map((row) => row.name)).toEqual(['CBS de Kopakker', 'OBS De Linde (Zwolle)']);
  });
});

describe('admin session lifetime', () => {
  it('ends as a staff session does: after the idle limit, and at the most age however much it is used', async () => {
    const time = clock('2025-03-03T07:00:00Z');
    await start({}, undefined, time.now);
    const me = (session: StaffSession) => asAdmin(session, 'GET', '/api/beheer/me');
    const idle = await loginAsAdmin();
    time.advance(STAFF_SESSION_IDLE_MS + 1000);
    const ended = await me(idle);
    expect(ended.statusCode).toBe(401);
    expect(ended.json().error.message).toMatch(/uitgelogd/);

    const used = await loginAsAdmin();
    const loggedInAt = time.now().getTime();
    // Each request keeps it alive (its last-seen time written again) until its most age.
    while (time.now().getTime() + STAFF_SESSION_IDLE_MS - 60_000 < loggedInAt + STAFF_SESSION_MAX_AGE_MS) {
      time.advance(STAFF_SESSION_IDLE_MS - 60_000);
      expect((await me(used)).statusCode).toBe(200);
    }
    time.set(new Date(loggedInAt + STAFF_SESSION_MAX_AGE_MS + 1000).toISOString());
    expect((await me(used)).statusCode).toBe(401);
  });
});

describe('admin login links', () => {
  const askLink = (remoteAddress: string) => t.app.inject({ method: 'POST', url: '/api/beheer/login', payload: { email: ADMIN }, remoteAddress });

  it(`mails at most ${STAFF_LINKS_PER_REQUESTER} links an hour at one requester's request; another requester has its own share`, async () => {
    const time = clock('2025-03-03T09:00:00Z');
    await start({}, undefined, time.now);
    const answers = [];
    for (let i = 0; i < STAFF_LINKS_PER_REQUESTER + 1; i += 1) {
      answers.push((await askLink('10.0.0.1')).body);
      time.advance(STAFF_LINKS_PER_ADDRESS_WINDOW_MS);
    }
    expect(new Set(answers).size).toBe(1);
    expect(await outbox(t, 'board-login')).toHaveLength(STAFF_LINKS_PER_REQUESTER);
    await askLink('10.0.0.2');
    expect(await outbox(t, 'board-login')).toHaveLength(STAFF_LINKS_PER_REQUESTER + 1);
    time.advance(STAFF_LINKS_PER_REQUESTER_WINDOW_MS);
    await askLink('10.0.0.1');
    expect(await outbox(t, 'board-login')).toHaveLength(STAFF_LINKS_PER_REQUESTER + 2);
  });

  it('an expired admin link mail points to /beheer for a new one, and keeps no live link', async () => {
    const time = clock('2025-03-03T09:00:00Z');
    await start({}, undefined, time.now);
    await askLink('10.0.0.1');
    time.advance(STAFF_LOGIN_LINK_TTL_MS);
    await runMaintenance(t.context);
    const [mail] = await outbox(t, 'board-login');
    expect(mail!.text_body).not.toContain('/beheer/login#');
    expect(mail!.text_body).toContain(`${t.context.config.publicUrl}/beheer`);
    expect(mail!.text_body).not.toContain('/staff');
  });
});

describe("a school's own address and poster", () => {
  it('serves the form at /school/<slug> for a known school only, and its names and roles without addresses', async () => {
    await start();
    const admin = await loginAsAdmin();
    await asAdmin(admin, 'POST', '/api/beheer/schools', LINDE);
    const page = await t.app.inject({ method: 'GET', url: '/school/de-linde' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toBe(readFileSync(path.join(WEB_ROOT, 'index.html'), 'utf8'));
    for (const url of ['/school/onbekend', '/school/De-Linde', '/school/x']) {
      const unknown = await t.app.inject({ method: 'GET', url });
      expect(unknown.statusCode, url).toBe(404);
      expect(unknown.json().error.message, url).toMatch(/Deze school kennen we niet/);
    }
    const school = await t.app.inject({ method: 'GET', url: '/api/schools/de-linde' });
    expect(school.json()).toEqual({ name: 'OBS De Linde', contacts: [{ name: 'Anouk Smit', roles: ['anti-pestcoordinator', 'vertrouwenspersoon'] }] });
    expect((await t.app.inject({ method: 'GET', url: '/api/schools/onbekend' })).statusCode).toBe(404);
  });

  it("gives the admin a poster whose QR code reads as the school's form address", async () => {
    await start();
    const admin = await loginAsAdmin();
    await asAdmin(admin, 'POST', '/api/beheer/schools', LINDE);
    const poster = await asAdmin(admin, 'GET', '/api/beheer/schools/de-linde/poster');
    expect(poster.statusCode).toBe(200);
    const body = poster.json() as { name: string; formUrl: string; qrCode: string };
    expect(body.name).toBe('OBS De Linde');
    expect(body.formUrl).toBe(`${t.context.config.publicUrl}/school/de-linde`);
    const svg = Buffer.from(body.qrCode.replace(/^data:image\/svg\+xml;base64,/, ''), 'base64');
    expect(await readQrCode(await sharp(svg, { density: 300 }).png().toBuffer())).toBe(body.formUrl);
    expect((await asAdmin(admin, 'GET', '/api/beheer/schools/onbekend/poster')).statusCode).toBe(404);
    expect((await asAdmin(undefined, 'GET', '/api/beheer/schools/de-linde/poster')).statusCode).toBe(401);
  });
});

describe('the board admin', () => {
  it('logs in with a one-time link named in BOARD_ADMINS; other addresses get the same answer and no mail', async () => {
    await start();
    const admin = await loginAsAdmin();
    expect((await asAdmin(admin, 'GET', '/api/beheer/me')).json()).toMatchObject({ email: ADMIN.toLowerCase() });
    const before = (await outbox(t, 'board-login')).length;
    const stranger = await t.app.inject({ method: 'POST', url: '/api/beheer/login', payload: { email: BERTINE }, remoteAddress: freshAddress() });
    expect(stranger.statusCode).toBe(202);
    expect((await outbox(t, 'board-login')).length).toBe(before);
    expect(await outbox(t, 'staff-login')).toEqual([]);
    // A staff session is no admin session.
    const bertine = await loginAs(t, BERTINE);
    expect((await asStaff(t, bertine, 'GET', '/api/beheer/schools')).statusCode).toBe(401);
    expect((await asAdmin(undefined, 'GET', '/api/beheer/schools')).statusCode).toBe(401);
  });

  it('adds a contact whose address gets the next report, without a restart', async () => {
    await start();
    const admin = await loginAsAdmin();
    // The school is read for this report and kept: the board admin's change must still count.
    await submitReport(t);
    const added = await asAdmin(admin, 'POST', '/api/beheer/schools/kopakker/contacts', {
      name: 'Sanne Vos',
      email: 'sanne.vos@vivente.nu',
      roles: ['anti-pestcoordinator'],
    });
    expect(added.statusCode).toBe(201);
    const { id } = await submitReport(t);
    expect(await mailedFor(id)).toEqual([BERTINE, ELMAR, 'sanne.vos@vivente.nu'].sort());
  });

  it('adds an aandachtsfunctionaris, who can then sign in to the portal', async () => {
    await start();
    const admin = await loginAsAdmin();
    const added = await asAdmin(admin, 'POST', '/api/beheer/schools/kopakker/contacts', {
      name: 'Anke Visser',
      email: 'anke.visser@vivente.nu',
      roles: ['aandachtsfunctionaris'],
    });
    expect(added.statusCode).toBe(201);
    const anke = await loginAs(t, 'anke.visser@vivente.nu');
    expect(anke.me.roles).toEqual(['aandachtsfunctionaris']);
  });

  it('sets up a second school whose reports go to its own table only', async () => {
    await start();
    const admin = await loginAsAdmin();
    const created = await asAdmin(admin, 'POST', '/api/beheer/schools', { ...LINDE, requireTotp: true, retentionMonths: 24, holidayRegion: 'noord' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ slug: 'de-linde', requireTotp: true, retentionMonths: 24, holidayRegion: 'noord', formUrl: expect.stringMatching(/\/school\/de-linde$/) });
    await submitReport(t, { school: 'de-linde' });
    expect(addressesOf(await outbox(t, 'new-report'))).toEqual(['anouk.smit@linde.nl']);
    // The same slug twice is refused with a message on the field.
    const again = await asAdmin(admin, 'POST', '/api/beheer/schools', LINDE);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.fields.slug).toMatch(/al een school/);
    // The same school entered twice under another address, or renamed to another's name (spacing and
    // capitals aside), is refused on the name: two schools of one name cannot be told apart.
    const twice = await asAdmin(admin, 'POST', '/api/beheer/schools', { ...LINDE, slug: 'obs-de-linde', name: ' obs  De Linde' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.fields.name).toBe('Er is al een school met deze naam (adres de-linde). Maak de naam anders, bijvoorbeeld met de plaats erbij.');
    const renamed = await asAdmin(admin, 'PUT', '/api/beheer/schools/de-linde', { name: 'CBS de Kopakker' });
    expect(renamed.statusCode).toBe(409);
    expect(renamed.json().error.fields.name).toMatch(/adres kopakker/);
    const schools = (await asAdmin(admin, 'GET', '/api/beheer/schools')).json().schools as Array<{ slug: string; name: string }>;
    expect(schools.map((school) => [school.slug, school.name])).toEqual([
      ['kopakker', 'CBS de Kopakker'],
      ['de-linde', 'OBS De Linde'],
    ]);
    // Its own name again is no clash.
    expect((await asAdmin(admin, 'PUT', '/api/beheer/schools/de-linde', { name: 'OBS De Linde', holidayRegion: 'noord' })).statusCode).toBe(200);
  });

  it('still changes a school that shares its name with another from before names had to differ, as long as the name stays', async () => {
    await start();
    const admin = await loginAsAdmin();
    expect((await asAdmin(admin, 'POST', '/api/beheer/schools', LINDE)).statusCode).toBe(201);
    // Two schools of one name, as a board could add them until names had to differ (014a87d).
    await t.context.db.updateTable('school').set({ name: 'OBS De Linde' }).where('slug', '=', 'kopakker').execute();
    const totp = await asAdmin(admin, 'PUT', '/api/beheer/schools/de-linde', { name: 'OBS De Linde', requireTotp: true });
    expect(totp.statusCode, totp.body).toBe(200);
    expect(totp.json()).toMatchObject({ slug: 'de-linde', requireTotp: true });
    // Its own name in another spelling stays its name; once the other is renamed away, coming back to the name is refused.
    expect((await asAdmin(admin, 'PUT', '/api/beheer/schools/de-linde', { name: 'OBS  de linde ' })).statusCode).toBe(200);
    expect((await asAdmin(admin, 'PUT', '/api/beheer/schools/kopakker', { name: 'CBS de Kopakker' })).statusCode).toBe(200);
    expect((await asAdmin(admin, 'PUT', '/api/beheer/schools/kopakker', { name: 'OBS DE LINDE' })).statusCode).toBe(409);
  });

  it('says on a school what its table lacks for the protocol\'s mails, and stops saying it once the role is there', async () => {
    await start();
    const admin = await loginAsAdmin();
    const warningsOf = async (slug: string) =>
      ((await asAdmin(admin, 'GET', '/api/beheer/schools')).json().schools as Array<{ slug: string; warnings: string[] }>).find((school) => school.slug === slug)!
        .warnings;
    // The seed's table has a directeur and an IB'er, but no aandachtsfunctionaris.
    expect(await warningsOf('kopakker')).toEqual([expect.stringMatching(/^Er staat geen aandachtsfunctionaris in de tabel/)]);
    // A school set up with only its anti-pestcoördinator and vertrouwenspersoon takes reports, and is told what else reaches nobody.
    const created = await asAdmin(admin, 'POST', '/api/beheer/schools', LINDE);
    expect(created.statusCode).toBe(201);
    expect(created.json().warnings).toEqual([
      expect.stringMatching(/^Er staat geen directeur of MT-lid in de tabel: bij stap 3a, 4 en 6 krijgt niemand een mail/),
      expect.stringMatching(/^Er staat geen IB'er in de tabel/),
      expect.stringMatching(/^Er staat geen aandachtsfunctionaris/),
    ]);
    const mt = await asAdmin(admin, 'POST', '/api/beheer/schools/de-linde/contacts', { name: 'Mees Jansen', email: 'mees.jansen@linde.nl', roles: ['mt'] });
    expect(mt.json().warnings[0]).toMatch(/^Er staat geen directeur in de tabel: bij stap 6 krijgt niemand een mail/);
    // A contact only for next school year is not in the table yet, so it does not count.
    const later = await asAdmin(admin, 'POST', '/api/beheer/schools/de-linde/contacts', {
      name: 'Karim Haddou',
      email: 'karim.haddou@linde.nl',
      roles: ['directeur', 'ib', 'aandachtsfunctionaris'],
      forNextSchoolYear: true,
    });
    expect(later.json().warnings).toHaveLength(3);
    const now = await asAdmin(admin, 'POST', '/api/beheer/schools/de-linde/contacts', {
      name: 'Lotte Bos',
      email: 'lotte.bos@linde.nl',
      roles: ['directeur', 'ib', 'aandachtsfunctionaris'],
    });
    expect(now.json().warnings).toEqual([]);
  });

  it('refuses the slug the default school\'s address uses, and /api/schools/default stays the default school', async () => {
    await start();
    const admin = await loginAsAdmin();
    const reserved = await asAdmin(admin, 'POST', '/api/beheer/schools', { ...LINDE, slug: 'default' });
    expect(reserved.statusCode).toBe(400);
    expect(reserved.json().error.fields.slug).toBe('Dit adres gebruikt klikvrij zelf. Kies een ander, zoals de-linde.');
    const schools = (await asAdmin(admin, 'GET', '/api/beheer/schools')).json().schools as Array<{ slug: string }>;
    expect(schools.map((school) => school.slug)).toEqual(['kopakker']);
    expect((await t.app.inject({ method: 'GET', url: '/api/schools/default' })).json().name).toBe('CBS de Kopakker');
  });

  it('refuses bad input with a Dutch message per field, and keeps what was stored', async () => {
    await start();
    const admin = await loginAsAdmin();
    const bad = await asAdmin(admin, 'POST', '/api/beheer/schools/kopakker/contacts', { name: '', email: 'geen-adres', roles: ['conciërge'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual({
      name: 'Vul een naam in.',
      email: 'Vul een geldig e-mailadres in, zoals naam@school.nl.',
      roles: 'Kies een rol uit de lijst.',
    });
    const noContacts = await asAdmin(admin, 'POST', '/api/beheer/schools', { slug: 'X', name: 'School', contacts: [{ name: 'A', email: 'a@b.nl', roles: ['ib'] }] });
    expect(noContacts.statusCode).toBe(400);
    expect(noContacts.json().error.fields).toMatchObject({ slug: expect.stringMatching(/kleine letters/), contacts: 'De school heeft een vertrouwenspersoon nodig.' });
    // The board's name, as a schools file may give it, in Dutch too (it was zod's English).
    const boardName = await asAdmin(admin, 'POST', '/api/beheer/schools', { ...LINDE, board: 5 });
    expect(boardName.json().error.fields).toEqual({ board: 'Schrijf de naam van het bestuur als tekst.' });
    const longBoard = await asAdmin(admin, 'POST', '/api/beheer/schools', { ...LINDE, board: 'b'.repeat(SCHOOL_TEXT_MAX + 1) });
    expect(longBoard.json().error.fields).toEqual({ board: `Gebruik hoogstens ${SCHOOL_TEXT_MAX} tekens.` });
    const months = await asAdmin(admin, 'PUT', '/api/beheer/schools/kopakker', { name: 'CBS de Kopakker', retentionMonths: 121 });
    expect(months.json().error.fields.retentionMonths).toBe('Hoogstens 120 maanden.');
    // Ending the only vertrouwenspersoon would leave VP-only reports with nobody: refused.
    const bertine = (await contactsOf(admin, 'kopakker')).find((contact) => contact.name === 'Bertine Pas')!;
    const end = await asAdmin(admin, 'POST', `/api/beheer/schools/kopakker/contacts/${bertine.id}/end`);
    expect(end.statusCode).toBe(400);
    expect(end.json().error.fields.roles).toBe('De school heeft een vertrouwenspersoon nodig.');
    expect((await contactsOf(admin, 'kopakker')).filter((contact) => contact.endedAt === null)).toHaveLength(5);
    expect((await asAdmin(admin, 'PUT', '/api/beheer/schools/onbekend', { name: 'x' })).statusCode).toBe(404);
    // Without the school account (OIDC_ISSUER) a school without login links could not sign in at all.
    const noWayIn = await asAdmin(admin, 'PUT', '/api/beheer/schools/kopakker', { name: 'CBS de Kopakker', loginLink: false });
    expect(noWayIn.statusCode).toBe(400);
    expect(noWayIn.json().error.fields.loginLink).toMatch(/Laat de inloglink aan/);
    const newWithoutLinks = await asAdmin(admin, 'POST', '/api/beheer/schools', { ...LINDE, loginLink: false });
    expect(newWithoutLinks.json().error.fields.loginLink).toMatch(/Laat de inloglink aan/);
    const schools = (await asAdmin(admin, 'GET', '/api/beheer/schools')).json().schools as Array<{ slug: string; loginLink: boolean }>;
    expect(schools.map((school) => [school.slug, school.loginLink])).toEqual([['kopakker', true]]);
  });

  it("ends a contact: they get no more mail and their open session is refused at once", async () => {
    await start();
    const admin = await loginAsAdmin();
    const elmar = await loginAs(t, ELMAR);
    expect((await asStaff(t, elmar, 'GET', '/api/staff/reports')).statusCode).toBe(200);
    const contact = (await contactsOf(admin, 'kopakker')).find((row) => row.name === 'Elmar van Dokkum')!;
    const ended = await asAdmin(admin, 'POST', `/api/beheer/schools/kopakker/contacts/${contact.id}/end`);
    expect(ended.statusCode).toBe(200);
    expect(await t.context.db.selectFrom('staff_session').selectAll().where('email', '=', ELMAR.toLowerCase()).execute()).toEqual([]);
    expect((await asStaff(t, elmar, 'GET', '/api/staff/reports')).statusCode).toBe(401);
    await submitReport(t);
    expect(addressesOf(await outbox(t, 'new-report'))).toEqual([BERTINE]);
  });

  it('a contact ended straight in the database (a command, by hand) loses their open session at the next request and gets no more mail', async () => {
    await start();
    const db = t.context.db;
    const elmar = await loginAs(t, ELMAR);
    expect((await asStaff(t, elmar, 'GET', '/api/staff/reports')).statusCode).toBe(200);
    // The server has read the school for a report and keeps it; nothing of the app sees the change below.
    await submitReport(t);
    await db.updateTable('school_contact').set({ ended_at: '2026-12-03T10:00:00.000Z' }).where('email', '=', ELMAR).execute();
    // A session asks the database every time: no kept copy of the school answers for it.
    expect((await asStaff(t, elmar, 'GET', '/api/staff/reports')).statusCode).toBe(401);
    // A report's write finds the school's revision moved, reads the table again and mails it as it is now.
    const { id } = await submitReport(t);
    expect(await mailedFor(id)).toEqual([BERTINE]);
  });

  it('re-roles a contact: losing a role ends their sessions, and the new role counts at the next report', async () => {
    await start();
    const admin = await loginAsAdmin();
    const yvonne = (await contactsOf(admin, 'kopakker')).find((row) => row.name === 'Yvonne de Bruin')!;
    const changed = await asAdmin(admin, 'PUT', `/api/beheer/schools/kopakker/contacts/${yvonne.id}`, {
      name: 'Yvonne de Bruin',
      email: yvonne.email,
      roles: ['ib', 'vertrouwenspersoon'],
    });
    expect(changed.statusCode).toBe(200);
    await submitReport(t, { recipients: 'vertrouwenspersoon' });
    expect(addressesOf(await outbox(t, 'new-report'))).toEqual([BERTINE, 'Yvonne.de.bruin@vivente.nu'].sort());
    const session = await loginAs(t, 'Yvonne.de.bruin@vivente.nu');
    await asAdmin(admin, 'PUT', `/api/beheer/schools/kopakker/contacts/${yvonne.id}`, { name: 'Yvonne de Bruin', email: yvonne.email, roles: ['ib'] });
    expect((await asStaff(t, session, 'GET', '/api/staff/me')).statusCode).toBe(401);
  });

  it('mails the school when the board gives someone access: the directeur, and the old address of a changed one', async () => {
    await start();
    const admin = await loginAsAdmin();
    // Elmar van Dokkum is the directeur: he hears of a new contact; the new address itself is not told.
    await asAdmin(admin, 'POST', '/api/beheer/schools/kopakker/contacts', { name: 'Sanne Vos', email: 'sanne.vos@vivente.nu', roles: ['vertrouwenspersoon'] });
    const [added] = await outbox(t, 'contact-table-changed');
    expect(addressesOf([added!])).toEqual([ELMAR]);
    expect(added!.subject).toBe('Wijziging in de contacttabel van CBS de Kopakker');
    expect(added!.text_body).toContain('Sanne Vos <sanne.vos@vivente.nu> toegevoegd als Vertrouwenspersoon');
    expect(added!.text_body).toContain(`${admin.me.name} (bestuur)`);

    // Bertine's address moved to one the admin could hold: Elmar and her old address hear of it.
    const bertine = (await contactsOf(admin, 'kopakker')).find((row) => row.email === BERTINE)!;
    const moved = await asAdmin(admin, 'PUT', `/api/beheer/schools/kopakker/contacts/${bertine.id}`, { name: bertine.name, email: 'bertine@elders.nl', roles: bertine.roles });
    expect(moved.statusCode).toBe(200);
    const changed = (await outbox(t, 'contact-table-changed')).slice(1);
    expect(addressesOf(changed)).toEqual([BERTINE, ELMAR].sort());
    for (const mail of changed) expect(mail.text_body).toContain(`het e-mailadres van ${bertine.name} is nu <bertine@elders.nl> (was <${BERTINE}>)`);

    // A new role tells the school too; a new name or a role taken away gives no access and no mail.
    const yvonne = (await contactsOf(admin, 'kopakker')).find((row) => row.email === YVONNE)!;
    await asAdmin(admin, 'PUT', `/api/beheer/schools/kopakker/contacts/${yvonne.id}`, { name: yvonne.name, email: YVONNE, roles: ['ib', 'anti-pestcoordinator'] });
    expect((await outbox(t, 'contact-table-changed')).at(-1)!.text_body).toContain('Yvonne de Bruin heeft er de rol Anti-pestcoördinator bij');
    const count = (await outbox(t, 'contact-table-changed')).length;
    await asAdmin(admin, 'PUT', `/api/beheer/schools/kopakker/contacts/${yvonne.id}`, { name: 'Yvonne de Bruin-Vos', email: YVONNE, roles: ['ib'] });
    expect(await outbox(t, 'contact-table-changed')).toHaveLength(count);
    // Nothing of a case or a child is in them.
    for (const mail of await outbox(t, 'contact-table-changed')) expect(mail.text_body).not.toMatch(/melding \d|\/staff\/reports/);
  });

  it('writes every change to the audit log with who and when', async () => {
    await start();
    const admin = await loginAsAdmin();
    await asAdmin(admin, 'POST', '/api/beheer/schools', LINDE);
    await asAdmin(admin, 'PUT', '/api/beheer/schools/de-linde', { name: 'OBS De Linde', fullNotificationMail: true });
    await asAdmin(admin, 'POST', '/api/beheer/schools/de-linde/contacts', { name: 'Karim Haddou', email: 'karim@linde.nl', roles: ['directeur'] });
    const karim = (await contactsOf(admin, 'de-linde')).find((row) => row.name === 'Karim Haddou')!;
    await asAdmin(admin, 'PUT', `/api/beheer/schools/de-linde/contacts/${karim.id}`, { name: 'Karim Haddou', email: 'karim@linde.nl', roles: ['directeur', 'mt'] });
    await asAdmin(admin, 'POST', `/api/beheer/schools/de-linde/contacts/${karim.id}/end`);
    const rows = await t.context.db
      .selectFrom('audit_log')
      .select(['school', 'staff_email', 'action', 'detail', 'at', 'report_id'])
      .where('staff_email', '=', ADMIN.toLowerCase())
      .orderBy('id')
      .execute();
    expect(rows.map((row) => row.action)).toEqual([
      'board.login',
      'board.school.add',
      'board.school.change',
      'board.contact.add',
      'board.contact.change',
      'board.contact.end',
    ]);
    expect(rows.every((row) => row.report_id === null && /^\d{4}-\d\d-\d\dT/.test(row.at))).toBe(true);
    expect(rows.slice(1).every((row) => row.school === 'de-linde')).toBe(true);
    expect(rows[2]!.detail).toContain('volledige meldingsmail aan');
    expect(rows[4]!.detail).toContain('directeur, mt');
  });

  it('never reads a case: every staff route refuses an admin session with 403 and no content', async () => {
    await start();
    const { id } = await submitReport(t, { description: 'GEHEIM-VERHAAL: ze pesten mij.' });
    const admin = await loginAsAdmin();
    const routes = registeredRoutes(t.app.printRoutes({ commonPrefix: false })).filter((route) => route.url.startsWith('/api/staff'));
    const keys = routes.map((route) => `${route.method} ${route.url}`);
    for (const known of ['GET /api/staff/reports', 'GET /api/staff/reports/:id', 'GET /api/staff/reports/:id/screenshots/:screenshotId', 'POST /api/staff/reports/:id/messages', 'GET /api/staff/statistics']) {
      expect(keys).toContain(known);
    }
    let refused = 0;
    for (const route of routes) {
      const key = `${route.method} ${route.url}`;
      // The public sign-in routes (no session, no case content) answer anyone alike.
      if (['POST /api/staff/login', 'POST /api/staff/sessions', 'GET /api/staff/login-options'].includes(key) || route.url.startsWith('/api/staff/oidc')) continue;
      const url = route.url.replace(':id', String(id)).replace(':screenshotId', '1');
      const response = await asAdmin(admin, route.method as 'GET', url, route.method === 'GET' ? undefined : {});
      expect(response.statusCode, key).toBe(403);
      expect(response.body, key).not.toContain('GEHEIM');
      refused += 1;
    }
    expect(refused).toBeGreaterThan(15);
    // Nor does any route of the admin's own area carry a report: every one it has, read and changed.
    const boardRoutes = registeredRoutes(t.app.printRoutes({ commonPrefix: false })).filter((route) => route.url.startsWith('/api/beheer'));
    expect(boardRoutes.map((route) => `${route.method} ${route.url}`)).toContain('GET /api/beheer/schools/:slug/poster');
    const kopakkerContact = (await contactsOf(admin, 'kopakker')).find((contact) => contact.name === 'Judith van Driel')!;
    for (const route of boardRoutes) {
      if (['POST /api/beheer/logout', 'POST /api/beheer/login', 'POST /api/beheer/sessions'].includes(`${route.method} ${route.url}`)) continue;
      const url = route.url.replace(':slug', 'kopakker').replace(':id', String(kopakkerContact.id));
      const response = await asAdmin(admin, route.method as 'GET', url, route.method === 'GET' ? undefined : {});
      expect(response.statusCode, `${route.method} ${url}`).toBeLessThan(500);
      expect(response.body, `${route.method} ${url}`).not.toContain('GEHEIM');
      expect(response.body, `${route.method} ${url}`).not.toMatch(/description|screenshot|receipt/i);
    }
  });
});

describe('school holidays and days off', () => {
  /** De Linde in regio noord: its herfstvakantie 2025 is 18–26 October. */
  async function startNoord(startAt: string) {
    const time = clock(startAt);
    const dataDir = await makeDataDir();
    const linde = { ...TWO_SCHOOLS.schools[1]!, holidayRegion: 'noord' as const };
    await start({ SCHOOLS_FILE: await writeSchoolsFile(dataDir, { ...TWO_SCHOOLS, schools: [TWO_SCHOOLS.schools[0]!, linde] }) }, dataDir, time.now);
    return time;
  }
  const coordinatorReminders = async () => (await outbox(t, 'reminder-coordinator')).length;
  /** A report on Friday 17 October 2025 with Monday 27 a studiedag: Tuesday and Wednesday are its two school days. */
  async function expectStudiedagSkipped(time: ReturnType<typeof clock>) {
    await submitReport(t, { school: 'de-linde' });
    time.set('2025-10-29T22:59:00Z'); // Wednesday 23:59
    await runMaintenance(t.context);
    expect(await coordinatorReminders()).toBe(0);
    time.set('2025-10-29T23:00:00Z');
    await runMaintenance(t.context);
    expect(await coordinatorReminders()).toBe(1);
  }

  it('the reminder clock skips the holiday week of the school\'s region', async () => {
    // Friday 17 October 2025, 10:00: two school days are Monday 27 and Tuesday 28, after the herfstvakantie.
    const time = await startNoord('2025-10-17T08:00:00Z');
    await submitReport(t, { school: 'de-linde' });
    time.set('2025-10-22T08:00:00Z'); // without holidays this Wednesday would be due
    await runMaintenance(t.context);
    expect(await coordinatorReminders()).toBe(0);
    time.set('2025-10-28T22:59:00Z'); // Tuesday 23:59 in Amsterdam (winter time from 26 October)
    await runMaintenance(t.context);
    expect(await coordinatorReminders()).toBe(0);
    time.set('2025-10-28T23:00:00Z');
    await runMaintenance(t.context);
    expect(await coordinatorReminders()).toBe(1);
  });

  it('a studiedag the board adds is skipped too, and shows with the region\'s holidays', async () => {
    const time = await startNoord('2025-10-17T08:00:00Z');
    const admin = await loginAsAdmin();
    const added = await asAdmin(admin, 'POST', '/api/beheer/schools/de-linde/days-off', { day: '2025-10-27', label: 'Studiedag' });
    expect(added.statusCode).toBe(201);
    const school = added.json() as { daysOff: Array<{ id: number; day: string; label: string }>; holidays: Array<{ name: string; from: string; to: string }> };
    expect(school.daysOff).toMatchObject([{ day: '2025-10-27', label: 'Studiedag' }]);
    expect(school.holidays[0]).toEqual({ name: 'herfstvakantie', schoolYear: '2025-2026', from: '2025-10-18', to: '2025-10-26' });
    await expectStudiedagSkipped(time);
    const audit = await t.context.db.selectFrom('audit_log').select(['action', 'detail', 'staff_email']).where('action', 'like', 'board.dayoff%').execute();
    expect(audit).toEqual([{ action: 'board.dayoff.add', detail: '2025-10-27: Studiedag', staff_email: ADMIN.toLowerCase() }]);
  });

  it('a studiedag the directeur adds in the staff portal is skipped by the reminder clock, with the same rules, audited', async () => {
    const time = await startNoord('2025-10-17T08:00:00Z');
    const karim = await loginAs(t, 'karim.haddou@linde.nl', 'de-linde');
    const added = await asStaff(t, karim, 'POST', '/api/staff/days-off', { day: '2025-10-27', label: 'Studiedag' });
    expect(added.statusCode).toBe(201);
    expect(added.json().calendar.daysOff).toMatchObject([{ day: '2025-10-27', label: 'Studiedag' }]);
    expect(added.json().calendar.holidays[0]).toMatchObject({ name: 'herfstvakantie', from: '2025-10-18' });
    // The same validation and messages as in /beheer.
    const bad = await asStaff(t, karim, 'POST', '/api/staff/days-off', { day: '2026-02-30', label: ' ' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual({ day: 'Deze datum bestaat niet.', label: 'Schrijf erbij wat voor dag het is, zoals studiedag.' });
    expect((await asStaff(t, karim, 'POST', '/api/staff/days-off', { day: '2025-10-27', label: 'Nog eens' })).json().error.fields.day).toMatch(/staat er al/);
    // Only the directeur: the anti-pestcoördinator reads the days but cannot add one.
    const anouk = await loginAs(t, 'anouk.smit@linde.nl', 'de-linde');
    const refused = await asStaff(t, anouk, 'POST', '/api/staff/days-off', { day: '2025-10-28', label: 'Studiedag' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toBe('Alleen de directeur zet vrije dagen in het rooster.');
    expect((await asStaff(t, anouk, 'GET', '/api/staff/school-year')).json().calendar.daysOff).toHaveLength(1);

    await expectStudiedagSkipped(time);

    const id = (added.json().calendar.daysOff as Array<{ id: number }>)[0]!.id;
    const again = await loginAs(t, 'karim.haddou@linde.nl', 'de-linde');
    expect((await asStaff(t, again, 'POST', `/api/staff/days-off/${id}/remove`)).json().calendar.daysOff).toEqual([]);
    const audit = await t.context.db.selectFrom('audit_log').select(['school', 'action', 'detail', 'staff_email']).where('action', 'like', 'dayoff%').orderBy('id').execute();
    expect(audit).toEqual([
      { school: 'de-linde', action: 'dayoff.add', detail: '2025-10-27: Studiedag', staff_email: 'karim.haddou@linde.nl' },
      { school: 'de-linde', action: 'dayoff.remove', detail: '2025-10-27: Studiedag', staff_email: 'karim.haddou@linde.nl' },
    ]);
  });

  it('refuses a bad day with a Dutch message per field, the same day twice, and more than the school year allows', async () => {
    await start();
    const admin = await loginAsAdmin();
    const url = '/api/beheer/schools/kopakker/days-off';
    const bad = await asAdmin(admin, 'POST', url, { day: '2026-02-30', label: ' ' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual({ day: 'Deze datum bestaat niet.', label: 'Schrijf erbij wat voor dag het is, zoals studiedag.' });
    expect((await asAdmin(admin, 'POST', url, { day: '16-03-2026', label: 'Studiedag' })).json().error.fields.day).toBe('Kies een datum, zoals 2026-03-16.');
    // School year 2025-2026 starts on 1 August 2025: fill it to the limit.
    for (let i = 0; i < MAX_SCHOOL_DAYS_OFF_PER_YEAR; i += 1) {
      const day = new Date(Date.UTC(2025, 7, 1 + i)).toISOString().slice(0, 10);
      expect((await asAdmin(admin, 'POST', url, { day, label: `Dag ${i + 1}` })).statusCode, day).toBe(201);
    }
    const twice = await asAdmin(admin, 'POST', url, { day: '2025-08-01', label: 'Nog eens' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.fields.day).toMatch(/staat er al/);
    const over = await asAdmin(admin, 'POST', url, { day: '2026-07-31', label: 'Eén te veel' });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.fields.day).toBe(`In schooljaar 2025-2026 staan al ${MAX_SCHOOL_DAYS_OFF_PER_YEAR} vrije dagen. Haal er eerst een weg.`);
    // The next school year has its own count; removing one makes room again.
    expect((await asAdmin(admin, 'POST', url, { day: '2026-08-01', label: 'Volgend jaar' })).statusCode).toBe(201);
    const first = (await asAdmin(admin, 'GET', '/api/beheer/schools')).json().schools[0].daysOff[0] as { id: number };
    const removed = await asAdmin(admin, 'POST', `${url}/${first.id}/remove`);
    expect(removed.statusCode).toBe(200);
    expect(removed.json().daysOff).toHaveLength(MAX_SCHOOL_DAYS_OFF_PER_YEAR);
    expect((await asAdmin(admin, 'POST', `${url}/${first.id}/remove`)).statusCode).toBe(404);
    expect((await asAdmin(admin, 'POST', url, { day: '2026-07-31', label: 'Nu past het' })).statusCode).toBe(201);
  });
});

describe('board figures', () => {
  const figuresOf = async (admin: StaffSession, query = '') => {
    const response = await asAdmin(admin, 'GET', `/api/beheer/figures${query}`);
    expect(response.statusCode).toBe(200);
    return response.json() as BoardFiguresResponse;
  };
  const linde = (figures: BoardFiguresResponse) => figures.schools.find((school) => school.slug === 'de-linde')!;

  it('shows a count of 4 as "< 5" and 5 as 5 (0 as 0), decided on the server, and never counts a report for the VP only', async () => {
    const time = clock('2025-10-06T08:00:00Z'); // Monday
    const dataDir = await makeDataDir();
    await start({ SCHOOLS_FILE: await writeSchoolsFile(dataDir) }, dataDir, time.now);
    const admin = await loginAsAdmin();
    for (let i = 0; i < 4; i += 1) await submitReport(t, { school: 'de-linde', kinds: ['verbal'] });
    // Five reports for the vertrouwenspersoon only: with them the counts would pass 5.
    for (let i = 0; i < 5; i += 1) await submitReport(t, { school: 'de-linde', kinds: ['verbal'], recipients: 'vertrouwenspersoon', description: `GEHEIM-VP-${i}` });

    const four = await figuresOf(admin);
    expect(four).toMatchObject({ from: '2025-08-01', to: '2026-07-31' });
    expect(linde(four)).toMatchObject({ total: '< 5', open: '< 5', closed: 0, medianDaysToOpen: null });
    expect(linde(four).months.find((row) => row.key === '2025-09')!.reports).toBe(0);
    expect(linde(four).kinds.find((row) => row.key === 'verbal')!.reports).toBe('< 5');
    expect(linde(four).months.find((row) => row.key === '2025-10')!.reports).toBe('< 5');
    // The true small numbers are not in the answer at all.
    const body = JSON.stringify(linde(four));
    expect(body).not.toMatch(/:[1-4][,}]/);
    expect(body).not.toContain('GEHEIM');

    await submitReport(t, { school: 'de-linde', kinds: ['verbal'] });
    const five = linde(await figuresOf(admin));
    expect(five).toMatchObject({ total: 5, open: 5, closed: 0 });
    expect(five.kinds.find((row) => row.key === 'verbal')!.reports).toBe(5);
    expect(five.months.find((row) => row.key === '2025-10')!.reports).toBe(5);
  });

  it('counts reports each and a linked case once', async () => {
    const dataDir = await makeDataDir();
    await start({ SCHOOLS_FILE: await writeSchoolsFile(dataDir) }, dataDir, clock('2025-10-06T08:00:00Z').now);
    const ids = [];
    for (let i = 0; i < 7; i += 1) ids.push((await submitReport(t, { school: 'de-linde' })).id);
    const anouk = await loginAs(t, 'anouk.smit@linde.nl', 'de-linde');
    expect((await asStaff(t, anouk, 'POST', `/api/staff/reports/${ids[0]}/links`, { reportId: ids[1] })).statusCode).toBe(200);
    const admin = await loginAsAdmin();
    expect(linde(await figuresOf(admin))).toMatchObject({ total: 7, cases: 6, open: 6, closed: 0 });
  });

  it('gives the median days to first opening over at least 5 opened reports, and logs each view', async () => {
    const time = clock('2025-10-06T08:00:00Z');
    const dataDir = await makeDataDir();
    await start({ SCHOOLS_FILE: await writeSchoolsFile(dataDir) }, dataDir, time.now);
    const ids = [];
    for (let i = 0; i < 5; i += 1) ids.push((await submitReport(t, { school: 'de-linde' })).id);
    // Opened after 0, 1, 2, 2 and 3 days: the median is 2.
    for (const [index, days] of [0, 1, 2, 2, 3].entries()) {
      time.set(new Date(Date.parse('2025-10-06T09:00:00Z') + days * 24 * 60 * 60 * 1000).toISOString());
      const session = await loginAs(t, 'anouk.smit@linde.nl', 'de-linde');
      expect((await asStaff(t, session, 'GET', `/api/staff/reports/${ids[index]}`)).statusCode).toBe(200);
    }
    const admin = await loginAsAdmin();
    expect(linde(await figuresOf(admin, '?from=2025-10-01&to=2025-10-31'))).toMatchObject({ medianDaysToOpen: 2, total: 5 });
    const bad = await asAdmin(admin, 'GET', '/api/beheer/figures?from=2025-10-31&to=2025-10-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.to).toBe('De einddatum ligt vóór de begindatum.');
    const views = await t.context.db.selectFrom('audit_log').select(['detail', 'staff_email']).where('action', '=', 'board.figures.view').execute();
    expect(views).toEqual([{ detail: '2025-10-01 t/m 2025-10-31', staff_email: ADMIN.toLowerCase() }]);
  });
});

describe('hand-over when a contact ends', () => {
  it('asks who takes the open cases of a contact who ends, and hands them over; nothing is left without a handler', async () => {
    const dataDir = await makeDataDir();
    await start({ SCHOOLS_FILE: await writeSchoolsFile(dataDir) }, dataDir);
    const admin = await loginAsAdmin();
    const { id } = await submitReport(t, { school: 'de-linde' });
    const anouk = await loginAs(t, 'anouk.smit@linde.nl', 'de-linde');
    expect((await asStaff(t, anouk, 'PUT', `/api/staff/reports/${id}/assignee`, { email: 'anouk.smit@linde.nl' })).statusCode).toBe(200);
    // A new anti-pestcoördinator and vertrouwenspersoon, so that Anouk may leave.
    const noor = { name: 'Noor Visser', email: 'noor.visser@linde.nl', roles: ['anti-pestcoordinator', 'vertrouwenspersoon'] };
    expect((await asAdmin(admin, 'POST', '/api/beheer/schools/de-linde/contacts', noor)).statusCode).toBe(201);
    const contacts = await contactsOf(admin, 'de-linde');
    const anoukId = contacts.find((contact) => contact.name === 'Anouk Smit')!.id;
    const noorId = contacts.find((contact) => contact.name === 'Noor Visser')!.id;

    const asked = await asAdmin(admin, 'POST', `/api/beheer/schools/de-linde/contacts/${anoukId}/end`, {});
    expect(asked.statusCode).toBe(409);
    expect(asked.json().error.fields.handOverTo).toBe('Anouk Smit behandelt nog 1 open melding. Kies wie ze overneemt.');
    expect((await contactsOf(admin, 'de-linde')).find((contact) => contact.id === anoukId)!.endedAt).toBeNull();

    const ended = await asAdmin(admin, 'POST', `/api/beheer/schools/de-linde/contacts/${anoukId}/end`, { handOverTo: noorId });
    expect(ended.statusCode).toBe(200);
    expect(JSON.stringify(ended.json())).not.toContain('pet af');
    const report = await t.context.db.selectFrom('report').select('assignee_email').where('id', '=', id).executeTakeFirstOrThrow();
    expect(report.assignee_email).toBe('noor.visser@linde.nl');
    const audit = await t.context.db.selectFrom('audit_log').select('detail').where('action', '=', 'board.contact.end').executeTakeFirstOrThrow();
    expect(audit.detail).toContain('1 open melding(en) overgedragen aan Noor Visser');
  });
});

describe('school years', () => {
  const HEALTH_TOKEN = 'the-operator-health-token-0123456789';
  const KARIM = 'karim.haddou@linde.nl';

  /** Both schools, imported in school year 2025-2026, on a clock the test moves. */
  async function startBoard(at: string, dataDir?: string) {
    const time = clock(at);
    const dir = dataDir ?? (await makeDataDir());
    await start({ SCHOOLS_FILE: await writeSchoolsFile(dir), HEALTH_TOKEN }, dir, time.now);
    return { time, dataDir: dir };
  }
  const yearMails = () => outbox(t, 'school-year');
  const operatorHealth = async () => {
    const response = await t.app.inject({ url: '/healthz', headers: { authorization: `Bearer ${HEALTH_TOKEN}` } });
    return { statusCode: response.statusCode, body: response.json() as { status: string; warnings: string[]; schoolYear: { name: string; unconfirmed: string[] } } };
  };

  it('in July mails the directeurs and the board admins once, without any child\'s details; a second run and a restart send nothing again', async () => {
    const { time, dataDir } = await startBoard('2026-06-30T12:00:00Z');
    await submitReport(t, { description: 'GEHEIM-JULI: ze pesten mij.', name: 'Sanne Kind' });
    expect((await runMaintenance(t.context)).schoolYearMails).toBe(0);
    expect(await yearMails()).toHaveLength(0);

    time.set('2026-06-30T22:00:00Z'); // 1 July, midnight in Amsterdam
    expect((await runMaintenance(t.context)).schoolYearMails).toBe(3);
    const mails = await yearMails();
    expect(addressesOf(mails)).toEqual([ADMIN, ELMAR, KARIM].sort());
    const toAdmin = mails.find((mail) => mail.to_address.includes(ADMIN))!;
    expect(toAdmin.subject).toBe('Klopt de contacttabel voor schooljaar 2026-2027?');
    expect(toAdmin.text_body).toContain('Het gaat om: CBS de Kopakker, OBS De Linde.');
    expect(toAdmin.text_body).toContain('http://127.0.0.1:3000/beheer');
    const toKarim = mails.find((mail) => mail.to_address.includes(KARIM))!;
    expect(toKarim.text_body).toContain('Het gaat om: OBS De Linde.');
    expect(toKarim.text_body).toContain('/staff/schooljaar');
    for (const mail of mails) expect(`${mail.text_body}${mail.html_body}`).not.toMatch(/GEHEIM|Sanne|Bertine|Anouk/);

    time.set('2026-07-20T08:00:00Z');
    expect((await runMaintenance(t.context)).schoolYearMails).toBe(0);
    await t.close();
    t = await startTestApp({ dataDir, env: { BOARD_ADMINS: ADMIN }, now: time.now });
    expect((await runMaintenance(t.context)).schoolYearMails).toBe(0);
    expect(await yearMails()).toHaveLength(3);
  });

  it('a table confirmed in July before the mail goes gets none; the admin\'s mail names only the others', async () => {
    const { time } = await startBoard('2026-07-01T06:00:00Z');
    const admin = await loginAsAdmin();
    const confirmed = await asAdmin(admin, 'POST', '/api/beheer/schools/kopakker/school-year/confirm');
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().schoolYear).toEqual({ schoolYear: '2026-2027', confirmed: { by: ADMIN, at: '2026-07-01T06:00:00.000Z' }, unconfirmed: false });
    time.advance(60_000);
    await runMaintenance(t.context);
    const mails = await yearMails();
    expect(addressesOf(mails)).toEqual([ADMIN, KARIM].sort());
    expect(mails.find((mail) => mail.to_address.includes(ADMIN))!.text_body).toContain('Het gaat om: OBS De Linde.');
    const audit = await t.context.db.selectFrom('audit_log').select(['school', 'staff_email', 'detail', 'at']).where('action', '=', 'board.schoolyear.confirm').execute();
    expect(audit).toEqual([{ school: 'kopakker', staff_email: ADMIN.toLowerCase(), detail: 'contacttabel 2026-2027 bevestigd', at: '2026-07-01T06:00:00.000Z' }]);
  });

  it('an unconfirmed table keeps working after 1 August, with a warning in the staff portal and on /healthz until it is confirmed', async () => {
    const { time } = await startBoard('2026-07-15T10:00:00Z');
    const elmarInJuly = await loginAs(t, ELMAR);
    const july = await asStaff(t, elmarInJuly, 'GET', '/api/staff/school-year');
    expect(july.json()).toMatchObject({ schoolName: 'CBS de Kopakker', canChange: true, schoolYear: { schoolYear: '2026-2027', confirmed: null, unconfirmed: false } });
    expect((await operatorHealth()).body.warnings).toEqual([]);

    await t.context.mailWorker.sendDue(); // nothing waiting: the operator's status is about the table alone
    time.set('2026-08-03T08:00:00Z'); // Monday of the first week of school year 2026-2027
    // The table works as it did: the next report mails the same people.
    await submitReport(t);
    expect(addressesOf(await outbox(t, 'new-report'))).toEqual([BERTINE, ELMAR].sort());
    await t.context.mailWorker.sendDue();
    const elmar = await loginAs(t, ELMAR);
    const bertine = await loginAs(t, BERTINE);
    for (const session of [elmar, bertine]) {
      expect((await asStaff(t, session, 'GET', '/api/staff/school-year')).json().schoolYear).toEqual({ schoolYear: '2026-2027', confirmed: null, unconfirmed: true });
    }
    const health = await operatorHealth();
    expect(health.statusCode).toBe(200);
    expect(health.body.status).toBe('ok');
    expect(health.body.schoolYear).toEqual({ name: '2026-2027', unconfirmed: ['CBS de Kopakker', 'OBS De Linde'] });
    expect(health.body.warnings).toEqual([
      'the contact table of CBS de Kopakker is not confirmed for school year 2026-2027',
      'the contact table of OBS De Linde is not confirmed for school year 2026-2027',
    ]);
    expect(JSON.stringify(health.body)).not.toMatch(/Bertine|Elmar|vivente/);

    // Only the directeur confirms in the staff portal; the coordinator reads, others see nothing.
    const refused = await asStaff(t, bertine, 'POST', '/api/staff/school-year/confirm', {});
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toBe('Alleen de directeur bevestigt de contacttabel.');
    expect((await asStaff(t, bertine, 'GET', '/api/staff/school-year')).json().canChange).toBe(false);
    expect((await asStaff(t, await loginAs(t, YVONNE), 'GET', '/api/staff/school-year')).statusCode).toBe(403);

    const done = await asStaff(t, elmar, 'POST', '/api/staff/school-year/confirm', {});
    expect(done.statusCode).toBe(200);
    expect(done.json().schoolYear).toEqual({ schoolYear: '2026-2027', confirmed: { by: 'Elmar van Dokkum', at: '2026-08-03T08:00:00.000Z' }, unconfirmed: false });
    expect((await asStaff(t, bertine, 'GET', '/api/staff/school-year')).json().schoolYear.unconfirmed).toBe(false);
    const audit = await t.context.db.selectFrom('audit_log').select(['school', 'staff_email', 'staff_name', 'detail', 'at']).where('action', '=', 'schoolyear.confirm').execute();
    expect(audit).toEqual([
      { school: 'kopakker', staff_email: ELMAR.toLowerCase(), staff_name: 'Elmar van Dokkum', detail: 'contacttabel 2026-2027 bevestigd', at: '2026-08-03T08:00:00.000Z' },
    ]);
    expect((await operatorHealth()).body.schoolYear.unconfirmed).toEqual(['OBS De Linde']);

    const admin = await loginAsAdmin();
    const schools = (await asAdmin(admin, 'GET', '/api/beheer/schools')).json().schools as Array<{ slug: string; schoolYear: { unconfirmed: boolean } }>;
    expect(schools.map((school) => [school.slug, school.schoolYear.unconfirmed])).toEqual([['kopakker', false], ['de-linde', true]]);
    expect((await asAdmin(admin, 'POST', '/api/beheer/schools/de-linde/school-year/confirm')).statusCode).toBe(200);
    expect((await operatorHealth()).body).toMatchObject({ warnings: [], schoolYear: { unconfirmed: [] } });
  });

  it('a school the board sets up counts as confirmed for the school year it was set up in', async () => {
    const { time } = await startBoard('2026-07-15T08:00:00Z');
    time.set('2026-09-01T08:00:00Z');
    const admin = await loginAsAdmin();
    const added = await asAdmin(admin, 'POST', '/api/beheer/schools', LINDE_TWO);
    expect(added.statusCode).toBe(201);
    expect(added.json().schoolYear).toEqual({ schoolYear: '2026-2027', confirmed: null, unconfirmed: false });
    expect((await operatorHealth()).body.schoolYear.unconfirmed).toEqual(['CBS de Kopakker', 'OBS De Linde']);
  });
});

const LINDE_TWO = { ...LINDE, slug: 'de-linde-2', name: 'OBS De Linde 2' };

describe('hand-over when a role change takes away access', () => {
  const assignTo = async (email: string, id: number) => {
    const session = await loginAs(t, email);
    expect((await asStaff(t, session, 'PUT', `/api/staff/reports/${id}/assignee`, { email })).statusCode).toBe(200);
    return session;
  };
  const assigneeOf = async (id: number) =>
    (await t.context.db.selectFrom('report').select('assignee_email').where('id', '=', id).executeTakeFirstOrThrow()).assignee_email;
  const reRole = (admin: StaffSession, contact: { id: number; name: string; email: string }, roles: string[], extra: object = {}) =>
    asAdmin(admin, 'PUT', `/api/beheer/schools/kopakker/contacts/${contact.id}`, { name: contact.name, email: contact.email, roles, ...extra });

  it('asks who takes the open cases of a contact whose new roles leave the portal, hands them over, and ends their sessions', async () => {
    await start();
    const admin = await loginAsAdmin();
    const { id } = await submitReport(t);
    const yvonneSession = await assignTo(YVONNE, id);
    const contacts = await contactsOf(admin, 'kopakker');
    const yvonne = contacts.find((contact) => contact.name === 'Yvonne de Bruin')!;
    const judith = contacts.find((contact) => contact.name === 'Judith van Driel')!;
    const elmar = contacts.find((contact) => contact.name === 'Elmar van Dokkum')!;

    const asked = await reRole(admin, yvonne, ['orthopedagoog']);
    expect(asked.statusCode).toBe(409);
    expect(asked.json().error.fields.handOverTo).toBe('Yvonne de Bruin behandelt nog 1 open melding. Kies wie ze overneemt.');
    // Nothing changed: her roles and her session are as they were.
    expect((await contactsOf(admin, 'kopakker')).find((contact) => contact.id === yvonne.id)!.roles).toEqual(['ib']);
    expect((await asStaff(t, yvonneSession, 'GET', '/api/staff/me')).statusCode).toBe(200);

    const toJudith = await reRole(admin, yvonne, ['orthopedagoog'], { handOverTo: judith.id });
    expect(toJudith.statusCode).toBe(400);
    expect(toJudith.json().error.fields.handOverTo).toBe('Judith van Driel kan geen meldingen openen. Kies iemand met een rol in het portaal.');
    expect(await assigneeOf(id)).toBe(YVONNE.toLowerCase());

    const done = await reRole(admin, yvonne, ['orthopedagoog'], { handOverTo: elmar.id });
    expect(done.statusCode).toBe(200);
    expect(await assigneeOf(id)).toBe(ELMAR.toLowerCase());
    expect((await asStaff(t, yvonneSession, 'GET', '/api/staff/me')).statusCode).toBe(401);
    const audit = await t.context.db.selectFrom('audit_log').select('detail').where('action', '=', 'board.contact.change').executeTakeFirstOrThrow();
    expect(audit.detail).toContain('1 open melding(en) overgedragen aan Elmar van Dokkum');
  });

  it('treats the aandachtsfunctionaris alone as no handler: a re-role to it hands the cases over, and they cannot take cases', async () => {
    await start();
    const admin = await loginAsAdmin();
    const { id } = await submitReport(t);
    await assignTo(YVONNE, id);
    const contacts = await contactsOf(admin, 'kopakker');
    const yvonne = contacts.find((contact) => contact.name === 'Yvonne de Bruin')!;
    const elmar = contacts.find((contact) => contact.name === 'Elmar van Dokkum')!;
    const added = await asAdmin(admin, 'POST', '/api/beheer/schools/kopakker/contacts', { name: 'Anke Visser', email: 'anke.visser@vivente.nu', roles: ['aandachtsfunctionaris'] });
    expect(added.statusCode).toBe(201);
    const anke = (await contactsOf(admin, 'kopakker')).find((contact) => contact.name === 'Anke Visser')!;

    expect((await reRole(admin, yvonne, ['aandachtsfunctionaris'])).statusCode).toBe(409);
    const toAnke = await reRole(admin, yvonne, ['aandachtsfunctionaris'], { handOverTo: anke.id });
    expect(toAnke.statusCode).toBe(400);
    expect(toAnke.json().error.fields.handOverTo).toBe('Anke Visser opent alleen meldingen voor de Meldcode. Kies iemand met een andere rol in het portaal.');
    expect((await reRole(admin, yvonne, ['aandachtsfunctionaris'], { handOverTo: elmar.id })).statusCode).toBe(200);
    expect(await assigneeOf(id)).toBe(ELMAR.toLowerCase());
  });

  it('a vertrouwenspersoon who stops being one hands the VP-only cases to another VP and keeps the others', async () => {
    await start();
    const admin = await loginAsAdmin();
    const contacts = await contactsOf(admin, 'kopakker');
    const bertine = contacts.find((contact) => contact.name === 'Bertine Pas')!;
    const yvonne = contacts.find((contact) => contact.name === 'Yvonne de Bruin')!;
    const elmar = contacts.find((contact) => contact.name === 'Elmar van Dokkum')!;
    expect((await reRole(admin, yvonne, ['ib', 'vertrouwenspersoon'])).statusCode).toBe(200);
    const confidential = (await submitReport(t, { recipients: 'vertrouwenspersoon' })).id;
    const ordinary = (await submitReport(t)).id;
    await assignTo(BERTINE, confidential);
    await assignTo(BERTINE, ordinary);

    const asked = await reRole(admin, bertine, ['anti-pestcoordinator']);
    expect(asked.statusCode).toBe(409);
    expect(asked.json().error.fields.handOverTo).toBe('Bertine Pas behandelt nog 1 open melding die alleen de vertrouwenspersoon mag zien. Kies wie ze overneemt.');
    const notVp = await reRole(admin, bertine, ['anti-pestcoordinator'], { handOverTo: elmar.id });
    expect(notVp.statusCode).toBe(400);
    expect(notVp.json().error.fields.handOverTo).toBe('Er is een melding bij die alleen de vertrouwenspersoon mag zien. Kies een vertrouwenspersoon.');

    expect((await reRole(admin, bertine, ['anti-pestcoordinator'], { handOverTo: yvonne.id })).statusCode).toBe(200);
    expect(await assigneeOf(confidential)).toBe(YVONNE.toLowerCase());
    expect(await assigneeOf(ordinary)).toBe(BERTINE.toLowerCase());
  });

  it('a contact who keeps their roles at a new address keeps their open cases', async () => {
    await start();
    const admin = await loginAsAdmin();
    const { id } = await submitReport(t);
    await assignTo(YVONNE, id);
    const yvonne = (await contactsOf(admin, 'kopakker')).find((contact) => contact.name === 'Yvonne de Bruin')!;
    const moved = await asAdmin(admin, 'PUT', `/api/beheer/schools/kopakker/contacts/${yvonne.id}`, { name: yvonne.name, email: 'yvonne@kopakker.nl', roles: ['ib'] });
    expect(moved.statusCode).toBe(200);
    expect(await assigneeOf(id)).toBe('yvonne@kopakker.nl');
  });
});

describe('preparing next school year', () => {
  it('a contact added for next school year is not in the table until 1 August, then joins it once, audited', async () => {
    const time = clock('2026-07-10T08:00:00Z');
    await start({}, undefined, time.now);
    const admin = await loginAsAdmin();
    const noor = { name: 'Noor Visser', email: 'noor.visser@vivente.nu', roles: ['anti-pestcoordinator'] };
    const added = await asAdmin(admin, 'POST', '/api/beheer/schools/kopakker/contacts', { ...noor, forNextSchoolYear: true });
    expect(added.statusCode).toBe(201);
    expect((await contactsOf(admin, 'kopakker')).find((contact) => contact.name === 'Noor Visser')).toMatchObject({ joinsSchoolYear: '2026-2027', endedAt: null });
    // One address is in a table once, now or from next year.
    expect((await asAdmin(admin, 'POST', '/api/beheer/schools/kopakker/contacts', noor)).statusCode).toBe(409);
    expect((await asAdmin(admin, 'POST', '/api/beheer/schools/kopakker/contacts', { ...noor, forNextSchoolYear: 'ja' })).json().error.fields.forNextSchoolYear).toBe(
      'Kies of de persoon nu of pas volgend schooljaar begint.',
    );

    // This year's table is as it was: no mail for Noor, no login.
    await submitReport(t);
    expect(addressesOf(await outbox(t, 'new-report'))).toEqual([BERTINE, ELMAR].sort());
    await t.app.inject({ method: 'POST', url: '/api/staff/login', payload: { email: noor.email }, remoteAddress: freshAddress() });
    expect(await outbox(t, 'staff-login')).toHaveLength(0);
    time.set('2026-07-31T21:59:00Z'); // 31 July, 23:59 in Amsterdam
    expect((await runMaintenance(t.context)).contactsTakenIn).toBe(0);

    time.set('2026-07-31T22:00:00Z'); // 1 August
    expect((await runMaintenance(t.context)).contactsTakenIn).toBe(1);
    expect((await runMaintenance(t.context)).contactsTakenIn).toBe(0);
    expect((await contactsOf(await loginAsAdmin(), 'kopakker')).find((contact) => contact.name === 'Noor Visser')!.joinsSchoolYear).toBeNull();
    await t.context.db.deleteFrom('outbox').execute();
    await submitReport(t);
    expect(addressesOf(await outbox(t, 'new-report'))).toEqual([BERTINE, ELMAR, noor.email].sort());
    const audit = await t.context.db.selectFrom('audit_log').select(['action', 'staff_email', 'detail']).where('action', 'in', ['board.contact.add', 'board.contact.join']).orderBy('id').execute();
    expect(audit).toEqual([
      { action: 'board.contact.add', staff_email: ADMIN.toLowerCase(), detail: 'Noor Visser <noor.visser@vivente.nu>: anti-pestcoordinator; vanaf schooljaar 2026-2027' },
      { action: 'board.contact.join', staff_email: '(schooljaar)', detail: 'Noor Visser <noor.visser@vivente.nu>: anti-pestcoordinator; in de tabel vanaf schooljaar 2026-2027' },
    ]);
  });
});
