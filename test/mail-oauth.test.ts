// Mail through SMTP with XOAUTH2, as Microsoft 365 wants it: the portal gets an app-only access token
// from a real OpenID Provider (oidc-provider, client credentials grant, JWT access tokens for the mail
// server's resource) and logs in at a real SMTP server that lets a login in only when the token's
// signature checks out against the provider's published keys.

import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../server/config.js';
import { MAIL_FAILING_ALERT_ATTEMPTS } from '../server/health/operator-health.js';
import { ClientCredentialsTokens, MAIL_TOKEN_FAILURE_HOLD_MS, MAIL_TOKEN_REFRESH_MARGIN_MS } from '../server/notifications/mail-oauth-token.js';
import { startGoogleTokenEndpoint } from './helpers/google-token-endpoint.js';
import { startOidcProvider, type TestOidcProvider } from './helpers/oidc-provider.js';
import { startSmtpServer, type TestSmtpServer } from './helpers/smtp.js';
import { clock, submitReport } from './helpers/staff.js';
import { makeDataDir, startTestApp, type TestApp } from './helpers/test-app.js';

const MAILBOX = 'klikvrij@kopakker.nl';
const RESOURCE = 'https://smtp.test.klikvrij';
const SCOPE = `${RESOURCE}/.default`;
const TOKEN_TTL_SECONDS = 600;
const HEALTH_TOKEN = 'operator-health-token-of-the-oauth-tests';
const FAST_RETRY = { retryBaseMs: MAIL_TOKEN_FAILURE_HOLD_MS, retryMaxMs: MAIL_TOKEN_FAILURE_HOLD_MS };

let op: TestOidcProvider;
let smtp: TestSmtpServer;
let t: TestApp | undefined;
/** Token ids (jti) the mail server no longer accepts, as when an app's permission is withdrawn. */
const revoked = new Set<string>();

function oauthEnv(): Record<string, string> {
  return {
    SMTP_URL: `smtp://${encodeURIComponent(MAILBOX)}@127.0.0.1:${smtp.port}`,
    SMTP_OAUTH_TOKEN_URL: op.mailClient!.tokenUrl,
    SMTP_OAUTH_CLIENT_ID: op.mailClient!.clientId,
    SMTP_OAUTH_CLIENT_SECRET: op.mailClient!.clientSecret,
    SMTP_OAUTH_SCOPE: SCOPE,
    HEALTH_TOKEN,
  };
}

async function start(now: () => Date): Promise<TestApp> {
  t = await startTestApp({ env: oauthEnv(), now, mailRetry: FAST_RETRY });
  return t;
}

async function operatorHealth(app: TestApp) {
  const response = await app.app.inject({ url: '/healthz', headers: { authorization: `Bearer ${HEALTH_TOKEN}` } });
  return { statusCode: response.statusCode, body: response.json<{ problems: string[]; mail: { pending: number } }>() };
}

/**
 * Sends until the outbox is empty, the clock moving on by the retry delay between rounds: a pooled
 * connection the server has just closed can fail one attempt before the pool notices.
 */
async function drain(app: TestApp, time: { advance: (ms: number) => void }): Promise<number> {
  let sent = 0;
  for (let round = 0; round < 10; round += 1) {
    sent += await app.context.mailWorker.sendDue();
    const left = await app.context.db.selectFrom('outbox').select('id').execute();
    if (left.length === 0) return sent;
    time.advance(FAST_RETRY.retryMaxMs);
  }
  throw new Error(`outbox not empty after 10 rounds (${sent} sent)`);
}

/** Neither the client secret nor any token the provider issued appears in what the server logged. */
function expectNoSecretsLogged(app: TestApp) {
  const log = app.logOutput();
  expect(log).not.toContain(op.mailClient!.clientSecret);
  for (const login of smtp.logins) expect(log).not.toContain(login.accessToken);
}

