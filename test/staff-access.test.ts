import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pngImage } from './helpers/images.js';
import { multipartBody } from './helpers/multipart.js';
import { registeredRoutes, type Route } from './helpers/routes.js';
import { makeDataDir, startTestApp, type TestApp } from './helpers/test-app.js';
import {
  addressesOf,
  asStaff,
  BERTINE,
  cookieOf,
  ELMAR,
  latestLoginToken,
  loginAs,
  outbox,
  redeem,
  requestLink,
  submitReport,
  TWO_SCHOOLS,
  writeSchoolsFile,
  YVONNE,
  type StaffSession,
} from './helpers/staff.js';
import { totp } from '../server/staff-auth/totp.js';
import { base32Decode } from './helpers/authenticator.js';
import { TOTP_STEP_SECONDS } from '../server/shared/limits.js';

let t: TestApp;
afterEach(async () => {
  await t.close();
});

const LOTTE = 'lotte.bos@vivente.nu';

/** The only staff routes that answer without a session, and why. */
const PUBLIC_ROUTES = new Set([
  'GET /staff', // the page shell: no data, the login form lives there
  'GET /staff/*', // the same shell for /staff/reports/12 and /staff/login/<token>
  'POST /api/staff/login', // asks for a login link
  'POST /api/staff/sessions', // uses a login link
  'GET /api/staff/login-options', // whether the school-account button is shown: no data
  'GET /staff/oidc/start', // sends the browser to the school's sign-in (test/staff-oidc.test.ts)
  'GET /staff/oidc/callback', // the school's sign-in comes back here (test/staff-oidc.test.ts)
]);

/** A valid body for every state-changing route, so a refusal is about who asks and not about what. */
const VALID_BODIES: Record<string, object> = {
  'POST /api/staff/school': { school: 'kopakker' },
  'POST /api/staff/logout': {},
  'POST /api/staff/logout-everywhere': {},
  'POST /api/staff/reports': { source: 'phone', role: 'parent', description: 'Mijn dochter wordt buitengesloten.' },
  'POST /api/staff/reports/:id/indication': { indication: 'pesten' },
  'POST /api/staff/reports/:id/steps': { step: '2', note: 'gesprek gehad' },
  'POST /api/staff/reports/:id/close': { outcome: 'resolved', message: '' },
  'POST /api/staff/reports/:id/reopen': {},
  'PUT /api/staff/reports/:id/checklist': { list: 'gepeste', item: 0, checked: true },
  'PUT /api/staff/reports/:id/follow-up': { on: null },
  'POST /api/staff/reports/:id/notes': { text: 'Notitie' },
  'POST /api/staff/reports/:id/messages': { text: 'In welke klas zit je?' },
  'PUT /api/staff/reports/:id/reporter-status': { status: 'in_progress' },
  'PUT /api/staff/reports/:id/assignee': { email: BERTINE },
  'POST /api/staff/reports/:id/share': {},
  // Another school's number; the own-school control links a fresh report of its own (ownTotpPayload).
  'POST /api/staff/reports/:id/links': { reportId: 100_000_001 },
  'POST /api/staff/reports/:id/unlink': {},
  'POST /api/staff/reports/:id/meldcode': {},
  // The own-school control marks the case first (ownTotpPayload).
  'POST /api/staff/reports/:id/meldcode/entries': { step: '1', note: 'Signalen genoteerd' },
  // Well-formed codes; the own-school control below brings a live one (ownTotpPayload).
  'POST /api/staff/second-factor/verify': { code: '000000' },
  'POST /api/staff/second-factor/setup': {},
  'POST /api/staff/second-factor/enable': { code: '000000' },
  'POST /api/staff/second-factor/disable': { code: '000000' },
  'DELETE /api/staff/mail-problems/:id': {},
  // Lotte works at both schools; the own-school control gives her TOTP first (ownTotpPayload).
  'POST /api/staff/colleagues/second-factor/reset': { email: LOTTE },
  'POST /api/staff/school-year/confirm': {},
  'POST /api/staff/days-off': { day: '2026-03-16', label: 'Studiedag' },
  'POST /api/staff/days-off/:id/remove': {},
  // The teacher list (the directeur) and a case's invitations; teacher 1 is added in beforeEach.
  'POST /api/staff/teachers': { name: 'Anna Visser', email: 'anna.visser@vivente.nu', groep: '5' },
  'PUT /api/staff/teachers/:id': { name: 'Bob Mulder', email: 'bob.mulder@vivente.nu', groep: '6' },
  'DELETE /api/staff/teachers/:id': {},
  'POST /api/staff/reports/:id/invitations': { teacherId: 1 },
  'PUT /api/staff/reports/:id/invitations/:invitationId': { shareIdentity: true },
  'DELETE /api/staff/reports/:id/invitations/:invitationId': {},
};

