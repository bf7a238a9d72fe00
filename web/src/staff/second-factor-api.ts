// The browser's side of /api/staff/second-factor (TOTP). Types come from the shared zod schemas.
import type { ErrorCode } from '../../../server/shared/errors';
import type {
  ColleagueSecondFactorsResponse,
  PendingLoginResponse,
  SecondFactorStatusResponse,
  TotpEnabledResponse,
  TotpSetupResponse,
} from '../../../server/shared/staff-responses';
import { request, type MeResponse } from './api';

export type { ColleagueSecondFactorsResponse, PendingLoginResponse, SecondFactorStatusResponse, TotpEnabledResponse, TotpSetupResponse };

/** Error codes of a session that is not complete yet. */
export const SECOND_FACTOR_REQUIRED = 'second_factor_required' satisfies ErrorCode;
export const TOTP_SETUP_REQUIRED = 'totp_setup_required' satisfies ErrorCode;

/** The answer to a login link: the person's data, or only the stage when a code or TOTP setup is owed. */
export function isPendingLogin(answer: MeResponse | PendingLoginResponse): answer is PendingLoginResponse {
  return 'stage' in answer && !('name' in answer);
}

export const secondFactorApi = {
  status: () => request<SecondFactorStatusResponse>('GET', '/api/staff/second-factor'),
  verify: (code: string) => request<SecondFactorStatusResponse>('POST', '/api/staff/second-factor/verify', { code }),
  setup: () => request<TotpSetupResponse>('POST', '/api/staff/second-factor/setup', {}),
  enable: (code: string) => request<TotpEnabledResponse>('POST', '/api/staff/second-factor/enable', { code }),
  disable: (code: string) => request<SecondFactorStatusResponse>('POST', '/api/staff/second-factor/disable', { code }),
  colleagues: () => request<ColleagueSecondFactorsResponse>('GET', '/api/staff/colleagues/second-factor'),
  resetColleague: (email: string) =>
    request<ColleagueSecondFactorsResponse>('POST', '/api/staff/colleagues/second-factor/reset', { email }),
};
