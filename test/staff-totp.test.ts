import { stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import {
  STAFF_FRESH_LOGIN_MS,
  STAFF_TOTP_MAX_FAILURES,
  TOTP_RECOVERY_CODE_LENGTH,
  TOTP_RECOVERY_CODES,
  TOTP_STEP_SECONDS,
} from '../server/shared/limits.js';
import { base32Encode, groupSecret, hotp, matchTotp, otpauthUri, timeStep, totp } from '../server/staff-auth/totp.js';
import { base32Decode } from './helpers/authenticator.js';
import { readQrCode } from './helpers/qr-code.js';
import { databaseFiles, makeDataDir, startTestApp, type TestApp } from './helpers/test-app.js';
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
  TWO_SCHOOLS,
  writeSchoolsFile,
  type StaffSession,
} from './helpers/staff.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const STEP_MS = TOTP_STEP_SECONDS * 1000;

describe('TOTP (RFC 6238)', () => {
  // Appendix B, SHA1 rows; the seed is the ASCII string "12345678901234567890".
  const seed = Buffer.from('12345678901234567890', 'ascii');
  const vectors: Array<[number, string]> = [
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
  ];

  it.each(vectors)('at %i seconds gives %s (8 digits) and its last six digits (6 digits)', (seconds, expected) => {
    const at = new Date(seconds * 1000);
    expect(totp(seed, at, 8)).toBe(expected);
    expect(totp(seed, at)).toBe(expected.slice(-6));
    expect(hotp(seed, Math.floor(seconds / 30), 8)).toBe(expected);
  });

  it('accepts one step either way, refuses two, and never a used step again', () => {
    const at = new Date(1111111111 * 1000);
    const step = timeStep(at);
    expect(matchTotp(seed, totp(seed, at), at, null)).toBe(step);
    expect(matchTotp(seed, totp(seed, new Date(at.getTime() - STEP_MS)), at, null)).toBe(step - 1);
    expect(matchTotp(seed, totp(seed, new Date(at.getTime() + STEP_MS)), at, null)).toBe(step + 1);
    expect(matchTotp(seed, totp(seed, new Date(at.getTime() - 2 * STEP_MS)), at, null)).toBeNull();
    expect(matchTotp(seed, totp(seed, new Date(at.getTime() + 2 * STEP_MS)), at, null)).toBeNull();
    expect(matchTotp(seed, totp(seed, at), at, step)).toBeNull();
    expect(matchTotp(seed, totp(seed, new Date(at.getTime() - STEP_MS)), at, step - 1)).toBeNull();
    expect(matchTotp(seed, ` ${totp(seed, at).slice(0, 3)} ${totp(seed, at).slice(3)} `, at, null)).toBe(step);
    expect(matchTotp(seed, 'abcdef', at, null)).toBeNull();
    expect(matchTotp(seed, '', at, null)).toBeNull();
  });

  it('encodes base32 as RFC 4648 and builds the otpauth URI', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Encode(seed)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode('gezd gnbv gy3t qojq gezd gnbv gy3t qojq')).toEqual(seed);
    expect(groupSecret('GEZDGNBVGY3TQOJQ')).toBe('GEZD GNBV GY3T QOJQ');
    expect(otpauthUri('GEZDGNBV', 'bertine.pas@vivente.nu')).toBe(
      'otpauth://totp/klikvrij:bertine.pas@vivente.nu?secret=GEZDGNBV&issuer=klikvrij',
    );
  });
});

let nextAddress = 0;
function address(): string {
  nextAddress += 1;
  return `10.77.${nextAddress >> 8}.${nextAddress & 255}`;
}

/** Logs in by link and returns the session whatever its stage. */
async function loginByLink(app: TestApp, email: string) {
  const remoteAddress = address();
  expect((await requestLink(app, email, remoteAddress)).statusCode).toBe(202);
  const response = await redeem(app, await latestLoginToken(app, email), undefined, remoteAddress);
  expect(response.statusCode).toBe(201);
  const body = response.json();
  const session: StaffSession = { cookie: cookieOf(response.headers['set-cookie']), csrf: body.csrfToken, me: body };
  return { session, body };
}

function codeAt(secret: string, at: Date): string {
  return totp(base32Decode(secret), at);
}

