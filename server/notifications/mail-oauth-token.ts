// Access tokens for SMTP XOAUTH2 through the OAuth2 client credentials grant (RFC 6749 §4.4), as
// Microsoft 365 issues them to an app registration with SMTP.SendAsApp. The token is asked for
// once, kept until shortly before it expires, and asked for anew when the mail server refuses it.
// Neither the client secret nor a token ever goes into an error message or a log line.

export interface ClientCredentialsSettings {
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly scope: string;
}

/** How long the token endpoint may take to answer before the attempt counts as failed. */
export const MAIL_TOKEN_REQUEST_TIMEOUT_MS = 15_000;
/** A token is replaced this long before it expires, so none expires between login and message. */
export const MAIL_TOKEN_REFRESH_MARGIN_MS = 5 * 60_000;
/**
 * After a failed request, logins within this time fail with the same error instead of asking again:
 * a batch of mails makes one request to an endpoint that is down, not one per mail (each of which
 * could wait the whole timeout).
 */
export const MAIL_TOKEN_FAILURE_HOLD_MS = 1_000;
/** Used when the endpoint gives no expires_in: the usual lifetime of a Microsoft or Google token. */
const ASSUMED_LIFETIME_MS = 60 * 60_000;

/** The token endpoint could not give a token; the mail stays in the outbox and is tried again. */
export class MailTokenError extends Error {
  override name = 'MailTokenError';
  readonly code = 'EOAUTHTOKEN';
}

/** What the operator's health view shows of the token; never the token itself. */
export interface MailTokenState {
  /** Since when every request for a token has failed; undefined while tokens come. */
  failingSince: string | undefined;
  /** Requests in a row that failed. */
  failures: number;
  error: string | undefined;
}

interface CachedToken {
  accessToken: string;
  /** When it is replaced (expiry less the margin), in the app's clock. */
  refreshAt: number;
}

export class ClientCredentialsTokens {
  private cached: CachedToken | undefined;
  /** One request at a time: logins that need a token meanwhile wait for the same answer. */
  private pending: Promise<string> | undefined;
  private failure: { since: string; count: number; error: string; at: number } | undefined;

  constructor(
    private readonly settings: ClientCredentialsSettings,
    private readonly now: () => Date,
  ) {}

  /**
   * Whether a login has been given the cached token since it was fetched. A refusal can only be of
   * a token some login used: when two pooled connections are refused the same old token, the second
   * finds the first one's new token unused and takes it instead of asking again.
   */
  private usedSinceFetch = false;

  /** A valid token; `renew` when the mail server refused the last one (expired or revoked). */
  async token(renew = false): Promise<string> {
    const now = this.now().getTime();
    const fresh = this.cached && now < this.cached.refreshAt ? this.cached : undefined;
    if (renew && fresh && !this.usedSinceFetch) return fresh.accessToken;
    if (renew) this.cached = undefined;
    else if (fresh) {
      this.usedSinceFetch = true;
      return fresh.accessToken;
    }
    if (this.failure && now - this.failure.at < MAIL_TOKEN_FAILURE_HOLD_MS) throw new MailTokenError(this.failure.error);
    this.pending ??= this.request().finally(() => {
      this.pending = undefined;
    });
    const token = await this.pending;
    if (!renew) this.usedSinceFetch = true;
    return token;
  }

  state(): MailTokenState {
    return { failingSince: this.failure?.since, failures: this.failure?.count ?? 0, error: this.failure?.error };
  }

  private async request(): Promise<string> {
    const askedAt = this.now().getTime();
    try {
      const { accessToken, lifetimeMs } = await this.fetchToken();
      const margin = Math.min(MAIL_TOKEN_REFRESH_MARGIN_MS, lifetimeMs / 2);
      this.cached = { accessToken, refreshAt: askedAt + lifetimeMs - margin };
      this.usedSinceFetch = false;
      this.failure = undefined;
      return accessToken;
    } catch (error) {
      const message = error instanceof MailTokenError ? error.message : `token request failed: ${String(error)}`;
      this.failure ??= { since: new Date(askedAt).toISOString(), count: 0, error: message, at: askedAt };
      this.failure.count += 1;
      this.failure.error = message;
      this.failure.at = askedAt;
      throw error instanceof MailTokenError ? error : new MailTokenError(message);
    }
  }

  private async fetchToken(): Promise<{ accessToken: string; lifetimeMs: number }> {
    const { tokenUrl, clientId, clientSecret, scope } = this.settings;
    let response: Response;
    try {
      response = await fetch(tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        // client_secret_post: what Microsoft's identity platform documents for the client credentials grant.
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope }),
        signal: AbortSignal.timeout(MAIL_TOKEN_REQUEST_TIMEOUT_MS),
        redirect: 'error',
      });
    } catch (error) {
      throw new MailTokenError(`the token endpoint ${origin(tokenUrl)} did not answer (${networkReason(error)})`);
    }
    const body = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    if (!response.ok) {
      // RFC 6749 §5.2: `error` is a fixed code, `error_description` human text; neither holds a secret.
      const code = typeof body?.error === 'string' ? body.error : 'no OAuth error code';
      const description = typeof body?.error_description === 'string' ? `: ${body.error_description.slice(0, 200)}` : '';
      throw new MailTokenError(`the token endpoint ${origin(tokenUrl)} answered ${response.status} ${code}${description}`);
    }
    const accessToken = body?.access_token;
    if (typeof accessToken !== 'string' || accessToken.length === 0) {
      throw new MailTokenError(`the token endpoint ${origin(tokenUrl)} answered without an access_token`);
    }
    const expiresIn = Number(body?.expires_in);
    return { accessToken, lifetimeMs: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn * 1000 : ASSUMED_LIFETIME_MS };
  }
}

function origin(url: string): string {
  return new URL(url).origin;
}

function networkReason(error: unknown): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') return `no answer within ${MAIL_TOKEN_REQUEST_TIMEOUT_MS / 1000} s`;
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === 'string' ? cause.code : error instanceof Error ? error.message : String(error);
}
