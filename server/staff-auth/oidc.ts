import * as client from 'openid-client';
import { insertOidcTransaction, takeOidcTransaction } from '../../db/queries/oidc-transactions.js';
import type { OidcSettings } from '../config.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { OIDC_PROVIDER_TIMEOUT_MS, OIDC_TRANSACTION_TTL_MS } from '../shared/limits.js';
import { openSession } from './sessions.js';
import type { StaffPrincipal } from './staff-identity.js';
import { schoolsOfPerson } from './teacher-identity.js';
import { hashToken, newToken } from './tokens.js';
import { providerUsedMfa, verifiedEmail } from './oidc-claims.js';
import type { OidcFailureCode } from '../shared/school-sign-in.js';

export const OIDC_CALLBACK_PATH = '/staff/oidc/callback';
const SCOPE = 'openid email profile';

/**
 * A sign-in that opened no session. `code` is what the person is told; `reason` is a fixed word for
 * the operator's log. Neither ever holds a token, a code or a claim.
 */
export class OidcFailure extends Error {
  override name = 'OidcFailure';
  constructor(
    readonly code: OidcFailureCode,
    readonly reason: string,
  ) {
    super(`OpenID sign-in failed: ${code} (${reason})`);
  }
}

// Only a provider on this machine may be spoken to over plain http (the tests' provider).
function isLoopback(url: URL): boolean {
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

/**
 * Sign-in through the school's OpenID Connect provider: authorization code flow with PKCE, state
 * and nonce, ID token checked by openid-client (signature by the provider's JWKS, issuer,
 * audience, expiry, nonce). Discovery happens at the first sign-in, not at start, so a provider
 * that is down stops sign-in only, never the portal; a failed discovery is tried again next time.
 */
export class OidcSignIn {
  private server: Promise<client.ServerMetadata> | undefined;
  private jwks: ReturnType<typeof client.getJwksCache>;
  private readonly issuer: URL;
  private readonly redirectUri: string;

  constructor(
    private readonly settings: OidcSettings,
    publicUrl: string,
    private readonly now: () => Date,
  ) {
    this.issuer = new URL(settings.issuer);
    this.redirectUri = `${publicUrl}${OIDC_CALLBACK_PATH}`;
  }

  /** Stores state, nonce and PKCE verifier under a fresh handle; the caller puts the handle in a cookie. */
  async begin(context: AppContext): Promise<{ handle: string; authorizationUrl: string }> {
    const config = await this.configuration();
    const handle = newToken();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    const now = this.now();
    await insertOidcTransaction(
      context.db,
      {
        handle_hash: hashToken(handle),
        state,
        nonce,
        code_verifier: codeVerifier,
        expires_at: new Date(now.getTime() + OIDC_TRANSACTION_TTL_MS).toISOString(),
      },
      now.toISOString(),
    );
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri,
      scope: SCOPE,
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    return { handle, authorizationUrl: url.href };
  }

  /**
   * Ends a sign-in: uses up the transaction of this browser, redeems the code, checks the ID token
   * and opens the same session a login link opens. Throws OidcFailure and nothing else.
   */
  async finish(
    context: AppContext,
    handle: string | undefined,
    callbackUrl: URL,
  ): Promise<{ sessionToken: string; principal: StaffPrincipal }> {
    if (!handle) throw new OidcFailure('retry', 'no_transaction_cookie');
    const transaction = await takeOidcTransaction(context.db, hashToken(handle), this.now().toISOString());
    if (!transaction) throw new OidcFailure('retry', 'transaction_used_or_expired');

    let claims: client.IDToken | undefined;
    try {
      const config = await this.configuration();
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: transaction.code_verifier,
        expectedState: transaction.state,
        expectedNonce: transaction.nonce,
        idTokenExpected: true,
      });
      this.jwks = client.getJwksCache(config);
      claims = tokens.claims();
    } catch (error) {
      throw error instanceof OidcFailure ? error : classify(error);
    }
    if (!claims) throw new OidcFailure('settings', 'no_id_token');

    const rules = { issuer: this.settings.issuer, trustEmail: this.settings.trustEmail, mfaAcrValues: this.settings.mfaAcrValues };
    const email = verifiedEmail(claims, rules);
    if (!email) throw new OidcFailure('unverified', 'no_verified_email_claim');
    if ((await schoolsOfPerson(context.db, email)).schools.length === 0) throw new OidcFailure('unknown', 'not_in_any_contact_table');
    try {
      return await openSession(context, email, undefined, { via: 'oidc', providerMfa: providerUsedMfa(claims, rules) });
    } catch (error) {
      if (error instanceof AppError && error.code === 'unauthorized') throw new OidcFailure('unknown', 'not_staff');
      throw error;
    }
  }

  /**
   * A fresh Configuration per use over the cached discovery and keys: its clock follows the app's
   * clock (context.now), so the ID token's expiry is judged by the same time as everything else.
   */
  private async configuration(): Promise<client.Configuration> {
    const server = await this.discover();
    const skewSeconds = Math.round((this.now().getTime() - Date.now()) / 1000);
    const config = new client.Configuration(server, this.settings.clientId, {
      client_secret: this.settings.clientSecret,
      [client.clockSkew]: skewSeconds,
    });
    config.timeout = OIDC_PROVIDER_TIMEOUT_MS / 1000;
    if (isLoopback(this.issuer)) client.allowInsecureRequests(config);
    if (this.jwks) client.setJwksCache(config, this.jwks);
    return config;
  }

  private discover(): Promise<client.ServerMetadata> {
    this.server ??= client
      .discovery(this.issuer, this.settings.clientId, this.settings.clientSecret, undefined, {
        timeout: OIDC_PROVIDER_TIMEOUT_MS / 1000,
        execute: isLoopback(this.issuer) ? [client.allowInsecureRequests] : [],
      })
      .then((config) => config.serverMetadata())
      .catch((error: unknown) => {
        this.server = undefined;
        throw classify(error, 'discovery');
      });
    return this.server;
  }
}