async function turnOn(app: TestApp, session: StaffSession, now: () => Date): Promise<string> {
  const setup = await asStaff(app, session, 'POST', '/api/staff/second-factor/setup', {});
  expect(setup.statusCode).toBe(200);
  const { secret } = setup.json() as { secret: string };
  const enable = await asStaff(app, session, 'POST', '/api/staff/second-factor/enable', { code: codeAt(secret, now()) });
  expect(enable.statusCode).toBe(200);
  return secret;
}

describe('turning TOTP on and off', () => {
  it('shows a 20-byte secret, and turns it on only with a valid current code', async () => {
    const time = clock('2025-03-03T09:00:00Z');
    t = await startTestApp({ now: time.now });
    const bertine = await loginAs(t, BERTINE);

    const setup = await asStaff(t, bertine, 'POST', '/api/staff/second-factor/setup', {});
    expect(setup.statusCode).toBe(200);
    const { secret, secretGroups, uri } = setup.json() as { secret: string; secretGroups: string; uri: string };
    expect(base32Decode(secret)).toHaveLength(20);
    expect(secretGroups.replace(/ /g, '')).toBe(secret);
    expect(secretGroups).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{4}$/);
    expect(uri).toBe(`otpauth://totp/klikvrij:bertine.pas@vivente.nu?secret=${secret}&issuer=klikvrij`);

    // Not on before a code: a new login needs none.
    expect((await asStaff(t, bertine, 'GET', '/api/staff/second-factor')).json()).toMatchObject({ stage: 'full', enabled: false });
    expect((await loginByLink(t, BERTINE)).body.name).toBe('Bertine Pas');

    const stale = codeAt(secret, new Date(time.now().getTime() - 3 * STEP_MS));
    const wrong = await asStaff(t, bertine, 'POST', '/api/staff/second-factor/enable', { code: stale });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({ code: 'invalid_input', fields: { code: expect.stringMatching(/klopt niet/) } });
    const malformed = await asStaff(t, bertine, 'POST', '/api/staff/second-factor/enable', { code: '12ab' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.fields.code).toMatch(/6 cijfers/);

    const ok = await asStaff(t, bertine, 'POST', '/api/staff/second-factor/enable', { code: codeAt(secret, time.now()) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ stage: 'full', enabled: true, required: false });
    // On is on: a second setup cannot replace the secret.
    expect((await asStaff(t, bertine, 'POST', '/api/staff/second-factor/setup', {})).statusCode).toBe(409);
    const audit = await t.context.db.selectFrom('audit_log').select('action').where('action', 'like', 'totp.%').execute();
    expect(audit.map((row) => row.action)).toEqual(['totp.enable']);
  });

  it('ends the other sessions of the person when turned on', async () => {
    const time = clock('2025-03-03T09:00:00Z');
    t = await startTestApp({ now: time.now });
    const laptop = await loginAs(t, BERTINE);
    const phone = await loginAs(t, BERTINE);
    await turnOn(t, laptop, time.now);
    expect((await asStaff(t, laptop, 'GET', '/api/staff/me')).statusCode).toBe(200);
    expect((await asStaff(t, phone, 'GET', '/api/staff/me')).statusCode).toBe(401);
  });

  it('turns off only with a valid, unused code', async () => {
    const time = clock('2025-03-03T09:00:00Z');
    t = await startTestApp({ now: time.now });
    const bertine = await loginAs(t, BERTINE);
    const secret = await turnOn(t, bertine, time.now);
    // The code that turned it on is used up.
    const replay = await asStaff(t, bertine, 'POST', '/api/staff/second-factor/disable', { code: codeAt(secret, time.now()) });
    expect(replay.statusCode).toBe(400);
    time.advance(STEP_MS);
    const off = await asStaff(t, bertine, 'POST', '/api/staff/second-factor/disable', { code: codeAt(secret, time.now()) });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ enabled: false });
    expect(await t.context.db.selectFrom('staff_totp').selectAll().execute()).toEqual([]);
    expect((await loginByLink(t, BERTINE)).body.name).toBe('Bertine Pas');
  });

  it('stores the secret encrypted: its base32 and raw bytes appear nowhere in the data folder but the key file', async () => {
    const time = clock('2025-03-03T09:00:00Z');
    const dataDir = await makeDataDir();
    t = await startTestApp({ now: time.now, dataDir });
    const bertine = await loginAs(t, BERTINE);
    const secret = await turnOn(t, bertine, time.now);
    const raw = base32Decode(secret);
    const row = await t.context.db.selectFrom('staff_totp').selectAll().executeTakeFirstOrThrow();
    expect(row.secret_sealed).toMatch(/^v1:/);
    expect(row.secret_sealed).not.toContain(secret);
    await t.close();
    t = undefined;

    const keyFile = path.join(dataDir, 'totp-key');
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    for (const { name, bytes } of await databaseFiles(dataDir)) {
      expect(bytes.includes(Buffer.from(secret)), name).toBe(false);
      expect(bytes.includes(Buffer.from(secret.toLowerCase())), name).toBe(false);
      expect(bytes.includes(raw), name).toBe(false);
      expect(bytes.includes(Buffer.from(raw.toString('base64'))), name).toBe(false);
    }

    // The same key after a restart: the secret still works.
    t = await startTestApp({ now: time.now, dataDir });
    time.advance(STEP_MS);
    const { session } = await loginByLink(t, BERTINE);
    const verify = await asStaff(t, session, 'POST', '/api/staff/second-factor/verify', { code: codeAt(secret, time.now()) });
    expect(verify.statusCode).toBe(200);
  });
});