describe('SMTP with XOAUTH2 through the client credentials grant', () => {
  beforeEach(async () => {
    revoked.clear();
    op = await startOidcProvider({
      redirectUri: 'http://localhost:3999/staff/oidc/callback',
      accounts: {},
      clientCredentials: { resource: RESOURCE, scope: SCOPE, accessTokenTtl: TOKEN_TTL_SECONDS },
    });
    const keys = createRemoteJWKSet(new URL(op.mailClient!.jwksUrl));
    smtp = await startSmtpServer({
      xoauth2: async (username, accessToken) => {
        try {
          const { payload } = await jwtVerify(accessToken, keys, { issuer: op.issuer, audience: RESOURCE });
          return (
            username === MAILBOX &&
            payload.client_id === op.mailClient!.clientId &&
            String(payload.scope).split(' ').includes(SCOPE) &&
            !revoked.has(String(payload.jti))
          );
        } catch {
          return false;
        }
      },
    });
  });

  afterEach(async () => {
    await t?.close();
    t = undefined;
    await smtp.close();
    await op.close();
  });

  it('logs in with a token the mail server verifies, and keeps using it until shortly before it expires', async () => {
    const time = clock('2026-12-02T09:00:00Z');
    const app = await start(time.now);
    await submitReport(app);
    expect(await drain(app, time)).toBe(2);
    expect(smtp.received).toHaveLength(2);
    const first = smtp.logins[0]!.accessToken;
    expect(smtp.logins.every((login) => login.username === MAILBOX && login.accepted && login.accessToken === first)).toBe(true);
    expect(op.tokenRequests()).toBe(1);

    // A minute before the refresh point a new login still uses the cached token ...
    time.advance(TOKEN_TTL_SECONDS * 1000 - MAIL_TOKEN_REFRESH_MARGIN_MS - 60_000);
    const loginsBefore = smtp.logins.length;
    smtp.dropConnections();
    await submitReport(app);
    expect(await drain(app, time)).toBe(2);
    expect(smtp.logins.length).toBeGreaterThan(loginsBefore);
    expect(smtp.logins.every((login) => login.accessToken === first)).toBe(true);
    expect(op.tokenRequests()).toBe(1);

    // ... and past it a new one is asked for, before the old one expires.
    time.advance(120_000);
    smtp.dropConnections();
    await submitReport(app);
    expect(await drain(app, time)).toBe(2);
    expect(op.tokenRequests()).toBe(2);
    expect(smtp.logins.at(-1)!.accessToken).not.toBe(first);
    expect(smtp.logins.every((login) => login.accepted)).toBe(true);
    expect(new Set(smtp.received.map((mail) => mail.messageId)).size).toBe(6);
    expectNoSecretsLogged(app);
  });

  it('fetches a new token at once when the mail server refuses the cached one, and the mail still goes', async () => {
    const time = clock('2026-12-02T09:00:00Z');
    const app = await start(time.now);
    await submitReport(app);
    expect(await drain(app, time)).toBe(2);
    const first = smtp.logins[0]!.accessToken;
    revoked.add(String(JSON.parse(Buffer.from(first.split('.')[1]!, 'base64url').toString()).jti));
    const loginsBefore = smtp.logins.length;
    smtp.dropConnections();

    await submitReport(app);
    expect(await drain(app, time)).toBe(2);
    expect(smtp.received).toHaveLength(4);
    expect(new Set(smtp.received.map((mail) => mail.messageId)).size).toBe(4);
    expect(op.tokenRequests()).toBe(2);
    // The withdrawn token was refused, then the login with the new one let in.
    const after = smtp.logins.slice(loginsBefore);
    expect(after[0]).toMatchObject({ accessToken: first, accepted: false });
    expect(after.filter((login) => login.accessToken === first).every((login) => !login.accepted)).toBe(true);
    expect(after.some((login) => login.accessToken !== first && login.accepted)).toBe(true);
    expectNoSecretsLogged(app);
  });

  it('asks once when two pooled logins are refused the same old token, one after the other', async () => {
    const tokens = new ClientCredentialsTokens(
      { tokenUrl: op.mailClient!.tokenUrl, clientId: op.mailClient!.clientId, clientSecret: op.mailClient!.clientSecret, scope: SCOPE },
      () => new Date(),
    );
    // Two connections log in with the same token; the mail server then refuses it on both.
    const old = await tokens.token();
    expect(await tokens.token()).toBe(old);
    const renewedByFirst = await tokens.token(true);
    expect(renewedByFirst).not.toBe(old);
    // The second refusal comes after the first one's request was answered: it takes that token.
    expect(await tokens.token(true)).toBe(renewedByFirst);
    expect(op.tokenRequests()).toBe(2);
    // Once a login has used the new token, a refusal of it asks again.
    expect(await tokens.token()).toBe(renewedByFirst);
    expect(await tokens.token(true)).not.toBe(renewedByFirst);
    expect(op.tokenRequests()).toBe(3);
  });

  it('keeps mails queued while the token endpoint is down, says so on /healthz, and sends each once when it is back', async () => {
    const time = clock('2026-12-02T09:00:00Z');
    const app = await start(time.now);
    await op.stop();
    await submitReport(app);
    await submitReport(app);
    // Each round asks the endpoint once for all four mails (MAIL_TOKEN_FAILURE_HOLD_MS).
    for (let round = 0; round < MAIL_FAILING_ALERT_ATTEMPTS; round += 1) {
      expect(await app.context.mailWorker.sendDue()).toBe(0);
      time.advance(FAST_RETRY.retryMaxMs);
    }
    expect(smtp.received).toHaveLength(0);
    // Without a token the portal never even tried to log in.
    expect(smtp.logins).toHaveLength(0);
    const failing = await operatorHealth(app);
    expect(failing.statusCode).toBe(503);
    expect(failing.body.mail.pending).toBe(4);
    expect(failing.body.problems.join('\n')).toMatch(/access token.*SMTP_OAUTH_TOKEN_URL.*did not answer/);
    const rows = await app.context.db.selectFrom('outbox').select(['attempts', 'last_error']).execute();
    expect(rows.map((row) => row.attempts)).toEqual([5, 5, 5, 5]);
    expect(rows[0]!.last_error).toMatch(/token endpoint/);

    await op.restart();
    expect(await drain(app, time)).toBe(4);
    expect(smtp.received).toHaveLength(4);
    expect(new Set(smtp.received.map((mail) => mail.messageId)).size).toBe(4);
    expect(op.tokenRequests()).toBe(1);
    const healthy = await operatorHealth(app);
    expect(healthy.statusCode).toBe(200);
    expectNoSecretsLogged(app);
  });

  it('names the token endpoint answer when the client secret is wrong, and never the secret', async () => {
    const time = clock('2026-12-02T09:00:00Z');
    t = await startTestApp({ env: { ...oauthEnv(), SMTP_OAUTH_CLIENT_SECRET: 'not-the-secret-0123456789' }, now: time.now });
    await submitReport(t);
    expect(await t.context.mailWorker.sendDue()).toBe(0);
    const [row] = await t.context.db.selectFrom('outbox').select('last_error').execute();
    expect(row!.last_error).toMatch(/answered 401 invalid_client/);
    expect(t.logOutput()).toContain('invalid_client');
    expect(t.logOutput()).not.toContain('not-the-secret-0123456789');
  });
});

