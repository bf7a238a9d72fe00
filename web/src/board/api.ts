// The browser's side of /api/beheer. Types come from the server's schema module (type-only imports).
import type { BoardMeResponse, BoardSchool, BoardSchoolsResponse } from '../../../server/shared/board-responses';
import { ApiError } from '../staff/api';

export type { BoardContact, BoardMeResponse, BoardSchool, BoardSchoolsResponse } from '../../../server/shared/board-responses';
export { ApiError };

const NETWORK_MESSAGE = 'Geen verbinding met de server. Controleer het netwerk en probeer het opnieuw.';

let csrfToken = '';

export function setBoardCsrfToken(token: string): void {
  csrfToken = token;
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, { code: 'network', message: NETWORK_MESSAGE, fields: {} });
  }
  const data: unknown = await response.json().catch(() => undefined);
  if (response.ok) return data as T;
  const error = (data as { error?: ApiError['body'] } | undefined)?.error;
  throw new ApiError(response.status, {
    code: error?.code ?? 'unknown',
    message: error?.message ?? `Er ging iets mis (HTTP ${response.status}).`,
    fields: error?.fields ?? {},
  });
}

/** A contact as the forms send it. */
export interface ContactInput {
  name: string;
  email: string;
  roles: string[];
  note?: string;
}

export interface SchoolOptionsInput {
  name: string;
  fullNotificationMail: boolean;
  requireTotp: boolean;
  retentionMonths: number | null;
  holidayRegion: string | null;
  loginLink: boolean;
}

const school = (slug: string) => `/api/beheer/schools/${encodeURIComponent(slug)}`;

export const boardApi = {
  requestLink: (email: string) => request<{ message: string }>('POST', '/api/beheer/login', { email }),
  redeemLink: (token: string) => request<BoardMeResponse>('POST', '/api/beheer/sessions', { token }),
  me: () => request<BoardMeResponse>('GET', '/api/beheer/me'),
  logout: () => request<{ ok: true }>('POST', '/api/beheer/logout'),
  schools: () => request<BoardSchoolsResponse>('GET', '/api/beheer/schools'),
  addSchool: (body: SchoolOptionsInput & { slug: string; contacts: ContactInput[] }) => request<BoardSchool>('POST', '/api/beheer/schools', body),
  changeSchool: (slug: string, body: SchoolOptionsInput) => request<BoardSchool>('PUT', school(slug), body),
  addContact: (slug: string, body: ContactInput) => request<BoardSchool>('POST', `${school(slug)}/contacts`, body),
  changeContact: (slug: string, id: number, body: ContactInput) => request<BoardSchool>('PUT', `${school(slug)}/contacts/${id}`, body),
  endContact: (slug: string, id: number) => request<BoardSchool>('POST', `${school(slug)}/contacts/${id}/end`),
};
