import { findSchoolRow, updateSchool } from '../db/queries/schools.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OIDC_MFA_ACR, providerUsedMfa, verifiedEmail } from '../server/staff-auth/oidc-claims.js';
import { totp } from '../server/staff-auth/totp.js';
import { base32Decode } from './helpers/authenticator.js';
import { signInAtProvider, type ProviderLogin } from './helpers/oidc-flow.js';
import { startOidcProvider, type TestOidcProvider } from './helpers/oidc-provider.js';
import { makeDataDir, startTestApp, type TestApp } from './helpers/test-app.js';
import { loadConfig } from '../server/config.js';
import { asStaff, BERTINE, clock, cookieOf, loginAs, outbox, requestLink, TWO_SCHOOLS, writeSchoolsFile, type StaffSession } from './helpers/staff.js';

// Sign-in through a real OpenID Provider (oidc-provider on 127.0.0.1, its own RSA key): the app's
// routes against the provider's real authorization, token and key endpoints.

const PUBLIC_URL = 'http://localhost:3999';
const REDIRECT_URI = `${PUBLIC_URL}/staff/oidc/callback`;

const ACCOUNTS = {
  bertine: { email: BERTINE, email_verified: true, name: 'Bertine Pas' },
  lotte: { email: 'lotte.bos@vivente.nu', email_verified: true },
  unverified: { email: BERTINE, email_verified: false },
  stranger: { email: 'iemand@elders.nl', email_verified: true },
};

let op: TestOidcProvider;
let t: TestApp | undefined;

beforeAll(async () => {
  op = await startOidcProvider({ redirectUri: REDIRECT_URI, accounts: ACCOUNTS, idTokenTtl: 60 });
});
afterAll(async () => {
  await op?.close();
});
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function app(env: Record<string, string> = {}, now?: () => Date): Promise<TestApp> {
  t = await startTestApp({ env: { PUBLIC_URL, ...op.env, ...env }, ...(now ? { now } : {}) });
  return t;
}

interface Started {
  authorizationUrl: string;
  /** The transaction cookie (name=value). */
  cookie: string;
}

async function start(app: TestApp): Promise<Started> {
  const response = await app.app.inject({ method: 'GET', url: '/staff/oidc/start' });
  expect(response.statusCode).toBe(303);
  const setCookie = response.headers['set-cookie'];
  expect(String(setCookie)).toMatch(/HttpOnly/);
  expect(String(setCookie)).toMatch(/SameSite=Lax/);
  return { authorizationUrl: response.headers.location as string, cookie: cookieOf(setCookie) };
}

function callback(app: TestApp, url: URL, cookie: string | undefined) {
  return app.app.inject({ method: 'GET', url: url.pathname + url.search, headers: cookie ? { cookie } : {} });
}

/** The whole sign-in; returns the callback's answer. */
async function signIn(app: TestApp, account: ProviderLogin) {
  const started = await start(app);
  const back = await signInAtProvider(started.authorizationUrl, REDIRECT_URI, account);
  return { response: await callback(app, back, started.cookie), back, started };
}

function sessionCookie(response: { headers: Record<string, unknown> }): string | undefined {
  const cookies = ([] as string[]).concat((response.headers['set-cookie'] as string | string[] | undefined) ?? []);
  const line = cookies.find((cookie) => cookie.startsWith('klikvrij-staff='));
  return line?.split(';')[0];
}

async function me(app: TestApp, cookie: string) {
  return app.app.inject({ method: 'GET', url: '/api/staff/me', headers: { cookie } });
}

function expectRefused(response: { statusCode: number; headers: Record<string, unknown> }, code: string) {
  expect(response.statusCode).toBe(303);
  expect(response.headers.location).toBe(`/staff?inlogfout=${code}`);
  expect(sessionCookie(response)).toBeUndefined();
}

