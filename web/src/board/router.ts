// The admin area routes in the browser; the server serves the same page for every /beheer path.
import { BOARD_LOGIN_LINK_PATH } from '../../../server/shared/board-values';
import { createRouter, loginTokenOf } from '../portal/router';

export type BoardRoute =
  | { page: 'schools' }
  | { page: 'school'; slug: string }
  | { page: 'poster'; slug: string }
  | { page: 'new-school' }
  | { page: 'figures' }
  | { page: 'login-link'; token: string }
  | { page: 'not-found' };

export function parseBoardRoute(pathname: string, hash = ''): BoardRoute {
  const path = pathname.replace(/\/+$/, '');
  if (path === BOARD_LOGIN_LINK_PATH) {
    const token = loginTokenOf(hash);
    return token ? { page: 'login-link', token } : { page: 'schools' };
  }
  if (path === '/beheer') return { page: 'schools' };
  if (path === '/beheer/nieuw') return { page: 'new-school' };
  if (path === '/beheer/cijfers') return { page: 'figures' };
  const school = /^\/beheer\/scholen\/([a-z0-9-]{2,40})(\/poster)?$/.exec(path);
  if (school) return { page: school[2] ? 'poster' : 'school', slug: school[1]! };
  return { page: 'not-found' };
}

export const { event: BOARD_NAVIGATE_EVENT, navigate: boardNavigate, followLink: followBoardLink } = createRouter('/beheer');

/** The route of the address bar; a login token is read from the fragment once and then dropped from it. */
export function currentBoardRoute(): BoardRoute {
  const route = parseBoardRoute(location.pathname, location.hash);
  if (route.page === 'login-link') history.replaceState(null, '', BOARD_LOGIN_LINK_PATH);
  return route;
}
