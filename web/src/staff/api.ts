// The browser's side of /api/staff. Response types come from the shared zod schemas (type-only
// imports: zod stays out of the bundle).
import type { ErrorBody } from '../../../server/shared/errors';
import { CSRF_HEADER } from '../../../server/shared/staff-session';
import type {
  AuditResponse,
  CaseResponse,
  InboxResponse,
  MeResponse,
  StatisticsResponse,
} from '../../../server/shared/staff-responses';
import type { LoginOptionsResponse } from '../../../server/shared/school-sign-in';

export type { AuditResponse, CaseResponse, InboxResponse, MeResponse, StatisticsResponse };
export type InboxItem = InboxResponse['reports'][number];

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

let csrfToken = '';
const sessionEndedListeners = new Set<(message: string) => void>();

/** The CSRF token of this session, from /api/staff/me or the login answer; sent with every change. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Called when any request finds the session gone (timed out, logged out elsewhere). */
export function onSessionEnded(listener: (message: string) => void): () => void {
  sessionEndedListeners.add(listener);
  return () => sessionEndedListeners.delete(listener);
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
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
  // A used-up login link is a 401 too, but not a session that ended.
  if (response.status === 401 && path !== '/api/staff/sessions') {
    for (const listener of sessionEndedListeners) listener(apiError.message);
  }
  throw apiError;
}

export const api = {
  loginOptions: () => request<LoginOptionsResponse>('GET', '/api/staff/login-options'),
  requestLink: (email: string) => request<{ message: string }>('POST', '/api/staff/login', { email }),
  redeemLink: (token: string) => request<MeResponse>('POST', '/api/staff/sessions', { token }),
  me: () => request<MeResponse>('GET', '/api/staff/me'),
  switchSchool: (school: string) => request<MeResponse>('POST', '/api/staff/school', { school }),
  logout: () => request<{ ok: true }>('POST', '/api/staff/logout'),
  logoutEverywhere: () => request<{ ok: true; ended: number }>('POST', '/api/staff/logout-everywhere'),
  inbox: (query: URLSearchParams) => request<InboxResponse>('GET', `/api/staff/reports?${query.toString()}`),
  openCase: (id: number) => request<CaseResponse>('GET', `/api/staff/reports/${id}`),
  /** One change to a case; the answer is the case as it now is. */
  changeCase: (id: number, method: 'POST' | 'PUT', action: string, body: object = {}) =>
    request<CaseResponse>(method, `/api/staff/reports/${id}/${action}`, body),
  statistics: (query: URLSearchParams) => request<StatisticsResponse>('GET', `/api/staff/statistics?${query.toString()}`),
  audit: (before?: number) => request<AuditResponse>('GET', `/api/staff/audit${before ? `?before=${before}` : ''}`),
};
