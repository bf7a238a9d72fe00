import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { adminCookie, adminUnauthorized, authenticateAdmin, type BoardAdminPrincipal } from '../board/admin-sessions.js';
import type { AppContext } from '../context.js';
import { assertCsrfToken } from '../staff-auth/csrf.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The logged-in board admin; set on every /api/beheer route not marked boardPublic. */
    boardAdmin: BoardAdminPrincipal | null;
  }
  interface FastifyContextConfig {
    /** The board routes that work without a session: the page shell and the login link. */
    boardPublic?: boolean;
  }
}

/**
 * Authentication of the board admin area, like the staff portal's (session cookie + CSRF token in
 * a header) but with its own cookie and its own session table.
 */
export default fp<{ context: AppContext }>(
  async (app, { context }) => {
    const cookie = adminCookie(context.config);
    app.decorateRequest('boardAdmin', null);
    app.addHook('onRequest', async (request) => {
      if (request.routeOptions.config.boardPublic) return;
      const principal = await authenticateAdmin(context, request.cookies[cookie.name]);
      assertCsrfToken(request, principal.csrfToken);
      request.boardAdmin = principal;
    });
  },
  { name: 'board-auth', dependencies: ['@fastify/cookie'] },
);

export function boardAdminOf(request: FastifyRequest): BoardAdminPrincipal {
  if (!request.boardAdmin) throw adminUnauthorized();
  return request.boardAdmin;
}
