import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { errors, type Configuration, type JWK, type KoaContextWithOIDC } from 'oidc-provider';

// A real, certified OpenID Provider (oidc-provider) on 127.0.0.1 with its own signing key, for the
// sign-in tests. Only the login page is ours: it asks for an account name and whether to claim MFA,
// as a school's provider would ask for a password and a second factor.

/** What the provider knows of an account: the claims it puts in the ID token. */
export type TestAccountClaims = Record<string, unknown>;

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The environment that points the app at this provider. */
  env: Record<string, string>;
  provider: Provider;
  /** The mail client of the client credentials grant, when the provider was started with one. */
  mailClient: { clientId: string; clientSecret: string; tokenUrl: string; jwksUrl: string } | undefined;
  /** Requests that reached the token endpoint while the provider was up. */
  tokenRequests: () => number;
  /** Stop answering (the provider is down) and answer again. */
  stop: () => Promise<void>;
  restart: () => Promise<void>;
  close: () => Promise<void>;
}

export interface TestOidcOptions {
  /** The app's callback, PUBLIC_URL + /staff/oidc/callback. */
  redirectUri: string;
  accounts: Record<string, TestAccountClaims>;
  /** Seconds an ID token is valid (default 10 minutes). */
  idTokenTtl?: number;
  /**
   * Also a client for the client credentials grant, as an app registration for SMTP.SendAsApp: its
   * access tokens are JWTs for `resource` (signed with the provider's key) carrying `scope`.
   */
  clientCredentials?: { resource: string; scope: string; accessTokenTtl?: number };
}

export const TEST_MAIL_CLIENT_ID = 'klikvrij-mail';

export const TEST_CLIENT_ID = 'klikvrij-portal';

function signingKey(): JWK {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...(privateKey.export({ format: 'jwk' }) as JWK), kid: randomBytes(8).toString('hex'), use: 'sig', alg: 'RS256' };
}

async function formBody(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

const LOGIN_PAGE = (uid: string) => `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Testschool login</title></head>
<body><main><h1>Log in bij de testschool</h1>
<form method="post" action="/interaction/${uid}">
<label for="login">Account</label> <input id="login" name="login" autocomplete="username">
<label><input type="checkbox" name="mfa" value="1"> Met tweede stap</label>
<button type="submit">Inloggen</button>
</form></main></body></html>`;

export async function startOidcProvider(options: TestOidcOptions): Promise<TestOidcProvider> {
  const clientSecret = randomBytes(24).toString('base64url');
  let handler: ((request: IncomingMessage, response: import('node:http').ServerResponse) => void) | undefined;
  const server: Server = createServer((request, response) => handler?.(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}`;

  const mailClientSecret = randomBytes(24).toString('base64url');
  const mail = options.clientCredentials;
  const configuration: Configuration = {
    clients: [
      {
        client_id: TEST_CLIENT_ID,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
      ...(mail
        ? [
            {
              client_id: TEST_MAIL_CLIENT_ID,
              client_secret: mailClientSecret,
              redirect_uris: [],
              grant_types: ['client_credentials'],
              response_types: [],
              token_endpoint_auth_method: 'client_secret_post' as const,
            },
          ]
        : []),
    ],
    jwks: { keys: [signingKey()] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    // amr and acr in the openid scope: the provider then puts them in every ID token it issues.
    claims: { acr: null, amr: null, auth_time: null, sid: null, iss: null, openid: ['sub', 'amr', 'acr'], email: ['email', 'email_verified'], profile: ['name'] },
    // Claims of the scope go into the ID token itself, as Entra ID and Google do.
    conformIdTokenClaims: false,
    findAccount: (_ctx: KoaContextWithOIDC, sub: string) => ({
      accountId: sub,
      claims: () => ({ sub, ...(options.accounts[sub] ?? {}) }),
    }),
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: Boolean(mail) },
      resourceIndicators: {
        enabled: true,
        // The mail client asks by scope only, as Microsoft's `.default` scope names the resource.
        defaultResource: (_ctx: KoaContextWithOIDC, client: { clientId: string } | undefined) =>
          mail && client?.clientId === TEST_MAIL_CLIENT_ID ? mail.resource : undefined!,
        useGrantedResource: () => false,
        getResourceServerInfo: (_ctx: KoaContextWithOIDC, resource: string, client: { clientId: string }) => {
          if (!mail || resource !== mail.resource || client.clientId !== TEST_MAIL_CLIENT_ID) throw new errors.InvalidTarget();
          return { scope: mail.scope, audience: mail.resource, accessTokenTTL: mail.accessTokenTtl ?? 600, accessTokenFormat: 'jwt' };
        },
      },
    },
    interactions: { url: (_ctx: KoaContextWithOIDC, interaction) => `/interaction/${interaction.uid}` },
    // A first-party client: the school agreed once, nobody is asked for consent.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const accountId = ctx.oidc.session?.accountId;
      if (!accountId || !ctx.oidc.client) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
    ttl: { IdToken: options.idTokenTtl ?? 600, AccessToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
  };
  const provider = new Provider(issuer, configuration);
  const callback = provider.callback();
  let up = true;
  let tokenRequests = 0;

  handler = (request, response) => {
    if (!up) {
      // Down: the connection is dropped, as when the provider's host does not answer.
      request.socket.destroy();
      return;
    }
    if (request.method === 'POST' && request.url === '/token') tokenRequests += 1;
    const match = /^\/interaction\/([A-Za-z0-9_-]+)$/.exec(request.url ?? '');
    if (!match) return void callback(request, response);
    void (async () => {
      try {
        const details = await provider.interactionDetails(request, response);
        if (request.method === 'GET') {
          response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          response.end(LOGIN_PAGE(details.uid));
          return;
        }
        const form = await formBody(request);
        const mfa = form.get('mfa') === '1';
        await provider.interactionFinished(
          request,
          response,
          { login: { accountId: form.get('login') ?? '', amr: mfa ? ['pwd', 'otp', 'mfa'] : ['pwd'] } },
          { mergeWithLastSubmission: false },
        );
      } catch (error) {
        response.writeHead(400, { 'content-type': 'text/plain' });
        response.end(String(error));
      }
    })();
  };

  return {
    issuer,
    clientId: TEST_CLIENT_ID,
    clientSecret,
    env: { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: TEST_CLIENT_ID, OIDC_CLIENT_SECRET: clientSecret },
    provider,
    mailClient: mail
      ? { clientId: TEST_MAIL_CLIENT_ID, clientSecret: mailClientSecret, tokenUrl: `${issuer}/token`, jwksUrl: `${issuer}/jwks` }
      : undefined,
    tokenRequests: () => tokenRequests,
    stop: async () => {
      up = false;
      server.closeAllConnections();
    },
    restart: async () => {
      up = true;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
