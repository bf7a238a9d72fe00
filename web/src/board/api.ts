// The browser's side of /api/beheer. Types come from the server's schema module (type-only imports).
import type { BoardFiguresResponse, BoardMeResponse, BoardPosterResponse, BoardSchool, BoardSchoolsResponse } from '../../../server/shared/board-responses';
import { ApiError, createApiClient } from '../portal/api-client';
import type { TeacherListResponse } from '../../../server/shared/teachers';

export type { BoardContact, BoardCount, BoardDayOff, BoardFiguresResponse, BoardMeResponse, BoardPosterResponse, BoardSchool, BoardSchoolFigures, BoardSchoolsResponse } from '../../../server/shared/board-responses';
export { ApiError };

const client = createApiClient('/api/beheer/sessions');
const { request } = client;
export const { setCsrfToken: setBoardCsrfToken, onSessionEnded: onBoardSessionEnded } = client;

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
  teachers: (slug: string) => request<TeacherListResponse>('GET', `${school(slug)}/teachers`),
  addTeacher: (slug: string, body: { name: string; email: string; groep: string }) =>
    request<TeacherListResponse>('POST', `${school(slug)}/teachers`, body),
  changeTeacher: (slug: string, id: number, body: { name: string; email: string; groep: string }) =>
    request<TeacherListResponse>('PUT', `${school(slug)}/teachers/${id}`, body),
  removeTeacher: (slug: string, id: number) => request<TeacherListResponse>('DELETE', `${school(slug)}/teachers/${id}`),
  requestLink: (email: string) => request<{ message: string }>('POST', '/api/beheer/login', { email }),
  redeemLink: (token: string) => request<BoardMeResponse>('POST', '/api/beheer/sessions', { token }),
  me: () => request<BoardMeResponse>('GET', '/api/beheer/me'),
  logout: () => request<{ ok: true }>('POST', '/api/beheer/logout'),
  schools: () => request<BoardSchoolsResponse>('GET', '/api/beheer/schools'),
  figures: (period: { from?: string; to?: string }) => {
    const query = new URLSearchParams(Object.entries(period).filter((entry): entry is [string, string] => Boolean(entry[1])));
    return request<BoardFiguresResponse>('GET', `/api/beheer/figures${query.size ? `?${query}` : ''}`);
  },
  addSchool: (body: SchoolOptionsInput & { slug: string; contacts: ContactInput[] }) => request<BoardSchool>('POST', '/api/beheer/schools', body),
  changeSchool: (slug: string, body: SchoolOptionsInput) => request<BoardSchool>('PUT', school(slug), body),
  poster: (slug: string) => request<BoardPosterResponse>('GET', `${school(slug)}/poster`),
  /** `forNextSchoolYear`: in the table only from next school year's 1 August. */
  addContact: (slug: string, body: ContactInput & { forNextSchoolYear?: boolean }) => request<BoardSchool>('POST', `${school(slug)}/contacts`, body),
  /** `handOverTo`: who takes the open cases the change takes from them (the server asks when there are some). */
  changeContact: (slug: string, id: number, body: ContactInput & { handOverTo?: number }) => request<BoardSchool>('PUT', `${school(slug)}/contacts/${id}`, body),
  endContact: (slug: string, id: number, handOverTo?: number) =>
    request<BoardSchool>('POST', `${school(slug)}/contacts/${id}/end`, handOverTo === undefined ? {} : { handOverTo }),
  confirmSchoolYear: (slug: string) => request<BoardSchool>('POST', `${school(slug)}/school-year/confirm`),
  addDayOff: (slug: string, body: { day: string; label: string }) => request<BoardSchool>('POST', `${school(slug)}/days-off`, body),
  removeDayOff: (slug: string, id: number) => request<BoardSchool>('POST', `${school(slug)}/days-off/${id}/remove`),
};