describe('logging in with TOTP on', () => {
  async function setUp() {
    const time = clock('2025-03-03T09:00:00Z');
    t = await startTestApp({ now: time.now });
    const secret = await turnOn(t, await loginAs(t, BERTINE), time.now);
    time.advance(STEP_MS);
    const { session, body } = await loginByLink(t, BERTINE);
    return { app: t, time, secret, session, body };
  }

  it('gives a session that waits for the code, then works', async () => {
    const { app, time, secret, session, body } = await setUp();
    expect(body).toEqual({ stage: 'second-factor', csrfToken: expect.any(String) });
    const me = await asStaff(app, session, 'GET', '/api/staff/me');
    expect(me.statusCode).toBe(401);
    expect(me.json().error).toMatchObject({ code: 'second_factor_required', message: expect.stringMatching(/code/) });
    const status = await asStaff(app, session, 'GET', '/api/staff/second-factor');
    expect(status.json()).toMatchObject({ stage: 'second-factor', enabled: true });

    // Typed with a space, as the app shows it.
    const code = codeAt(secret, time.now());
    const ok = await asStaff(app, session, 'POST', '/api/staff/second-factor/verify', { code: code.slice(0, 3) + ' ' + code.slice(3) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ stage: 'full' });
    const after = await asStaff(app, session, 'GET', '/api/staff/me');
    expect(after.statusCode).toBe(200);
    expect(after.json().name).toBe('Bertine Pas');
  });

  it('refuses a wrong code and a replayed one', async () => {
    const { app, time, secret, session } = await setUp();
    const code = codeAt(secret, time.now());
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const refused = await asStaff(app, session, 'POST', '/api/staff/second-factor/verify', { code: wrong });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields.code).toMatch(/klopt niet/);
    expect((await asStaff(app, session, 'GET', '/api/staff/me')).statusCode).toBe(401);

    expect((await asStaff(app, session, 'POST', '/api/staff/second-factor/verify', { code })).statusCode).toBe(200);

    // Someone who saw that code logs in with a new link within the same 30 seconds: refused.
    const other = (await loginByLink(app, BERTINE)).session;
    const replay = await asStaff(app, other, 'POST', '/api/staff/second-factor/verify', { code });
    expect(replay.statusCode).toBe(400);
    // So is an older one still inside the window.
    const older = codeAt(secret, new Date(time.now().getTime() - STEP_MS));
    expect((await asStaff(app, other, 'POST', '/api/staff/second-factor/verify', { code: older })).statusCode).toBe(400);
    time.advance(STEP_MS);
    expect((await asStaff(app, other, 'POST', '/api/staff/second-factor/verify', { code: codeAt(secret, time.now()) })).statusCode).toBe(200);
  });

  it(`drops the pending session after ${STAFF_TOTP_MAX_FAILURES} wrong codes; then even the right one is too late`, async () => {
    const { app, time, secret, session } = await setUp();
    const right = codeAt(secret, time.now());
    const wrong = String((Number(right) + 500_000) % 1_000_000).padStart(6, '0');
    for (let attempt = 1; attempt < STAFF_TOTP_MAX_FAILURES; attempt += 1) {
      expect((await asStaff(app, session, 'POST', '/api/staff/second-factor/verify', { code: wrong })).statusCode).toBe(400);
    }
    const last = await asStaff(app, session, 'POST', '/api/staff/second-factor/verify', { code: wrong });
    expect(last.statusCode).toBe(401);
    expect(last.json().error).toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/nieuwe inloglink/) });
    expect(String(last.headers['set-cookie'])).toMatch(/Expires=Thu, 01 Jan 1970/);
    const late = await asStaff(app, session, 'POST', '/api/staff/second-factor/verify', { code: right });
    expect(late.statusCode).toBe(401);
    expect(late.json().error.code).toBe('unauthorized');
    const lockouts = await app.context.db.selectFrom('audit_log').select('action').where('action', '=', 'totp.lockout').execute();
    expect(lockouts).toHaveLength(1);

    // A new link and the right code still work.
    const fresh = (await loginByLink(app, BERTINE)).session;
    expect((await asStaff(app, fresh, 'POST', '/api/staff/second-factor/verify', { code: right })).statusCode).toBe(200);
  });

  it('lets a pending session log out, and nothing else', async () => {
    const { app, session } = await setUp();
    expect((await asStaff(app, session, 'GET', '/api/staff/reports')).statusCode).toBe(401);
    expect((await asStaff(app, session, 'POST', '/api/staff/second-factor/setup', {})).statusCode).toBe(401);
    expect((await asStaff(app, session, 'POST', '/api/staff/second-factor/disable', { code: '123456' })).statusCode).toBe(401);
    expect((await asStaff(app, session, 'POST', '/api/staff/logout', {})).statusCode).toBe(200);
    expect((await asStaff(app, session, 'GET', '/api/staff/second-factor')).json().error.code).toBe('unauthorized');
  });
});