describe('sign-in through the school provider', () => {
  it('opens the same session a login link opens, with PKCE, state and nonce on the way', async () => {
    const a = await app();
    const { response, started } = await signIn(a, { login: 'bertine' });
    const authorization = new URL(started.authorizationUrl);
    expect(authorization.origin).toBe(op.issuer);
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorization.searchParams.get('state')).toBeTruthy();
    expect(authorization.searchParams.get('nonce')).toBeTruthy();
    expect(authorization.searchParams.get('redirect_uri')).toBe(REDIRECT_URI);

    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/staff');
    const setCookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
    expect(setCookie.find((line) => line.startsWith('klikvrij-staff='))).toMatch(/HttpOnly; SameSite=Strict/);
    // The transaction cookie is cleared.
    expect(setCookie.find((line) => line.startsWith('klikvrij-oidc='))).toMatch(/Expires=Thu, 01 Jan 1970/);

    const cookie = sessionCookie(response)!;
    const answer = await me(a, cookie);
    expect(answer.statusCode).toBe(200);
    const body = answer.json() as StaffSession['me'] & { csrfToken: string };
    expect(body).toMatchObject({ email: 'bertine.pas@vivente.nu', school: { slug: 'kopakker' } });

    // CSRF and log out everywhere as after a link.
    const session: StaffSession = { cookie, csrf: body.csrfToken, me: body };
    expect((await a.app.inject({ method: 'POST', url: '/api/staff/logout-everywhere', headers: { cookie } })).statusCode).toBe(403);
    expect((await asStaff(a, session, 'POST', '/api/staff/logout-everywhere', {})).statusCode).toBe(200);
    expect((await me(a, cookie)).statusCode).toBe(401);

    const audit = await a.context.db.selectFrom('audit_log').select(['action', 'detail']).where('action', '=', 'login').execute();
    expect(audit).toEqual([{ action: 'login', detail: 'OpenID Connect' }]);
    expect(await a.context.db.selectFrom('oidc_transaction').selectAll().execute()).toEqual([]);
  });

  it('lets a person of two schools into the first and lets them switch, as after a link', async () => {
    const folder = await makeDataDir();
    const schoolsFile = await writeSchoolsFile(folder, TWO_SCHOOLS);
    t = await startTestApp({ dataDir: folder, env: { PUBLIC_URL, ...op.env, SCHOOLS_FILE: schoolsFile } });
    const { response } = await signIn(t, { login: 'lotte' });
    const answer = await me(t, sessionCookie(response)!);
    const body = answer.json() as StaffSession['me'] & { csrfToken: string };
    expect(body.school.slug).toBe('kopakker');
    expect(body.schools.map((school) => school.slug)).toEqual(['kopakker', 'de-linde']);
    const session: StaffSession = { cookie: sessionCookie(response)!, csrf: body.csrfToken, me: body };
    const switched = await asStaff(t, session, 'POST', '/api/staff/school', { school: 'de-linde' });
    expect(switched.json()).toMatchObject({ school: { slug: 'de-linde' } });
  });

  it('refuses an account whose address is not verified, and one not in any contact table', async () => {
    const a = await app();
    expectRefused((await signIn(a, { login: 'unverified' })).response, 'unverified');
    expectRefused((await signIn(a, { login: 'stranger' })).response, 'unknown');
    expect(await a.context.db.selectFrom('staff_session').selectAll().execute()).toEqual([]);
  });

  it('refuses a callback whose state does not match, and keeps the code out of the log', async () => {
    const a = await app();
    const started = await start(a);
    const back = await signInAtProvider(started.authorizationUrl, REDIRECT_URI, { login: 'bertine' });
    const forged = new URL(back);
    forged.searchParams.set('state', 'another-state');
    expectRefused(await callback(a, forged, started.cookie), 'retry');
    const log = a.logOutput();
    expect(log).toContain('OAUTH_INVALID_RESPONSE');
    expect(log).not.toContain(back.searchParams.get('code')!);
    expect(log).not.toContain(op.clientSecret);
  });

  it('refuses a replayed callback, with or without the cookie, and a callback from another browser', async () => {
    const a = await app();
    const { response, back, started } = await signIn(a, { login: 'bertine' });
    expect(sessionCookie(response)).toBeDefined();
    expectRefused(await callback(a, back, started.cookie), 'retry');
    expectRefused(await callback(a, back, undefined), 'retry');

    // A callback of someone else's sign-in (login CSRF) finds no transaction in this browser.
    const mine = await start(a);
    const theirs = await start(a);
    const theirBack = await signInAtProvider(theirs.authorizationUrl, REDIRECT_URI, { login: 'bertine' });
    expectRefused(await callback(a, theirBack, mine.cookie), 'retry');
    expect(await a.context.db.selectFrom('staff_session').selectAll().execute()).toHaveLength(1);
    expect(a.logOutput()).toContain('transaction_used_or_expired');
  });

  /** Signs in at the provider, then lets the app's clock run on before the callback arrives. */
  async function callbackAfter(ms: number) {
    const time = clock(new Date().toISOString());
    const a = await app({}, time.now);
    const started = await start(a);
    const back = await signInAtProvider(started.authorizationUrl, REDIRECT_URI, { login: 'bertine' });
    time.advance(ms);
    return { a, response: await callback(a, back, started.cookie) };
  }

  it('refuses an ID token that has expired by the time it is checked', async () => {
    // Five minutes on: the 60-second ID token (plus 30 s tolerance) is over, the 10-minute transaction is not.
    const { a, response } = await callbackAfter(5 * 60_000);
    expectRefused(response, 'retry');
    expect(a.logOutput()).toContain('OAUTH_JWT_TIMESTAMP_CHECK_FAILED');
  });

  it('refuses a transaction older than ten minutes', async () => {
    const { a, response } = await callbackAfter(10 * 60_000 + 1);
    expectRefused(response, 'retry');
    expect(a.logOutput()).toContain('transaction_used_or_expired');
  });

  it('says so when the client secret is wrong, and never logs the secret', async () => {
    const a = await app({ OIDC_CLIENT_SECRET: 'not-the-secret' });
    expectRefused((await signIn(a, { login: 'bertine' })).response, 'settings');
    const log = a.logOutput();
    expect(log).toContain('invalid_client');
    expect(log).not.toContain('not-the-secret');
  });

  it('says so when the provider is down, and signs in once it is back', async () => {
    const a = await app();
    await op.stop();
    try {
      const response = await a.app.inject({ method: 'GET', url: '/staff/oidc/start' });
      expectRefused(response, 'unavailable');
    } finally {
      await op.restart();
    }
    const { response } = await signIn(a, { login: 'bertine' });
    expect(response.headers.location).toBe('/staff');
  });

  it('answers "not set up" without OIDC_ISSUER, and the staff page is told there is no button', async () => {
    t = await startTestApp({ env: { PUBLIC_URL } });
    expectRefused(await t.app.inject({ method: 'GET', url: '/staff/oidc/start' }), 'off');
    expect((await t.app.inject({ method: 'GET', url: '/api/staff/login-options' })).json()).toEqual({ oidc: false });
    await t.close();
    t = await app();
    expect((await t.app.inject({ method: 'GET', url: '/api/staff/login-options' })).json()).toEqual({ oidc: true });
  });
});

