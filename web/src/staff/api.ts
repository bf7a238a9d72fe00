// The browser's side of /api/staff. Response types come from the shared zod schemas (type-only
// imports: zod stays out of the bundle).
import { ApiError, createApiClient, type ApiErrorBody } from '../portal/api-client';
import type {
  AuditResponse,
  CaseResponse,
  InboxResponse,
  MailProblemsResponse,
  MeResponse,
  RecordedReportResponse,
  StatisticsResponse,
} from '../../../server/shared/staff-responses';
import type { LoginOptionsResponse } from '../../../server/shared/school-sign-in';
import type { StaffSchoolYearResponse } from '../../../server/shared/board-responses';
import type { InvitationsResponse, InvitedCasesResponse, TeacherListResponse } from '../../../server/shared/teachers';

export { ApiError, type ApiErrorBody };
export type { AuditResponse, CaseResponse, InboxResponse, MailProblemsResponse, MeResponse, RecordedReportResponse, StaffSchoolYearResponse, StatisticsResponse };
export type { InvitationsResponse, InvitedCasesResponse, TeacherListResponse };
export type InboxItem = InboxResponse['reports'][number];

const client = createApiClient('/api/staff/sessions');
export const { request, setCsrfToken, onSessionEnded } = client;

export const api = {
  loginOptions: () => request<LoginOptionsResponse>('GET', '/api/staff/login-options'),
  requestLink: (email: string) => request<{ message: string }>('POST', '/api/staff/login', { email }),
  redeemLink: (token: string) => request<MeResponse>('POST', '/api/staff/sessions', { token }),
  me: () => request<MeResponse>('GET', '/api/staff/me'),
  switchSchool: (school: string) => request<MeResponse>('POST', '/api/staff/school', { school }),
  logout: () => request<{ ok: true }>('POST', '/api/staff/logout'),
  logoutEverywhere: () => request<{ ok: true; ended: number }>('POST', '/api/staff/logout-everywhere'),
  inbox: (query: URLSearchParams) => request<InboxResponse>('GET', `/api/staff/reports?${query.toString()}`),
  /** A report that came in person, by phone, by letter or from one's own observation. */
  recordReport: (body: object) => request<RecordedReportResponse>('POST', '/api/staff/reports', body),
  openCase: (id: number) => request<CaseResponse>('GET', `/api/staff/reports/${id}`),
  /** One change to a case; the answer is the case as it now is. */
  changeCase: (id: number, method: 'POST' | 'PUT', action: string, body: object = {}) =>
    request<CaseResponse>(method, `/api/staff/reports/${id}/${action}`, body),
  statistics: (query: URLSearchParams) => request<StatisticsResponse>('GET', `/api/staff/statistics?${query.toString()}`),
  /** The school year page: the contact table's confirmation and the school's days off. */
  schoolYear: () => request<StaffSchoolYearResponse>('GET', '/api/staff/school-year'),
  confirmSchoolYear: () => request<StaffSchoolYearResponse>('POST', '/api/staff/school-year/confirm'),
  addDayOff: (body: { day: string; label: string }) => request<StaffSchoolYearResponse>('POST', '/api/staff/days-off', body),
  removeDayOff: (id: number) => request<StaffSchoolYearResponse>('POST', `/api/staff/days-off/${id}/remove`),
  invitedCases: () => request<InvitedCasesResponse>('GET', '/api/staff/invited-cases'),
  invitations: (id: number) => request<InvitationsResponse>('GET', `/api/staff/reports/${id}/invitations`),
  invite: (id: number, teacherId: number, shareIdentity: boolean) =>
    request<InvitationsResponse>('POST', `/api/staff/reports/${id}/invitations`, { teacherId, shareIdentity }),
  shareIdentity: (id: number, invitationId: number, shareIdentity: boolean) =>
    request<InvitationsResponse>('PUT', `/api/staff/reports/${id}/invitations/${invitationId}`, { shareIdentity }),
  withdrawInvitation: (id: number, invitationId: number) =>
    request<InvitationsResponse>('DELETE', `/api/staff/reports/${id}/invitations/${invitationId}`),
  teachers: () => request<TeacherListResponse>('GET', '/api/staff/teachers'),
  addTeacher: (body: { name: string; email: string; groep: string }) => request<TeacherListResponse>('POST', '/api/staff/teachers', body),
  changeTeacher: (id: number, body: { name: string; email: string; groep: string }) =>
    request<TeacherListResponse>('PUT', `/api/staff/teachers/${id}`, body),
  removeTeacher: (id: number) => request<TeacherListResponse>('DELETE', `/api/staff/teachers/${id}`),
  /** Mails given up: the directeur's, and the vertrouwenspersoon's about reports for them alone. */
  mailProblems: () => request<MailProblemsResponse>('GET', '/api/staff/mail-problems'),
  dismissMailProblem: (id: number) => request<{ ok: true }>('DELETE', `/api/staff/mail-problems/${id}`),
  audit: (offset?: number) => request<AuditResponse>('GET', `/api/staff/audit${offset ? `?offset=${offset}` : ''}`),
};