/** Maps what openid-client threw to what the person is told; the log gets the library's code only. */
function classify(error: unknown, stage = 'token'): OidcFailure {
  if (error instanceof OidcFailure) return error;
  if (error instanceof client.AuthorizationResponseError) return new OidcFailure('cancelled', `provider_error_${word(error.error)}`);
  if (error instanceof client.ResponseBodyError) {
    if (error.error === 'invalid_grant') return new OidcFailure('retry', 'invalid_grant');
    if (error.status >= 500) return new OidcFailure('unavailable', `${stage}_http_${error.status}`);
    return new OidcFailure('settings', `${stage}_${word(error.error)}`);
  }
  if (error instanceof client.ClientError) {
    const code = word(error.code ?? 'client_error');
    // The response could not be checked: state, nonce, issuer, audience, expiry or signature.
    const checks = ['OAUTH_INVALID_RESPONSE', 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED', 'OAUTH_JWT_CLAIM_COMPARISON_FAILED', 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED', 'OAUTH_KEY_SELECTION_FAILED', 'OAUTH_INVALID_REQUEST'];
    if (checks.includes(code) && stage !== 'discovery') return new OidcFailure('retry', code);
    if (code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' || code === 'OAUTH_RESPONSE_IS_NOT_JSON') return new OidcFailure('unavailable', `${stage}_${code}`);
    return new OidcFailure(stage === 'discovery' ? 'unavailable' : 'settings', `${stage}_${code}`);
  }
  const name = error instanceof Error ? word(error.name) : 'unknown';
  // fetch() failing (refused, reset, timed out) is a provider that is not there.
  return new OidcFailure('unavailable', `${stage}_${name}`);
}

/** Only letters, digits and underscores of a library's error code reach the log. */
function word(value: unknown): string {
  return String(value).replace(/[^A-Za-z0-9_]/g, '').slice(0, 60) || 'unknown';
}
