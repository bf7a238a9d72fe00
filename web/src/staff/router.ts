// The staff page routes in the browser; the server serves the same page for every /staff path.
import { LOGIN_LINK_PATH, SCHOOL_YEAR_PATH } from '../../../server/shared/staff-paths';
import { createRouter, loginTokenOf } from '../portal/router';

export type StaffRoute =
  | { page: 'inbox' }
  | { page: 'case'; id: number }
  | { page: 'record' }
  | { page: 'audit' }
  | { page: 'statistics' }
  | { page: 'security' }
  | { page: 'school-year' }
  | { page: 'teachers' }
  | { page: 'login-link'; token: string }
  | { page: 'outdated-login-link' }
  | { page: 'not-found' };

export function parseRoute(pathname: string, hash = ''): StaffRoute {
  const path = pathname.replace(/\/+$/, '');
  if (path === LOGIN_LINK_PATH) {
    const token = loginTokenOf(hash);
    return token ? { page: 'login-link', token } : { page: 'inbox' };
  }
  if (path === '/staff') return { page: 'inbox' };
  if (path === '/staff/logboek') return { page: 'audit' };
  if (path === '/staff/vastleggen') return { page: 'record' };
  if (path === '/staff/cijfers') return { page: 'statistics' };
  if (path === '/staff/beveiliging') return { page: 'security' };
  if (path === '/staff/leerkrachten') return { page: 'teachers' };
  if (path === SCHOOL_YEAR_PATH) return { page: 'school-year' };
  const caseMatch = /^\/staff\/reports\/(\d{1,12})$/.exec(path);
  if (caseMatch) return { page: 'case', id: Number(caseMatch[1]) };
  // Links from before the token moved into the fragment: their tokens were deleted on upgrade.
  if (path.startsWith(`${LOGIN_LINK_PATH}/`)) return { page: 'outdated-login-link' };
  return { page: 'not-found' };
}

export const { event: NAVIGATE_EVENT, navigate, followLink } = createRouter('/staff');

const RETURN_KEY = 'klikvrij-staff-return';

/** A deep link opened while logged out (say from a notification mail) is remembered for after login. */
export function rememberReturnPath(path: string): void {
  if (path.startsWith('/staff/reports/')) localStorage.setItem(RETURN_KEY, path);
}

export function takeReturnPath(): string {
  const path = localStorage.getItem(RETURN_KEY);
  localStorage.removeItem(RETURN_KEY);
  return path && /^\/staff\/reports\/\d+$/.test(path) ? path : '/staff';
}