/** Routes for the directeur alone: the own-school control asks as the directeur. */
const DIRECTOR_ROUTES = new Set([
  'GET /api/staff/register.csv',
  'GET /api/staff/audit',
  'GET /api/staff/mail-problems',
  'DELETE /api/staff/mail-problems/:id',
  'GET /api/staff/colleagues/second-factor',
  'POST /api/staff/colleagues/second-factor/reset',
  'POST /api/staff/school-year/confirm',
  'POST /api/staff/days-off',
  'POST /api/staff/days-off/:id/remove',
  'GET /api/staff/teachers',
  'POST /api/staff/teachers',
  'PUT /api/staff/teachers/:id',
  'DELETE /api/staff/teachers/:id',
]);

/** Routes of the directeur that the vertrouwenspersoon reaches too, for what concerns reports for the VP only. */
const VP_TOO_ROUTES = new Set(['DELETE /api/staff/mail-problems/:id']);

/** What a session owing its TOTP code (or its TOTP setup) may still reach. */
const SECOND_FACTOR_ROUTES: Record<'second-factor' | 'totp-setup', Set<string>> = {
  'second-factor': new Set(['GET /api/staff/second-factor', 'POST /api/staff/second-factor/verify', 'POST /api/staff/logout']),
  'totp-setup': new Set([
    'GET /api/staff/second-factor',
    'POST /api/staff/second-factor/setup',
    'POST /api/staff/second-factor/enable',
    'POST /api/staff/logout',
  ]),
};

/** A code of this secret, `offset` time steps from now (the server's clock is the real one here). */
function liveCode(secret: string, offset = 0): string {
  return totp(base32Decode(secret), new Date(Date.now() + offset * TOTP_STEP_SECONDS * 1000));
}

