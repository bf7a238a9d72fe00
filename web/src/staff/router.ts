// The staff page routes in the browser; the server serves the same page for every /staff path.
import { LOGIN_LINK_PATH } from '../../../server/shared/staff-paths';

export type StaffRoute =
  | { page: 'inbox' }
  | { page: 'case'; id: number }
  | { page: 'audit' }
  | { page: 'statistics' }
  | { page: 'security' }
  | { page: 'login-link'; token: string }
  | { page: 'outdated-login-link' }
  | { page: 'not-found' };

export function parseRoute(pathname: string, hash = ''): StaffRoute {
  const path = pathname.replace(/\/+$/, '');
  if (path === LOGIN_LINK_PATH) {
    const token = /^#([A-Za-z0-9_-]{1,100})$/.exec(hash)?.[1];
    return token ? { page: 'login-link', token } : { page: 'inbox' };
  }
  if (path === '/staff') return { page: 'inbox' };
  if (path === '/staff/logboek') return { page: 'audit' };
  if (path === '/staff/cijfers') return { page: 'statistics' };
  if (path === '/staff/beveiliging') return { page: 'security' };
  const caseMatch = /^\/staff\/reports\/(\d{1,12})$/.exec(path);
  if (caseMatch) return { page: 'case', id: Number(caseMatch[1]) };
  // Links from before the token moved into the fragment: their tokens were deleted on upgrade.
  if (path.startsWith(`${LOGIN_LINK_PATH}/`)) return { page: 'outdated-login-link' };
  return { page: 'not-found' };
}

export const NAVIGATE_EVENT = 'staff-navigate';

/** Moves to another page of the portal without a reload. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
  window.scrollTo({ top: 0 });
}

/** Lets ordinary links inside shadow roots navigate in-page (and still open in a new tab with a modifier). */
export function followLink(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const anchor = event.composedPath().find((node): node is HTMLAnchorElement => node instanceof HTMLAnchorElement);
  if (!anchor || anchor.origin !== location.origin || !anchor.pathname.startsWith('/staff')) return;
  event.preventDefault();
  navigate(anchor.pathname + anchor.search);
}

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
