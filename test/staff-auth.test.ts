import { afterEach, describe, expect, it } from 'vitest';
import {
  MAX_LOGIN_TOKEN_LENGTH,
  STAFF_LINKS_PER_ADDRESS,
  STAFF_LINKS_PER_ADDRESS_WINDOW_MS,
  STAFF_LINKS_PER_REQUESTER,
  STAFF_LINKS_PER_REQUESTER_WINDOW_MS,
  STAFF_LOGIN_LINK_TTL_MS,
  STAFF_LOGIN_RATE_LIMIT,
  STAFF_SESSION_IDLE_MS,
  STAFF_SESSION_MAX_AGE_MS,
} from '../server/shared/limits.js';
import { runMaintenance } from '../server/jobs/maintenance.js';
import { makeDataDir, startTestApp, type TestApp } from './helpers/test-app.js';
import {
  asStaff,
  BERTINE,
  clock,
  cookieOf,
  ELMAR,
  latestLoginToken,
  loginAs,
  outbox,
  redeem,
  requestLink,
  writeSchoolsFile,
} from './helpers/staff.js';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

describe('login link', () => {
  it('is mailed through the outbox to the address in the contact table, and works once', async () => {
    t = await startTestApp();
    const response = await requestLink(t, '  BERTINE.PAS@vivente.nu ');
    expect(response.statusCode).toBe(202);
    const [mail] = await outbox(t, 'staff-login');
    expect(mail!.to_address).toBe('"Bertine Pas" <Bertine.pas@vivente.nu>');
    expect(mail!.text_body).toMatch(/\/staff\/login#[A-Za-z0-9_-]{43}(?![\w-])/);

    const token = await latestLoginToken(t, BERTINE);
    const first = await redeem(t, token);
    expect(first.statusCode).toBe(201);
    expect(first.json().name).toBe('Bertine Pas');

    const second = await redeem(t, token);
    expect(second.statusCode).toBe(401);
    expect(second.json().error.code).toBe('unauthorized');
    expect(second.json().error.message).toMatch(/verlopen of al gebruikt/);
  });

  it('stores only hashes of the link and the session token', async () => {
    t = await startTestApp();
    await requestLink(t, BERTINE);
    const token = await latestLoginToken(t, BERTINE);
    const response = await redeem(t, token);
    const sessionToken = cookieOf(response.headers['set-cookie']).split('=')[1]!;
    const tokens = await t.context.db.selectFrom('staff_login_token').selectAll().execute();
    const sessions = await t.context.db.selectFrom('staff_session').selectAll().execute();
    expect(JSON.stringify(tokens)).not.toContain(token);
    expect(JSON.stringify(sessions)).not.toContain(sessionToken);
    expect(tokens[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('works until 15 minutes and not a moment later', async () => {
    const time = clock('2025-03-03T09:00:00Z');
    t = await startTestApp({ now: time.now });
    await requestLink(t, BERTINE);
    const early = await latestLoginToken(t, BERTINE);
    time.advance(STAFF_LOGIN_LINK_TTL_MS - 1000);
    expect((await redeem(t, early)).statusCode).toBe(201);

    await requestLink(t, BERTINE);
    const late = await latestLoginToken(t, BERTINE);
    time.advance(STAFF_LOGIN_LINK_TTL_MS);
    const response = await redeem(t, late);
    expect(response.statusCode).toBe(401);
    expect(response.json().error.message).toMatch(/verlopen/);
  });

  it('gives an unknown address, and a contact who may not log in, the same answer without a mail', async () => {
    t = await startTestApp();
    const known = await requestLink(t, BERTINE);
    const unknown = await requestLink(t, 'iemand@example.org');
    // The orthopedagoog is in the contact table but not a portal user.
    const external = await requestLink(t, 'j.van.driel@ecadapt.nl');
    for (const response of [unknown, external]) {
      expect(response.statusCode).toBe(known.statusCode);
      expect(response.body).toBe(known.body);
      expect(response.headers['content-type']).toBe(known.headers['content-type']);
    }
    expect(await outbox(t, 'staff-login')).toHaveLength(1);
    // Every request writes its throttle row, so both kinds do the same database work.
    const requests = await t.context.db.selectFrom('staff_login_request').selectAll().execute();
    expect(requests).toHaveLength(3);
    expect(JSON.stringify(requests)).not.toMatch(/example\.org|vivente|ecadapt/);
  });

  it(`mails at most ${STAFF_LINKS_PER_REQUESTER} links an hour at one requester's request, answering the same`, async () => {
    const time = clock('2025-03-03T09:00:00Z');
    t = await startTestApp({ now: time.now });
    const answers = [];
    for (let i = 0; i < STAFF_LINKS_PER_REQUESTER + 1; i += 1) {
      answers.push(await requestLink(t, BERTINE, '10.0.0.1'));
      time.advance(STAFF_LINKS_PER_ADDRESS_WINDOW_MS);
    }
    expect(new Set(answers.map((answer) => answer.body)).size).toBe(1);
    expect(await outbox(t, 'staff-login')).toHaveLength(STAFF_LINKS_PER_REQUESTER);
    // Another requester has its own share; the first gets one again once the hour has passed.
    await requestLink(t, BERTINE, '10.0.0.2');
    expect(await outbox(t, 'staff-login')).toHaveLength(STAFF_LINKS_PER_REQUESTER + 1);
    time.advance(STAFF_LINKS_PER_REQUESTER_WINDOW_MS);
    await requestLink(t, BERTINE, '10.0.0.1');
    expect(await outbox(t, 'staff-login')).toHaveLength(STAFF_LINKS_PER_REQUESTER + 2);
  });

  it(`mails at most ${STAFF_LINKS_PER_ADDRESS} links to one address in ${STAFF_LINKS_PER_ADDRESS_WINDOW_MS / 60_000} minutes whoever asks, counting only mailed links`, async () => {
    const time = clock('2025-03-03T09:00:00Z');
    t = await startTestApp({ now: time.now });
    for (let i = 0; i < STAFF_LINKS_PER_ADDRESS + 3; i += 1) await requestLink(t, BERTINE, `10.0.1.${i}`);
    expect(await outbox(t, 'staff-login')).toHaveLength(STAFF_LINKS_PER_ADDRESS);
    // The refused requests did not move the window on: once it has passed since the mailed ones, links go out.
    time.advance(STAFF_LINKS_PER_ADDRESS_WINDOW_MS);
    await requestLink(t, BERTINE, '10.0.2.1');
    expect(await outbox(t, 'staff-login')).toHaveLength(STAFF_LINKS_PER_ADDRESS + 1);
  });

  it(`rate-limits login requests at ${STAFF_LOGIN_RATE_LIMIT} per address`, async () => {
    t = await startTestApp();
    for (let i = 0; i < STAFF_LOGIN_RATE_LIMIT; i += 1) {
      expect((await requestLink(t, `x${i}@example.org`, '10.1.1.1')).statusCode).toBe(202);
    }
    const refused = await requestLink(t, 'y@example.org', '10.1.1.1');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('rate_limited');
    expect((await requestLink(t, 'y@example.org', '10.1.1.2')).statusCode).toBe(202);
  });

  it('refuses a malformed address with 400 in the error shape', async () => {
    t = await startTestApp();
    const response = await requestLink(t, 'geen-adres');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toHaveProperty('email');
    const empty = await t.app.inject({ method: 'POST', url: '/api/staff/sessions', payload: {} });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.fields).toHaveProperty('token');
    // A token at the length limit is looked up (and unknown); one character more is not.
    expect((await redeem(t, 'a'.repeat(MAX_LOGIN_TOKEN_LENGTH))).statusCode).toBe(401);
    const long = await redeem(t, 'a'.repeat(MAX_LOGIN_TOKEN_LENGTH + 1));
    expect(long.statusCode).toBe(400);
    expect(long.json().error.fields).toHaveProperty('token');
  });

  it('leaves no usable link in the outbox once the mail is sent or the link expired', async () => {
    const time = clock('2025-03-03T09:00:00Z');
    t = await startTestApp({ now: time.now });
    await requestLink(t, BERTINE);
    await t.context.mailWorker.sendDue();
    await runMaintenance(t.context);
    // A mail the server could not deliver in time keeps its row, but not its link.
    await requestLink(t, ELMAR);
    time.advance(STAFF_LOGIN_LINK_TTL_MS);
    await runMaintenance(t.context);
    const rows = await outbox(t, 'staff-login');
    for (const row of rows) {
      expect(row.text_body).not.toContain('/staff/login#');
      expect(row.html_body).not.toContain('/staff/login#');
    }
    expect(rows.map((row) => row.text_body).join()).toMatch(/verlopen/);
  });
});

describe('session cookie', () => {
  it('is httpOnly and SameSite=Strict, without Secure over http', async () => {
    t = await startTestApp();
    await requestLink(t, BERTINE);
    const response = await redeem(t, await latestLoginToken(t, BERTINE));
    const header = String(response.headers['set-cookie']);
    expect(header).toMatch(/^klikvrij-staff=/);
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Strict/);
    expect(header).not.toMatch(/Secure/);
  });

  it('is Secure with the __Host- prefix when PUBLIC_URL is https', async () => {
    t = await startTestApp({ env: { PUBLIC_URL: 'https://klikvrij.example.nl' } });
    await requestLink(t, BERTINE);
    const response = await redeem(t, await latestLoginToken(t, BERTINE));
    const header = String(response.headers['set-cookie']);
    expect(header).toMatch(/^__Host-klikvrij-staff=/);
    expect(header).toMatch(/Secure/);
    expect(header).toMatch(/Path=\//);
    const me = await t.app.inject({ method: 'GET', url: '/api/staff/me', headers: { cookie: cookieOf(response.headers['set-cookie']) } });
    expect(me.statusCode).toBe(200);
  });
});

describe('session lifetime', () => {
  it('ends after 30 idle minutes; each request keeps it alive', async () => {
    const time = clock('2025-03-03T09:00:00Z');
    t = await startTestApp({ now: time.now });
    const session = await loginAs(t, BERTINE);
    time.advance(STAFF_SESSION_IDLE_MS - 60_000);
    expect((await asStaff(t, session, 'GET', '/api/staff/me')).statusCode).toBe(200);
    time.advance(STAFF_SESSION_IDLE_MS - 60_000);
    expect((await asStaff(t, session, 'GET', '/api/staff/me')).statusCode).toBe(200);
    time.advance(STAFF_SESSION_IDLE_MS + 1000);
    const expired = await asStaff(t, session, 'GET', '/api/staff/me');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.message).toMatch(/uitgelogd/);
    // Gone for good, not only refused once.
    time.advance(-STAFF_SESSION_IDLE_MS);
    expect((await asStaff(t, session, 'GET', '/api/staff/me')).statusCode).toBe(401);
  });

  it(`ends ${STAFF_SESSION_MAX_AGE_MS / 3_600_000} hours after login even when used`, async () => {
    const time = clock('2025-03-03T07:00:00Z');
    t = await startTestApp({ now: time.now });
    const session = await loginAs(t, BERTINE);
    const loggedInAt = time.now().getTime();
    while (time.now().getTime() + STAFF_SESSION_IDLE_MS / 2 < loggedInAt + STAFF_SESSION_MAX_AGE_MS) {
      time.advance(STAFF_SESSION_IDLE_MS / 2);
      expect((await asStaff(t, session, 'GET', '/api/staff/me')).statusCode).toBe(200);
    }
    time.set(new Date(loggedInAt + STAFF_SESSION_MAX_AGE_MS - 1000).toISOString());
    expect((await asStaff(t, session, 'GET', '/api/staff/me')).statusCode).toBe(200);
    time.advance(2000);
    expect((await asStaff(t, session, 'GET', '/api/staff/me')).statusCode).toBe(401);
  });

  it('logs out this session only', async () => {
    t = await startTestApp();
    const laptop = await loginAs(t, BERTINE);
    const tablet = await loginAs(t, BERTINE);
    const response = await asStaff(t, laptop, 'POST', '/api/staff/logout');
    expect(response.statusCode).toBe(200);
    expect(String(response.headers['set-cookie'])).toMatch(/klikvrij-staff=;/);
    expect((await asStaff(t, laptop, 'GET', '/api/staff/me')).statusCode).toBe(401);
    expect((await asStaff(t, tablet, 'GET', '/api/staff/me')).statusCode).toBe(200);
  });

  it('logs out everywhere: every session of this person, not those of colleagues', async () => {
    t = await startTestApp();
    const laptop = await loginAs(t, BERTINE);
    const tablet = await loginAs(t, BERTINE);
    const colleague = await loginAs(t, ELMAR);
    const response = await asStaff(t, tablet, 'POST', '/api/staff/logout-everywhere');
    expect(response.statusCode).toBe(200);
    expect(response.json().ended).toBe(2);
    expect((await asStaff(t, laptop, 'GET', '/api/staff/me')).statusCode).toBe(401);
    expect((await asStaff(t, tablet, 'GET', '/api/staff/me')).statusCode).toBe(401);
    expect((await asStaff(t, colleague, 'GET', '/api/staff/me')).statusCode).toBe(200);
  });
});

describe('CSRF', () => {
  it('refuses a state change without the token, or with another session\'s token', async () => {
    t = await startTestApp();
    const session = await loginAs(t, BERTINE);
    const other = await loginAs(t, ELMAR);
    const without = await t.app.inject({ method: 'POST', url: '/api/staff/logout', headers: { cookie: session.cookie } });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('csrf');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/staff/logout',
      headers: { cookie: session.cookie, 'x-csrf-token': other.csrf },
    });
    expect(wrong.statusCode).toBe(403);
    // Still logged in: the refused request changed nothing.
    expect((await asStaff(t, session, 'GET', '/api/staff/me')).statusCode).toBe(200);
  });
});

describe('several schools', () => {
  it('lets a contact of two schools choose the school, and refuses one that is not theirs', async () => {
    const dataDir = await makeDataDir();
    t = await startTestApp({ dataDir, env: { SCHOOLS_FILE: await writeSchoolsFile(dataDir) } });
    const lotte = await loginAs(t, 'lotte.bos@vivente.nu');
    expect(lotte.me.school.slug).toBe('kopakker');
    expect(lotte.me.schools.map((school) => school.slug)).toEqual(['kopakker', 'de-linde']);
    const switched = await asStaff(t, lotte, 'POST', '/api/staff/school', { school: 'de-linde' });
    expect(switched.statusCode).toBe(200);
    expect(switched.json().school.slug).toBe('de-linde');

    const linde = await loginAs(t, 'mees.jansen@linde.nl', 'kopakker');
    expect(linde.me.school.slug).toBe('de-linde');
    const refused = await asStaff(t, linde, 'POST', '/api/staff/school', { school: 'kopakker' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('forbidden');
  });
});