describe('every staff route', () => {
  let kopakker: { id: number; screenshotId: number };
  let linde: StaffSession;
  let lindeDirector: StaffSession;

  beforeEach(async () => {
    const dataDir = await makeDataDir();
    t = await startTestApp({ dataDir, env: { SCHOOLS_FILE: await writeSchoolsFile(dataDir) } });
    const { payload, headers } = multipartBody(
      [
        ['role', 'self'],
        ['description', 'GEHEIM-KOPAKKER: ze schelden mij uit.'],
      ],
      [{ field: 'screenshots', filename: 'a.png', contentType: 'image/png', data: await pngImage() }],
    );
    expect((await t.app.inject({ method: 'POST', url: '/api/reports', payload, headers })).statusCode).toBe(201);
    const report = await t.context.db.selectFrom('report').select('id').executeTakeFirstOrThrow();
    const shot = await t.context.db.selectFrom('screenshot').select('id').executeTakeFirstOrThrow();
    kopakker = { id: report.id, screenshotId: shot.id };
    linde = await loginAs(t, 'anouk.smit@linde.nl');
    lindeDirector = await loginAs(t, 'karim.haddou@linde.nl');
    // Teacher 1, of the Kopakker, for the invitation routes.
    await t.context.db
      .insertInto('teacher')
      .values({ school: 'kopakker', name: 'Vaste Leerkracht', email: 'vaste.leerkracht@vivente.nu', groep: '4', created_at: '2026-09-01T08:00:00.000Z' })
      .execute();
  });

  /**
   * The own-school control of the TOTP routes needs the person in the right state and a live code:
   * turning on uses the current step, turning off the next one (a used step never works again).
   */
  let ownSecret = '';
  async function ownTotpPayload(own: StaffSession, key: string, payload: object | undefined): Promise<object | undefined> {
    const enabled = async () => (await asStaff(t, own, 'GET', '/api/staff/second-factor')).json().enabled as boolean;
    const setup = async () => {
      ownSecret = (await asStaff(t, own, 'POST', '/api/staff/second-factor/setup', {})).json().secret as string;
    };
    const ensure = async (on: boolean) => {
      if ((await enabled()) === on) return;
      if (on) {
        await setup();
        expect((await asStaff(t, own, 'POST', '/api/staff/second-factor/enable', { code: liveCode(ownSecret) })).statusCode).toBe(200);
      } else {
        expect((await asStaff(t, own, 'POST', '/api/staff/second-factor/disable', { code: liveCode(ownSecret, 1) })).statusCode).toBe(200);
      }
    };
    const linkFresh = async () => ({ reportId: (await submitReport(t)).id });
    switch (key) {
      case 'POST /api/staff/reports/:id/links':
        return linkFresh();
      case 'POST /api/staff/reports/:id/meldcode/entries':
        expect((await asStaff(t, own, 'POST', `/api/staff/reports/${kopakker.id}/meldcode`, {})).statusCode).toBe(200);
        return payload;
      case 'POST /api/staff/reports/:id/unlink':
        expect((await asStaff(t, own, 'POST', `/api/staff/reports/${kopakker.id}/links`, await linkFresh())).statusCode).toBe(200);
        return payload;
      case 'POST /api/staff/second-factor/setup':
        await ensure(false);
        return payload;
      case 'POST /api/staff/second-factor/enable':
        await ensure(false);
        await setup();
        return { code: liveCode(ownSecret) };
      case 'POST /api/staff/second-factor/disable':
        await ensure(true);
        return { code: liveCode(ownSecret, 1) };
      case 'POST /api/staff/colleagues/second-factor/reset': {
        const lotte = await loginAs(t, LOTTE);
        const secret = (await asStaff(t, lotte, 'POST', '/api/staff/second-factor/setup', {})).json().secret as string;
        expect((await asStaff(t, lotte, 'POST', '/api/staff/second-factor/enable', { code: liveCode(secret) })).statusCode).toBe(200);
        return payload;
      }
      default:
        return payload;
    }
  }

  /** Every staff route for a session in `stage`: refused unless it is one of the stage's own routes. */
  async function expectOnlyStageRoutes(session: StaffSession, stage: 'second-factor' | 'totp-setup') {
    const allowed = SECOND_FACTOR_ROUTES[stage];
    let refused = 0;
    for (const route of staffRoutes()) {
      const key = `${route.method} ${route.url}`;
      if (PUBLIC_ROUTES.has(key) || allowed.has(key)) continue;
      const response = await asStaff(t, session, route.method as 'GET', fill(route.url), VALID_BODIES[key]);
      expect(response.statusCode, key).toBe(stage === 'second-factor' ? 401 : 403);
      expect(response.json().error.code, key).toBe(stage === 'second-factor' ? 'second_factor_required' : 'totp_setup_required');
      expect(response.body, key).not.toContain('GEHEIM-KOPAKKER');
      refused += 1;
    }
    expect(refused).toBeGreaterThan(10);
    // The session itself survived the walk and still reaches its own routes.
    const status = await asStaff(t, session, 'GET', '/api/staff/second-factor');
    expect(status.statusCode).toBe(200);
    expect(status.json().stage).toBe(stage);
  }

  function fill(url: string): string {
    return url
      .replace(':id', String(kopakker.id))
      .replace(':screenshotId', String(kopakker.screenshotId))
      .replace(':invitationId', String(kopakker.id));
  }

  function staffRoutes(): Route[] {
    const routes = registeredRoutes(t.app.printRoutes({ commonPrefix: false })).filter(
      (route) => route.url.startsWith('/staff') || route.url.startsWith('/api/staff'),
    );
    // The walk must have found the routes it is about; an empty or garbled walk proves nothing.
    const keys = routes.map((route) => `${route.method} ${route.url}`);
    for (const known of [...PUBLIC_ROUTES, ...Object.keys(VALID_BODIES), 'GET /api/staff/reports/:id/screenshots/:screenshotId']) {
      expect(keys).toContain(known);
    }
    return routes;
  }

  it('refuses an anonymous request with 401 (except the login routes and the page shell)', async () => {
    for (const route of staffRoutes()) {
      const key = `${route.method} ${route.url}`;
      const response = await t.app.inject({ method: route.method as 'GET', url: fill(route.url), payload: VALID_BODIES[key] });
      if (PUBLIC_ROUTES.has(key)) continue;
      expect(response.statusCode, key).toBe(401);
      expect(response.json().error.code, key).toBe('unauthorized');
    }
  });

  it('refuses a member of another school, and the own school gets through with the same request', async () => {
    const own = await loginAs(t, BERTINE);
    const ownDirector = await loginAs(t, ELMAR);
    // Logging out spends the sessions, so those routes go last; they only touch the caller's own sessions.
    // Recording a report adds one to the caller's own school, so it goes after the reads that count them.
    const rank = (route: Route) => (route.url.includes('logout') ? 2 : `${route.method} ${route.url}` === 'POST /api/staff/reports' ? 1 : 0);
    const routes = staffRoutes().sort((a, b) => rank(a) - rank(b));
    for (const route of routes) {
      const key = `${route.method} ${route.url}`;
      if (PUBLIC_ROUTES.has(key)) continue;
      if (route.method !== 'GET') expect(VALID_BODIES, `a valid body for ${key} in this test`).toHaveProperty([key]);
      const payload = VALID_BODIES[key];
      for (const session of [linde, lindeDirector]) {
        const response = await asStaff(t, session, route.method as 'GET', fill(route.url), payload);
        expect(response.body, key).not.toContain('GEHEIM-KOPAKKER');
        if (route.url.includes(':id')) {
          // A colleague who is not the directeur is refused the directeur's routes before any look-up
          // (Anouk is the vertrouwenspersoon, who reads the dead letters about reports for the VP only:
          // another school's is not found for her).
          const refusedFirst = DIRECTOR_ROUTES.has(key) && !VP_TOO_ROUTES.has(key) && session === linde;
          expect(response.statusCode, key).toBe(refusedFirst ? 403 : 404);
        } else if (key === 'POST /api/staff/school') {
          expect(response.statusCode, key).toBe(403);
        } else if (key === 'GET /api/staff/reports') {
          expect(response.json().reports, key).toEqual([]);
        } else if (key === 'GET /api/staff/statistics') {
          // Numbers of the own school only: the other school's report is not among them.
          expect(response.json().total, key).toBe(0);
        } else if (key === 'GET /api/staff/audit') {
          const entries = response.statusCode === 200 ? (response.json().entries as Array<{ reportId: number | null; email: string }>) : [];
          expect(entries.every((entry) => entry.reportId === null), key).toBe(true);
          expect(entries.map((entry) => entry.email)).not.toContain(BERTINE.toLowerCase());
        } else {
          expect(response.statusCode, key).toBeLessThan(500);
        }
      }
      if (key.includes('logout')) continue;
      // Positive control: the same request from the school's own staff is not refused.
      const ownSession = DIRECTOR_ROUTES.has(key) ? ownDirector : own;
      let ownUrl = fill(route.url);
      // A mail of the own school given up, for the directeur to dismiss.
      if (key === 'DELETE /api/staff/mail-problems/:id') {
        const mail = await t.context.db.selectFrom('outbox').select('id').where('school', '=', 'kopakker').orderBy('id').executeTakeFirstOrThrow();
        await t.context.db.updateTable('outbox').set({ dead_at: '2026-03-02T08:00:00.000Z' }).where('id', '=', mail.id).execute();
        ownUrl = route.url.replace(':id', String(mail.id));
      }
      // A teacher of the own school for the list's routes, and an invitation in force for the invitation routes.
      if (key.startsWith('PUT /api/staff/teachers/') || key.startsWith('DELETE /api/staff/teachers/')) {
        const added = await asStaff(t, ownDirector, 'POST', '/api/staff/teachers', { name: 'Bob', email: `bob${Date.now()}@vivente.nu`, groep: '7' });
        const bob = (added.json().teachers as Array<{ id: number; name: string }>).find((row) => row.name === 'Bob')!;
        ownUrl = route.url.replace(':id', String(bob.id));
      }
      if (key.includes('/invitations')) {
        await t.context.db.updateTable('case_invitation').set({ ended_at: '2026-01-01T00:00:00.000Z' }).execute();
        if (key.includes(':invitationId')) {
          const invited = await asStaff(t, own, 'POST', `/api/staff/reports/${kopakker.id}/invitations`, { teacherId: 1 });
          ownUrl = fill(route.url).replace(/invitations\/\d+$/, `invitations/${invited.json().invitations[0].id}`);
        }
      }
      // A day off of the own school, for the directeur to remove.
      if (key === 'POST /api/staff/days-off/:id/remove') {
        const added = await asStaff(t, ownDirector, 'POST', '/api/staff/days-off', { day: '2026-05-15', label: 'Studiedag' });
        ownUrl = route.url.replace(':id', String((added.json().calendar.daysOff as Array<{ id: number; day: string }>).find((row) => row.day === '2026-05-15')!.id));
      }
      const caseUrl = `/api/staff/reports/${kopakker.id}`;
      // Sharing needs a case for the vertrouwenspersoon only (Bertine is the school's).
      if (key.endsWith('/share')) await t.context.db.updateTable('report').set({ recipients: 'vertrouwenspersoon' }).where('id', '=', kopakker.id).execute();
      // Reopening needs a closed case; everything else needs it open.
      if (key.endsWith('/reopen')) await asStaff(t, own, 'POST', `${caseUrl}/close`, { outcome: 'resolved', message: '' });
      const ok = await asStaff(t, ownSession, route.method as 'GET', ownUrl, await ownTotpPayload(own, key, payload));
      expect(ok.statusCode, `${key} for the own school`).toBeLessThan(300);
      if (key.endsWith('/close')) await asStaff(t, own, 'POST', `${caseUrl}/reopen`);
    }
  });

  it('refuses a session that still owes its TOTP code everywhere but on the second-factor routes', async () => {
    const own = await loginAs(t, BERTINE);
    const setup = await asStaff(t, own, 'POST', '/api/staff/second-factor/setup', {});
    expect((await asStaff(t, own, 'POST', '/api/staff/second-factor/enable', { code: liveCode(setup.json().secret) })).statusCode).toBe(200);
    // The next login link gives a session that waits for its code.
    const remoteAddress = '10.200.0.1';
    await requestLink(t, BERTINE, remoteAddress);
    const response = await redeem(t, await latestLoginToken(t, BERTINE), undefined, remoteAddress);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ stage: 'second-factor', csrfToken: expect.any(String) });
    const pending: StaffSession = { cookie: cookieOf(response.headers['set-cookie']), csrf: response.json().csrfToken, me: own.me };
    await expectOnlyStageRoutes(pending, 'second-factor');
  });

  it('refuses a session of a school that requires TOTP everywhere but on the setup routes until it is on', async () => {
    await t.close();
    const dataDir = await makeDataDir();
    const schools = { ...TWO_SCHOOLS, schools: TWO_SCHOOLS.schools.map((school) => ({ ...school, requireTotp: true })) };
    t = await startTestApp({ dataDir, env: { SCHOOLS_FILE: await writeSchoolsFile(dataDir, schools) } });
    await requestLink(t, BERTINE, '10.200.0.2');
    const response = await redeem(t, await latestLoginToken(t, BERTINE), undefined, '10.200.0.2');
    expect(response.json()).toEqual({ stage: 'totp-setup', csrfToken: expect.any(String) });
    const restricted: StaffSession = { cookie: cookieOf(response.headers['set-cookie']), csrf: response.json().csrfToken, me: linde.me };
    await expectOnlyStageRoutes(restricted, 'totp-setup');
  });
});