describe('a school that requires TOTP', () => {
  async function start() {
    const time = clock('2025-03-03T09:00:00Z');
    const dataDir = await makeDataDir();
    const schools = {
      ...TWO_SCHOOLS,
      schools: TWO_SCHOOLS.schools.map((school) => (school.slug === 'kopakker' ? { ...school, requireTotp: true } : school)),
    };
    t = await startTestApp({ now: time.now, dataDir, env: { SCHOOLS_FILE: await writeSchoolsFile(dataDir, schools) } });
    return { app: t, time };
  }

  it('lets someone without TOTP reach only the setup until it is on', async () => {
    const { app, time } = await start();
    const { session, body } = await loginByLink(app, BERTINE);
    expect(body).toEqual({ stage: 'totp-setup', csrfToken: expect.any(String) });
    const inbox = await asStaff(app, session, 'GET', '/api/staff/reports');
    expect(inbox.statusCode).toBe(403);
    expect(inbox.json().error).toMatchObject({ code: 'totp_setup_required', message: expect.stringMatching(/authenticator-app/) });
    expect((await asStaff(app, session, 'GET', '/api/staff/second-factor')).json()).toMatchObject({
      stage: 'totp-setup',
      enabled: false,
      required: true,
    });

    const secret = await turnOn(app, session, time.now);
    expect((await asStaff(app, session, 'GET', '/api/staff/reports')).statusCode).toBe(200);
    // Required means it cannot be turned off.
    time.advance(STEP_MS);
    const off = await asStaff(app, session, 'POST', '/api/staff/second-factor/disable', { code: codeAt(secret, time.now()) });
    expect(off.statusCode).toBe(403);
    expect(off.json().error.message).toMatch(/niet uitzetten/);

    // The next login asks for the code, as for anyone with TOTP on.
    time.advance(STEP_MS);
    const next = await loginByLink(app, BERTINE);
    expect(next.body.stage).toBe('second-factor');
  });

  it('does not affect staff of a school without the requirement, until they switch to one that has it', async () => {
    const { app } = await start();
    const linde = await loginByLink(app, 'lotte.bos@vivente.nu');
    // Lotte's first school is kopakker (requires TOTP); at De Linde she may work without it.
    expect(linde.body.stage).toBe('totp-setup');
    const remoteAddress = address();
    await requestLink(app, 'lotte.bos@vivente.nu', remoteAddress);
    const atLinde = await redeem(app, await latestLoginToken(app, 'lotte.bos@vivente.nu'), 'de-linde', remoteAddress);
    expect(atLinde.json().name).toBe('Lotte Bos');
    const session: StaffSession = { cookie: cookieOf(atLinde.headers['set-cookie']), csrf: atLinde.json().csrfToken, me: atLinde.json() };
    expect((await asStaff(app, session, 'GET', '/api/staff/reports')).statusCode).toBe(200);
    expect((await asStaff(app, session, 'POST', '/api/staff/school', { school: 'kopakker' })).statusCode).toBe(200);
    expect((await asStaff(app, session, 'GET', '/api/staff/reports')).json().error.code).toBe('totp_setup_required');
    // Elmar (kopakker only) is held at the setup too.
    expect((await loginByLink(app, ELMAR)).body.stage).toBe('totp-setup');
  });
});