describe('SMTP with XOAUTH2 as a Google Workspace service account (nodemailer\'s own grant)', () => {
  it('signs in with the token the service account grant gives, for the mailbox of SMTP_URL', async () => {
    const google = await startGoogleTokenEndpoint();
    const gmail = await startSmtpServer({ xoauth2: async (username, token) => username === MAILBOX && (await google.verifyAccessToken(token)) === MAILBOX });
    const dataDir = await makeDataDir();
    const keyFile = path.join(dataDir, 'service-account.json');
    await writeFile(keyFile, JSON.stringify(google.keyFile));
    const app = await startTestApp({
      dataDir,
      env: { SMTP_URL: `smtp://${encodeURIComponent(MAILBOX)}@127.0.0.1:${gmail.port}`, SMTP_OAUTH_GOOGLE_KEY_FILE: keyFile },
    });
    try {
      await submitReport(app);
      await submitReport(app);
      expect(await app.context.mailWorker.sendDue()).toBe(4);
      expect(gmail.received).toHaveLength(4);
      expect(google.refusals).toEqual([]);
      // nodemailer keeps the token for its lifetime, one per pooled connection.
      expect(google.tokenRequests()).toBeLessThanOrEqual(gmail.connections());
      expect(gmail.logins.every((login) => login.accepted)).toBe(true);
      const log = app.logOutput();
      expect(log).not.toContain(gmail.logins[0]!.accessToken);
      expect(log).not.toContain('PRIVATE KEY');
    } finally {
      await app.close();
      await gmail.close();
      await google.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses a key file that is not a service account key, naming the field and not the key', async () => {
    const dataDir = await makeDataDir();
    const keyFile = path.join(dataDir, 'service-account.json');
    await writeFile(keyFile, JSON.stringify({ type: 'authorized_user', client_id: '1', private_key: 'secret-key-material' }));
    const env = { DATA_DIR: dataDir, SMTP_URL: 'smtp://klikvrij%40kopakker.nl@smtp.gmail.com:587', SMTP_OAUTH_GOOGLE_KEY_FILE: keyFile };
    expect(() => loadConfig(env)).toThrow(/SMTP_OAUTH_GOOGLE_KEY_FILE .*\n  - type: /);
    expect(() => loadConfig(env)).toThrow(/private_key/);
    expect(() => loadConfig(env)).not.toThrow(/secret-key-material/);
    await rm(dataDir, { recursive: true, force: true });
  });
});

describe('configuration of OAuth2 mail', () => {
  const base = { DATA_DIR: '/tmp/x', SMTP_URL: 'smtp://klikvrij%40kopakker.nl@smtp.office365.com:587' };
  const client = { SMTP_OAUTH_TOKEN_URL: 'https://login.microsoftonline.com/tenant/oauth2/v2.0/token', SMTP_OAUTH_CLIENT_ID: 'id', SMTP_OAUTH_CLIENT_SECRET: 's3cret-value' };

  it('reads the mailbox from SMTP_URL and defaults the scope to Exchange Online', () => {
    expect(loadConfig({ ...base, ...client }).smtpOAuth).toEqual({
      kind: 'client-credentials',
      user: 'klikvrij@kopakker.nl',
      tokenUrl: client.SMTP_OAUTH_TOKEN_URL,
      clientId: 'id',
      clientSecret: 's3cret-value',
      scope: 'https://outlook.office365.com/.default',
    });
  });

  it.each([
    [{ ...base, SMTP_OAUTH_TOKEN_URL: client.SMTP_OAUTH_TOKEN_URL }, /SMTP_OAUTH_CLIENT_ID, SMTP_OAUTH_CLIENT_SECRET: needed together/],
    [{ DATA_DIR: '/tmp/x', ...client }, /SMTP_OAUTH_TOKEN_URL: needs SMTP_URL/],
    [{ ...base, ...client, SMTP_URL: 'smtp://smtp.office365.com:587' }, /SMTP_URL: with OAuth2 it names the mailbox/],
    [{ ...base, ...client, SMTP_URL: 'smtp://klikvrij%40kopakker.nl:pw@smtp.office365.com:587' }, /holds no password/],
    [{ ...base, ...client, SMTP_OAUTH_TOKEN_URL: 'http://login.example.nl/token' }, /SMTP_OAUTH_TOKEN_URL: must start with https/],
    [{ ...base, ...client, SMTP_OAUTH_GOOGLE_KEY_FILE: '/tmp/key.json' }, /either it or SMTP_OAUTH_TOKEN_URL/],
  ])('refuses an incomplete or unsafe set-up, naming the variable (%#)', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as Error).message).not.toContain('s3cret-value');
    }
  });
});