describe('reports for the vertrouwenspersoon only', () => {
  beforeEach(async () => {
    t = await startTestApp();
  });

  it('are hidden from staff who are not vertrouwenspersoon, everywhere', async () => {
    const open = await submitReport(t);
    const { payload, headers } = multipartBody(
      [
        ['role', 'parent'],
        ['description', 'VERTROUWELIJK: mijn zoon wordt gepest.'],
        ['recipients', 'vertrouwenspersoon'],
      ],
      [{ field: 'screenshots', filename: 'a.png', contentType: 'image/png', data: await pngImage() }],
    );
    expect((await t.app.inject({ method: 'POST', url: '/api/reports', payload, headers })).statusCode).toBe(201);
    const confidential = await t.context.db.selectFrom('report').select('id').where('recipients', '=', 'vertrouwenspersoon').executeTakeFirstOrThrow();
    const shot = await t.context.db.selectFrom('screenshot').select('id').where('report_id', '=', confidential.id).executeTakeFirstOrThrow();

    for (const email of [ELMAR, YVONNE]) {
      const session = await loginAs(t, email);
      const inbox = await asStaff(t, session, 'GET', '/api/staff/reports');
      expect(inbox.json().reports.map((report: { id: number }) => report.id)).toEqual([open.id]);
      expect(inbox.json().unreadCount).toBe(1);
      const direct = await asStaff(t, session, 'GET', `/api/staff/reports/${confidential.id}`);
      expect(direct.statusCode).toBe(404);
      expect(direct.body).not.toContain('VERTROUWELIJK');
      expect((await asStaff(t, session, 'GET', `/api/staff/reports/${confidential.id}/screenshots/${shot.id}`)).statusCode).toBe(404);
      expect((await asStaff(t, session, 'POST', `/api/staff/reports/${confidential.id}/notes`, { text: 'x' })).statusCode).toBe(404);
      // Nor can a colleague hand it to someone who may not see it.
    }

    const vp = await loginAs(t, BERTINE);
    const inbox = await asStaff(t, vp, 'GET', '/api/staff/reports');
    expect(inbox.json().reports.map((report: { id: number }) => report.id)).toEqual([confidential.id, open.id].sort((a, b) => b - a));
    const view = await asStaff(t, vp, 'GET', `/api/staff/reports/${confidential.id}`);
    expect(view.statusCode).toBe(200);
    expect(view.json().confidential).toBe(true);
    expect(view.json().assignable.map((member: { email: string }) => member.email)).toEqual([BERTINE.toLowerCase()]);
    const handOver = await asStaff(t, vp, 'PUT', `/api/staff/reports/${confidential.id}/assignee`, { email: ELMAR });
    expect(handOver.statusCode).toBe(400);
    expect(handOver.json().error.fields).toHaveProperty('email');
  });

  it('leave no trace for the others (no routing mail, no audit line) until the vertrouwenspersoon shares them', async () => {
    const confidential = await submitReport(t, { recipients: 'vertrouwenspersoon', description: 'VERTROUWELIJK: ik word gepest.' });
    const vp = await loginAs(t, BERTINE);
    // Stap 3a and 6 would mail the IB'er (pesten), the MT or directeur (Elmar) and the directeur.
    for (const step of ['2', '3a', '6']) {
      expect((await asStaff(t, vp, 'POST', `/api/staff/reports/${confidential.id}/steps`, { step, note: 'gesprek' })).statusCode).toBe(201);
    }
    const caseMails = async () => (await outbox(t)).filter((row) => row.purpose.startsWith('case-'));
    expect(await caseMails()).toEqual([]);

    // The directeur (not the vertrouwenspersoon) reads an audit log without the case, page by page.
    const director = await loginAs(t, ELMAR);
    const log = (await asStaff(t, director, 'GET', '/api/staff/audit')).json();
    expect(log.entries.map((entry: { reportId: number | null }) => entry.reportId)).not.toContain(confidential.id);
    expect(log.entries.every((entry: object) => !('id' in entry))).toBe(true);
    expect(JSON.stringify(log)).not.toContain(String(confidential.id));
    const own = (await asStaff(t, vp, 'GET', '/api/staff/audit')).statusCode;
    expect(own).toBe(403); // Bertine is no directeur: the audit log is not hers to read either way.

    // Only the vertrouwenspersoon can share it; a colleague cannot even find it.
    expect((await asStaff(t, director, 'POST', `/api/staff/reports/${confidential.id}/share`, {})).statusCode).toBe(404);
    const shared = await asStaff(t, vp, 'POST', `/api/staff/reports/${confidential.id}/share`, {});
    expect(shared.statusCode).toBe(200);
    expect(shared.json().confidential).toBe(false);
    // The anti-pestcoördinators (but the one who shared) hear of it; it is bullying already, so the IB'er too.
    expect(addressesOf(await outbox(t, 'case-shared'))).toEqual([ELMAR]);
    expect(addressesOf(await outbox(t, 'case-pesten'))).toEqual([YVONNE]);
    expect((await asStaff(t, director, 'GET', `/api/staff/reports/${confidential.id}`)).statusCode).toBe(200);
    const after = (await asStaff(t, director, 'GET', '/api/staff/audit')).json();
    expect(after.entries.filter((entry: { reportId: number | null }) => entry.reportId === confidential.id).map((entry: { action: string }) => entry.action)).toContain('case.share');
    // Shared once is shared: a second time is a conflict, not a silent success.
    expect((await asStaff(t, vp, 'POST', `/api/staff/reports/${confidential.id}/share`, {})).statusCode).toBe(409);
  });
});

describe('audit log page', () => {
  it('is for the directeur only', async () => {
    t = await startTestApp();
    const apc = await loginAs(t, BERTINE);
    const refused = await asStaff(t, apc, 'GET', '/api/staff/audit');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('forbidden');
    const director = await loginAs(t, ELMAR);
    expect((await asStaff(t, director, 'GET', '/api/staff/audit')).statusCode).toBe(200);
  });
});
