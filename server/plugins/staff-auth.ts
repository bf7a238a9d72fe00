import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { adminCookie } from '../board/admin-sessions.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { authenticate, sessionCookie, unauthorized } from '../staff-auth/sessions.js';
import type { StaffStage } from '../shared/staff-session.js';
import type { StaffPrincipal } from '../staff-auth/staff-identity.js';
import { stageRefusal } from '../staff-auth/second-factor.js';
import { assertCsrfToken } from '../staff-auth/csrf.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The logged-in colleague; set on every staff route that is not marked staffPublic. */
    staff: StaffPrincipal | null;
  }
  interface FastifyContextConfig {
    /** The few staff routes that work without a session: requesting and using a login link. */
    staffPublic?: boolean;
    /** Session stages this route serves besides `full` (default: only `full`); see StaffStage. */
    staffStages?: readonly StaffStage[];
    /** Routes a class teacher may use too (their own session, their invited cases); every other refuses them. */
    staffTeacher?: boolean;
  }
}

const BOARD_ADMIN_MESSAGE = 'Als beheerder kun je geen meldingen inzien. Log in met je eigen inloglink als je ook voor een school werkt.';
const TEACHER_MESSAGE = 'Als leerkracht zie je alleen de meldingen waarvoor je bent uitgenodigd.';

/**
 * Authentication for the routes of the scope it is registered in: every route needs a live session
 * unless marked `staffPublic`. Every state change also needs the session's CSRF token in a header
 * (synchronizer token): a cross-site page can neither read the token nor set a custom header
 * without a CORS preflight that this server never grants. SameSite=Strict on the cookie is the
 * second line.
 */
export default fp<{ context: AppContext }>(
  async (app, { context }) => {
    const cookie = sessionCookie(context.config);
    app.decorateRequest('staff', null);
    const boardCookie = adminCookie(context.config);
    app.addHook('onRequest', async (request) => {
      if (request.routeOptions.config.staffPublic) return;
      // A board admin manages schools and never reads a case: their session is refused here outright.
      if (!request.cookies[cookie.name] && request.cookies[boardCookie.name]) throw new AppError('forbidden', BOARD_ADMIN_MESSAGE);
      const principal = await authenticate(context, request.cookies[cookie.name]);
      assertCsrfToken(request, principal.csrfToken);
      // A session owing its TOTP code (or its TOTP setup) reaches only the routes that settle that.
      if (principal.stage !== 'full' && !request.routeOptions.config.staffStages?.includes(principal.stage)) {
        throw stageRefusal(principal.stage);
      }
      // A teacher reaches only the routes opened to them; every other staff route stays closed.
      if (principal.kind === 'teacher' && !request.routeOptions.config.staffTeacher) throw new AppError('forbidden', TEACHER_MESSAGE);
      request.staff = principal;
    });
  },
  { name: 'staff-auth', dependencies: ['@fastify/cookie'] },
);

/** The principal of an authenticated route; the hook guarantees it, this keeps the types honest. */
export function staffOf(request: FastifyRequest): StaffPrincipal {
  if (!request.staff) throw unauthorized();
  return request.staff;
}
