import type { FastifyInstance } from 'fastify';
import { PORTAL_PAGE, sendBuiltPage } from '../../plugins/web-pages.js';

/**
 * The staff side is the portal page, which routes in the browser: /staff, /staff/reports/12 and
 * /staff/login (the token follows in the fragment, which never reaches the server) all get the same
 * HTML. It holds no data; every piece of data comes from /api/staff behind the session.
 */
export default async function staffPageRoutes(app: FastifyInstance) {
  app.get('/staff', { config: { staffPublic: true } }, (request, reply) => sendBuiltPage(request, reply, PORTAL_PAGE));
  app.get('/staff/*', { config: { staffPublic: true } }, (request, reply) => sendBuiltPage(request, reply, PORTAL_PAGE));
}
