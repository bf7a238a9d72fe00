import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { adminCookie, adminUnauthorized, authenticateAdmin, type BoardAdminPrincipal } from '../board/admin-sessions.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { sameToken } from '../staff-auth/tokens.js';

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

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const CSRF_HEADER = 'x-csrf-token';
const CSRF_MESSAGE = 'Deze actie is geweigerd omdat de beveiligingscode ontbrak. Laad de pagina opnieuw en probeer het nog eens.';

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
      if (!SAFE_METHODS.has(request.method)) {
        const sent = request.headers[CSRF_HEADER];
        if (typeof sent !== 'string' || !sameToken(sent, principal.csrfToken)) throw new AppError('csrf', CSRF_MESSAGE);
      }
      request.boardAdmin = principal;
    });
  },
  { name: 'board-auth', dependencies: ['@fastify/cookie'] },
);

export function boardAdminOf(request: FastifyRequest): BoardAdminPrincipal {
  if (!request.boardAdmin) throw adminUnauthorized();
  return request.boardAdmin;
}