describe('MFA at the provider and the portal TOTP step', () => {
  const SCHOOL_REQUIRES_TOTP = {
    ...TWO_SCHOOLS,
    schools: TWO_SCHOOLS.schools.map((school) => ({ ...school, requireTotp: true })),
  };

  async function requireTotpApp(): Promise<TestApp> {
    const folder = await makeDataDir();
    const schoolsFile = await writeSchoolsFile(folder, SCHOOL_REQUIRES_TOTP);
    t = await startTestApp({ dataDir: folder, env: { PUBLIC_URL, ...op.env, SCHOOLS_FILE: schoolsFile } });
    return t;
  }

  it('skips the school-required TOTP set-up when amr says mfa, and not otherwise', async () => {
    const a = await requireTotpApp();
    const withoutMfa = await signIn(a, { login: 'bertine' });
    const pending = await me(a, sessionCookie(withoutMfa.response)!);
    expect(pending.statusCode).toBe(403);
    expect(pending.json()).toMatchObject({ error: { code: 'totp_setup_required' } });

    const withMfa = await signIn(a, { login: 'bertine', mfa: true });
    expect((await me(a, sessionCookie(withMfa.response)!)).statusCode).toBe(200);
    const audit = await a.context.db.selectFrom('audit_log').select('detail').where('action', '=', 'login').orderBy('id').execute();
    expect(audit.map((row) => row.detail)).toEqual(['OpenID Connect', 'OpenID Connect, MFA bij de aanbieder']);
  });

  it('asks someone with TOTP on for the code after a sign-in without MFA, and not after one with MFA', async () => {
    const a = await app();
    const first = await signIn(a, { login: 'bertine', mfa: true });
    const cookie = sessionCookie(first.response)!;
    const csrf = ((await me(a, cookie)).json() as { csrfToken: string }).csrfToken;
    const session: StaffSession = { cookie, csrf, me: {} as StaffSession['me'] };
    const setup = await asStaff(a, session, 'POST', '/api/staff/second-factor/setup', {});
    const { secret } = setup.json() as { secret: string };
    const enable = await asStaff(a, session, 'POST', '/api/staff/second-factor/enable', { code: totp(base32Decode(secret), new Date()) });
    expect(enable.statusCode).toBe(200);

    const withoutMfa = await signIn(a, { login: 'bertine' });
    const owed = await me(a, sessionCookie(withoutMfa.response)!);
    expect(owed.statusCode).toBe(401);
    expect(owed.json()).toMatchObject({ error: { code: 'second_factor_required' } });

    const withMfa = await signIn(a, { login: 'bertine', mfa: true });
    expect((await me(a, sessionCookie(withMfa.response)!)).statusCode).toBe(200);
  });
});