async function secondFactorMails(app: TestApp) {
  return (await outbox(app, 'staff-second-factor')).map((row) => ({ to: row.to_address, text: row.text_body }));
}

describe('changing the second factor (issue 11.8)', () => {
  it('shows the otpauth link as a QR code that a camera reads back, drawn here as SVG', async () => {
    const time = clock('2025-03-03T09:00:00Z');
    t = await startTestApp({ now: time.now });
    const bertine = await loginAs(t, BERTINE);
    const setup = (await asStaff(t, bertine, 'POST', '/api/staff/second-factor/setup', {})).json() as { uri: string; qrCode: string };
    const [, base64] = /^data:image\/svg\+xml;base64,(.+)$/.exec(setup.qrCode) ?? [];
    expect(base64).toBeDefined();
    const svg = Buffer.from(base64!, 'base64');
    expect(svg.toString('utf8')).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    // Nothing in it points elsewhere: no link, no image, no script.
    expect(svg.toString('utf8')).not.toMatch(/href|<image|<script/i);
    const png = await sharp(svg, { density: 300 }).png().toBuffer();
    expect(await readQrCode(png)).toBe(setup.uri);
  });

  it(`needs a login of the last ${STAFF_FRESH_LOGIN_MS / 60_000} minutes to turn it on or off`, async () => {
    const time = clock('2025-03-03T09:00:00Z');
    t = await startTestApp({ now: time.now });
    const old = await loginAs(t, BERTINE);
    time.advance(STAFF_FRESH_LOGIN_MS + 1000);
    const refused = await asStaff(t, old, 'POST', '/api/staff/second-factor/setup', {});
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'fresh_login_required', message: expect.stringMatching(/nieuwe inloglink/) });
    // The old session itself still works for everything else.
    expect((await asStaff(t, old, 'GET', '/api/staff/me')).statusCode).toBe(200);

    // Begun in a fresh session, finished in a stale one: refused too.
    const fresh = await loginAs(t, BERTINE);
    const { secret } = (await asStaff(t, fresh, 'POST', '/api/staff/second-factor/setup', {})).json() as { secret: string };
    time.advance(STAFF_FRESH_LOGIN_MS + 1000);
    const late = await asStaff(t, fresh, 'POST', '/api/staff/second-factor/enable', { code: codeAt(secret, time.now()) });
    expect(late.statusCode).toBe(403);
    expect(late.json().error.code).toBe('fresh_login_required');

    const secret2 = await turnOn(t, await loginAs(t, BERTINE), time.now);
    // An unattended laptop a while later cannot turn it off, not even with a valid code.
    const { session: laptop } = await loginByLink(t, BERTINE);
    time.advance(STEP_MS);
    expect((await asStaff(t, laptop, 'POST', '/api/staff/second-factor/verify', { code: codeAt(secret2, time.now()) })).statusCode).toBe(200);
    time.advance(STAFF_FRESH_LOGIN_MS);
    const off = await asStaff(t, laptop, 'POST', '/api/staff/second-factor/disable', { code: codeAt(secret2, time.now()) });
    expect(off.statusCode).toBe(403);
    expect(off.json().error.code).toBe('fresh_login_required');
    expect((await asStaff(t, laptop, 'GET', '/api/staff/second-factor')).json().enabled).toBe(true);
  });

  it(`ends a full session after ${STAFF_TOTP_MAX_FAILURES} wrong codes to turn it off`, async () => {
    const time = clock('2025-03-03T09:00:00Z');
    t = await startTestApp({ now: time.now });
    const bertine = await loginAs(t, BERTINE);
    const secret = await turnOn(t, bertine, time.now);
    time.advance(STEP_MS);
    const right = codeAt(secret, time.now());
    const wrong = String((Number(right) + 500_000) % 1_000_000).padStart(6, '0');
    for (let attempt = 1; attempt < STAFF_TOTP_MAX_FAILURES; attempt += 1) {
      expect((await asStaff(t, bertine, 'POST', '/api/staff/second-factor/disable', { code: wrong })).statusCode).toBe(400);
    }
    const last = await asStaff(t, bertine, 'POST', '/api/staff/second-factor/disable', { code: wrong });
    expect(last.statusCode).toBe(401);
    expect(String(last.headers['set-cookie'])).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect((await asStaff(t, bertine, 'POST', '/api/staff/second-factor/disable', { code: right })).statusCode).toBe(401);
    expect((await asStaff(t, bertine, 'GET', '/api/staff/me')).statusCode).toBe(401);
    const actions = await t.context.db.selectFrom('audit_log').select('action').where('action', 'like', 'totp.%').orderBy('id').execute();
    expect(actions.map((row) => row.action)).toEqual(['totp.enable', 'totp.lockout']);
    expect((await t.context.db.selectFrom('staff_totp').select('enabled_at').executeTakeFirstOrThrow()).enabled_at).not.toBeNull();
  });

  it('mails the person on every change: on, off', async () => {
    const time = clock('2025-03-03T09:00:00Z');
    t = await startTestApp({ now: time.now });
    const bertine = await loginAs(t, BERTINE);
    const secret = await turnOn(t, bertine, time.now);
    expect(await secondFactorMails(t)).toEqual([{ to: '"Bertine Pas" <Bertine.pas@vivente.nu>', text: expect.stringMatching(/zojuist aangezet/) }]);
    time.advance(STEP_MS);
    expect((await asStaff(t, bertine, 'POST', '/api/staff/second-factor/disable', { code: codeAt(secret, time.now()) })).statusCode).toBe(200);
    const mails = await secondFactorMails(t);
    expect(mails).toHaveLength(2);
    expect(mails[1]!.text).toMatch(/zojuist uitgezet/);
    expect(mails[1]!.text).toMatch(/Heb je dit niet zelf gedaan/);
  });

  it(`hands out ${TOTP_RECOVERY_CODES} recovery codes once, stores them only hashed, and each opens one login`, async () => {
    const time = clock('2025-03-03T09:00:00Z');
    const dataDir = await makeDataDir();
    t = await startTestApp({ now: time.now, dataDir });
    const bertine = await loginAs(t, BERTINE);
    const { secret } = (await asStaff(t, bertine, 'POST', '/api/staff/second-factor/setup', {})).json() as { secret: string };
    const enabled = await asStaff(t, bertine, 'POST', '/api/staff/second-factor/enable', { code: codeAt(secret, time.now()) });
    const { recoveryCodes, recoveryCodesLeft } = enabled.json() as { recoveryCodes: string[]; recoveryCodesLeft: number };
    expect(recoveryCodes).toHaveLength(TOTP_RECOVERY_CODES);
    expect(new Set(recoveryCodes).size).toBe(TOTP_RECOVERY_CODES);
    for (const code of recoveryCodes) expect(code.replace('-', '')).toHaveLength(TOTP_RECOVERY_CODE_LENGTH);
    expect(recoveryCodesLeft).toBe(TOTP_RECOVERY_CODES);
    // Shown once: the status never carries them again.
    expect(JSON.stringify((await asStaff(t, bertine, 'GET', '/api/staff/second-factor')).json())).not.toContain(recoveryCodes[0]);

    // A lost phone: the next login takes a recovery code instead, typed loosely.
    time.advance(STEP_MS);
    const { session } = await loginByLink(t, BERTINE);
    const typed = ` ${recoveryCodes[0]!.toUpperCase().replace('-', ' ')} `;
    const ok = await asStaff(t, session, 'POST', '/api/staff/second-factor/verify', { code: typed });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ stage: 'full', recoveryCodesLeft: TOTP_RECOVERY_CODES - 1 });
    expect((await asStaff(t, session, 'GET', '/api/staff/me')).statusCode).toBe(200);
    const mails = await secondFactorMails(t);
    expect(mails.at(-1)!.text).toMatch(new RegExp(`herstelcodes\\. Je hebt er nog ${TOTP_RECOVERY_CODES - 1} over`));

    // Used once: the same code does not open the next login; a code of another form is refused as wrong.
    const next = (await loginByLink(t, BERTINE)).session;
    const again = await asStaff(t, next, 'POST', '/api/staff/second-factor/verify', { code: recoveryCodes[0] });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.fields.code).toMatch(/klopt niet/);
    const garbage = await asStaff(t, next, 'POST', '/api/staff/second-factor/verify', { code: 'not a code!' });
    expect(garbage.json().error.fields.code).toMatch(/herstelcodes/);
    expect((await asStaff(t, next, 'POST', '/api/staff/second-factor/verify', { code: recoveryCodes[1] })).statusCode).toBe(200);
    const audit = await t.context.db.selectFrom('audit_log').select('action').where('action', '=', 'totp.recovery_code').execute();
    expect(audit).toHaveLength(2);
    await t.close();
    t = undefined;

    // Nowhere in the database, its WAL or the log in any spelling.
    for (const { name, bytes } of await databaseFiles(dataDir)) {
      for (const code of recoveryCodes) {
        for (const form of [code, code.replace('-', ''), code.toUpperCase()]) expect(bytes.includes(Buffer.from(form)), name).toBe(false);
      }
    }
  });

  it('lets the directeur unhook a colleague\'s app: sessions end, the next login needs no code, the colleague is mailed', async () => {
    const time = clock('2025-03-03T09:00:00Z');
    const dataDir = await makeDataDir();
    t = await startTestApp({ now: time.now, dataDir, env: { SCHOOLS_FILE: await writeSchoolsFile(dataDir) } });
    const bertine = await loginAs(t, BERTINE);
    await turnOn(t, bertine, time.now);
    const elmar = await loginAs(t, ELMAR);

    const list = await asStaff(t, elmar, 'GET', '/api/staff/colleagues/second-factor');
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual(
      expect.arrayContaining([
        { name: 'Bertine Pas', email: 'bertine.pas@vivente.nu', enabled: true },
        { name: 'Lotte Bos', email: 'lotte.bos@vivente.nu', enabled: false },
      ]),
    );
    expect(list.json().map((row: { email: string }) => row.email)).not.toContain('elmar.van.dokkum@vivente.nu');

    // Not for colleagues who are not the directeur, nor for people of another school, nor for oneself.
    expect((await asStaff(t, bertine, 'GET', '/api/staff/colleagues/second-factor')).statusCode).toBe(403);
    expect((await asStaff(t, bertine, 'POST', '/api/staff/colleagues/second-factor/reset', { email: ELMAR })).statusCode).toBe(403);
    expect((await asStaff(t, elmar, 'POST', '/api/staff/colleagues/second-factor/reset', { email: 'anouk.smit@linde.nl' })).statusCode).toBe(404);
    expect((await asStaff(t, elmar, 'POST', '/api/staff/colleagues/second-factor/reset', { email: ELMAR })).statusCode).toBe(403);
    expect((await asStaff(t, elmar, 'POST', '/api/staff/colleagues/second-factor/reset', { email: 'lotte.bos@vivente.nu' })).statusCode).toBe(409);

    // A directeur's session left open is not enough either.
    time.advance(STAFF_FRESH_LOGIN_MS + 1000);
    const stale = await asStaff(t, elmar, 'POST', '/api/staff/colleagues/second-factor/reset', { email: BERTINE });
    expect(stale.json().error.code).toBe('fresh_login_required');

    const freshElmar = await loginAs(t, ELMAR);
    const reset = await asStaff(t, freshElmar, 'POST', '/api/staff/colleagues/second-factor/reset', { email: BERTINE });
    expect(reset.statusCode).toBe(200);
    expect(reset.json()).toContainEqual({ name: 'Bertine Pas', email: 'bertine.pas@vivente.nu', enabled: false });
    expect((await asStaff(t, bertine, 'GET', '/api/staff/me')).statusCode).toBe(401);
    expect(await t.context.db.selectFrom('staff_totp').selectAll().execute()).toEqual([]);
    expect(await t.context.db.selectFrom('staff_totp_recovery_code').selectAll().execute()).toEqual([]);
    const mail = (await secondFactorMails(t)).at(-1)!;
    expect(mail.to).toContain('Bertine.pas@vivente.nu');
    expect(mail.text).toMatch(/Elmar van Dokkum heeft de authenticator-app van je account losgekoppeld/);
    const audit = await t.context.db.selectFrom('audit_log').select(['action', 'staff_email', 'detail']).where('action', '=', 'totp.reset').execute();
    expect(audit).toEqual([{ action: 'totp.reset', staff_email: 'elmar.van.dokkum@vivente.nu', detail: expect.stringContaining('Bertine Pas') }]);
    expect((await loginByLink(t, BERTINE)).body.name).toBe('Bertine Pas');
  });
});
