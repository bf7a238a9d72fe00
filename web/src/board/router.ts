// The admin area routes in the browser; the server serves the same page for every /beheer path.
import { BOARD_LOGIN_LINK_PATH } from '../../../server/shared/board-values';

export type BoardRoute =
  | { page: 'schools' }
  | { page: 'school'; slug: string }
  | { page: 'new-school' }
  | { page: 'login-link'; token: string }
  | { page: 'not-found' };

export function parseBoardRoute(pathname: string, hash = ''): BoardRoute {
  const path = pathname.replace(/\/+$/, '');
  if (path === BOARD_LOGIN_LINK_PATH) {
    const token = /^#([A-Za-z0-9_-]{1,100})$/.exec(hash)?.[1];
    return token ? { page: 'login-link', token } : { page: 'schools' };
  }
  if (path === '/beheer') return { page: 'schools' };
  if (path === '/beheer/nieuw') return { page: 'new-school' };
  const school = /^\/beheer\/scholen\/([a-z0-9-]{2,40})$/.exec(path);
  if (school) return { page: 'school', slug: school[1]! };
  return { page: 'not-found' };
}

export const BOARD_NAVIGATE_EVENT = 'board-navigate';

export function boardNavigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  window.dispatchEvent(new Event(BOARD_NAVIGATE_EVENT));
  window.scrollTo({ top: 0 });
}

/** Ordinary links inside shadow roots navigate in-page. */
export function followBoardLink(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const anchor = event.composedPath().find((node): node is HTMLAnchorElement => node instanceof HTMLAnchorElement);
  if (!anchor || anchor.origin !== location.origin || !anchor.pathname.startsWith('/beheer')) return;
  event.preventDefault();
  boardNavigate(anchor.pathname);
}

/** The route of the address bar; a login token is read from the fragment once and then dropped from it. */
export function currentBoardRoute(): BoardRoute {
  const route = parseBoardRoute(location.pathname, location.hash);
  if (route.page === 'login-link') history.replaceState(null, '', BOARD_LOGIN_LINK_PATH);
  return route;
}