describe('which claims name a verified address', () => {
  const ENTRA = 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0';
  const rules = (issuer: string, trustEmail = false) => ({ issuer, trustEmail, mfaAcrValues: DEFAULT_OIDC_MFA_ACR });

  it('takes email with email_verified true from any provider, and nothing else from a generic one', () => {
    const google = rules('https://accounts.google.com');
    expect(verifiedEmail({ email: 'Juf.An@School.nl', email_verified: true }, google)).toBe('juf.an@school.nl');
    expect(verifiedEmail({ email: 'juf.an@school.nl', email_verified: false }, google)).toBeUndefined();
    expect(verifiedEmail({ email: 'juf.an@school.nl', email_verified: 'true' }, google)).toBeUndefined();
    expect(verifiedEmail({ preferred_username: 'juf.an@school.nl' }, google)).toBeUndefined();
    expect(verifiedEmail({ email: 'geen adres', email_verified: true }, google)).toBeUndefined();
  });

  it('takes email as it comes only when the operator says the provider passes on the school directory (Entree)', () => {
    expect(verifiedEmail({ email: 'juf.an@school.nl' }, rules('https://connect.entree.kennisnet.nl', true))).toBe('juf.an@school.nl');
    expect(verifiedEmail({ email: 'juf.an@school.nl' }, rules('https://connect.entree.kennisnet.nl'))).toBeUndefined();
  });

  it('takes from Entra ID email with xms_edov, or the UPN of a member of the tenant, never of a guest', () => {
    const entra = rules(ENTRA);
    expect(verifiedEmail({ email: 'juf.an@school.nl', xms_edov: true }, entra)).toBe('juf.an@school.nl');
    expect(verifiedEmail({ iss: ENTRA, preferred_username: 'Juf.An@school.nl' }, entra)).toBe('juf.an@school.nl');
    expect(verifiedEmail({ iss: ENTRA, idp: ENTRA, preferred_username: 'juf.an@school.nl' }, entra)).toBe('juf.an@school.nl');
    expect(verifiedEmail({ iss: ENTRA, idp: 'https://sts.windows.net/other-tenant/', preferred_username: 'gast@elders.nl' }, entra)).toBeUndefined();
    expect(verifiedEmail({ iss: ENTRA, idp: 'live.com', email: 'gast@outlook.com', preferred_username: 'gast@outlook.com' }, entra)).toBeUndefined();
    // A multi-tenant issuer is not a tenant that vouches for its members.
    expect(verifiedEmail({ preferred_username: 'juf.an@school.nl' }, rules('https://login.microsoftonline.com/common/v2.0'))).toBeUndefined();
  });

  it('counts mfa in amr and the REFEDS MFA acr as MFA, a password alone not', () => {
    const generic = rules('https://accounts.google.com');
    expect(providerUsedMfa({ amr: ['pwd', 'mfa'] }, generic)).toBe(true);
    expect(providerUsedMfa({ acr: 'https://refeds.org/profile/mfa' }, generic)).toBe(true);
    expect(providerUsedMfa({ amr: ['pwd'] }, generic)).toBe(false);
    expect(providerUsedMfa({ acr: '1' }, generic)).toBe(false);
    expect(providerUsedMfa({ amr: 'mfa' }, generic)).toBe(false);
  });
});

