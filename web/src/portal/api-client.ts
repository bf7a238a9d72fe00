// One JSON client per portal (staff, board admin): each has its own CSRF token and its own
// "session ended" listeners. Types only from the server's shared folder: zod stays out of the bundle.
import type { ErrorBody } from '../../../server/shared/errors';
import { CSRF_HEADER } from '../../../server/shared/staff-session';

/** The server's error body, or one this client makes itself when there is no usable answer. */
export interface ApiErrorBody extends Omit<ErrorBody['error'], 'code'> {
  code: ErrorBody['error']['code'] | 'network' | 'unknown';
}

/** An answer in the { error } shape; `status` 401 means the session is gone. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message);
    this.name = 'ApiError';
  }
}

const NETWORK_MESSAGE = 'Geen verbinding met de server. Controleer het netwerk en probeer het opnieuw.';

export interface ApiClient {
  request<T>(method: string, path: string, body?: unknown): Promise<T>;
  /** The CSRF token of this session, from the portal's `me` or login answer; sent with every change. */
  setCsrfToken(token: string): void;
  /** Called when any request finds the session gone (timed out, logged out elsewhere). */
  onSessionEnded(listener: (message: string) => void): () => void;
}

/** `redeemPath`: where a login link is spent; its 401 is a used-up link, not a session that ended. */
export function createApiClient(redeemPath: string): ApiClient {
  let csrfToken = '';
  const sessionEndedListeners = new Set<(message: string) => void>();

  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET') headers[CSRF_HEADER] = csrfToken;
    let response: Response;
    try {
      response = await fetch(path, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, { code: 'network', message: NETWORK_MESSAGE, fields: {} });
    }
    const data: unknown = await response.json().catch(() => undefined);
    if (response.ok) return data as T;
    const error = (data as Partial<ErrorBody> | undefined)?.error;
    const apiError = new ApiError(response.status, {
      code: error?.code ?? 'unknown',
      message: error?.message ?? `Er ging iets mis (HTTP ${response.status}).`,
      fields: error?.fields ?? {},
    });
    if (response.status === 401 && path !== redeemPath) {
      for (const listener of sessionEndedListeners) listener(apiError.message);
    }
    throw apiError;
  }

  return {
    request,
    setCsrfToken: (token) => {
      csrfToken = token;
    },
    onSessionEnded: (listener) => {
      sessionEndedListeners.add(listener);
      return () => sessionEndedListeners.delete(listener);
    },
  };
}

/** The message of any failure, as a portal shows it. */
export const errorMessage = (error: unknown): string => (error instanceof ApiError ? error.message : String(error));