describe('a school that switches login links off', () => {
  const LINDE_WITHOUT_LINKS = {
    ...TWO_SCHOOLS,
    schools: TWO_SCHOOLS.schools.map((school) => (school.slug === 'de-linde' ? { ...school, loginLink: false } : school)),
  };

  it('is refused at start without a provider to sign in with instead', async () => {
    const folder = await makeDataDir();
    const schoolsFile = await writeSchoolsFile(folder, LINDE_WITHOUT_LINKS);
    expect(() => loadConfig({ DATA_DIR: folder, SCHOOLS_FILE: schoolsFile })).toThrow(/de-linde has loginLink false, but OIDC_ISSUER is not set/);
    expect(() => loadConfig({ DATA_DIR: folder, OIDC_ISSUER: op.issuer })).toThrow(/OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: needed together/);
  });

  it('is refused at start with a Microsoft issuer that is not the school\'s own tenant, or with OIDC_TRUST_EMAIL', async () => {
    const folder = await makeDataDir();
    const entra = (issuer: string) => () => loadConfig({ DATA_DIR: folder, OIDC_ISSUER: issuer, OIDC_CLIENT_ID: 'klikvrij', OIDC_CLIENT_SECRET: 'geheim' });
    for (const tenant of ['common', 'organizations', 'consumers', '{tenantid}']) {
      expect(entra(`https://login.microsoftonline.com/${tenant}/v2.0`)).toThrow(/OIDC_ISSUER: a Microsoft Entra ID issuer must name the school's own tenant/);
    }
    expect(entra('https://login.microsoft.com/common/v2.0')).toThrow(/OIDC_ISSUER: a Microsoft Entra ID issuer/);
    expect(entra('https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/')).toThrow(/OIDC_ISSUER: a Microsoft Entra ID issuer/);
    const trusting = () =>
      loadConfig({ DATA_DIR: folder, OIDC_ISSUER: 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0', OIDC_CLIENT_ID: 'klikvrij', OIDC_CLIENT_SECRET: 'geheim', OIDC_TRUST_EMAIL: 'true' });
    expect(trusting).toThrow(/OIDC_TRUST_EMAIL: not with Microsoft Entra ID: its email claim is not verified/);
    expect(entra('https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0')().oidc?.issuer).toBe(
      'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0',
    );
  });

  it('mails no link for it, opens no link session there, and ends link sessions opened before', async () => {
    const folder = await makeDataDir();
    const env = { PUBLIC_URL, ...op.env, SCHOOLS_FILE: await writeSchoolsFile(folder, TWO_SCHOOLS) };
    t = await startTestApp({ dataDir: folder, env });
    // Before the switch: Anouk (De Linde only) logs in by link.
    const before = await loginAs(t, 'anouk.smit@linde.nl');

    // The board switches links off for De Linde (schools live in the database; no restart needed).
    const linde = (await findSchoolRow(t.context.db, 'de-linde'))!;
    await updateSchool(t.context.db, 'de-linde', {
      name: linde.name,
      full_notification_mail: linde.full_notification_mail,
      require_totp: linde.require_totp,
      retention_months: linde.retention_months,
      holiday_region: linde.holiday_region,
      login_link: 0,
    });
    const ended = await me(t, before.cookie);
    expect(ended.statusCode).toBe(401);
    expect(ended.json()).toMatchObject({ error: { message: 'Bij deze school log je in met je schoolaccount, niet met een inloglink.' } });

    // The same answer as for any address, and no mail.
    const mailsBefore = (await outbox(t, 'staff-login')).length;
    expect((await requestLink(t, 'anouk.smit@linde.nl', '10.9.0.1')).statusCode).toBe(202);
    expect(await outbox(t, 'staff-login')).toHaveLength(mailsBefore);

    // Lotte is in both schools: her link names and opens only the Kopakker, and switching is refused.
    const lotte = await loginAs(t, 'lotte.bos@vivente.nu', 'de-linde');
    expect(lotte.me.school.slug).toBe('kopakker');
    const mail = (await outbox(t, 'staff-login')).at(-1);
    expect(mail!.text_body).toContain('CBS de Kopakker');
    expect(mail!.text_body).not.toContain('De Linde');
    const switched = await asStaff(t, lotte, 'POST', '/api/staff/school', { school: 'de-linde' });
    expect(switched.statusCode).toBe(403);

    // Through the provider Lotte reaches De Linde as before.
    const { response } = await signIn(t, { login: 'lotte' });
    const cookie = sessionCookie(response)!;
    const csrf = ((await me(t, cookie)).json() as { csrfToken: string }).csrfToken;
    const viaProvider = await asStaff(t, { cookie, csrf, me: lotte.me }, 'POST', '/api/staff/school', { school: 'de-linde' });
    expect(viaProvider.json()).toMatchObject({ school: { slug: 'de-linde' } });
  });
});
