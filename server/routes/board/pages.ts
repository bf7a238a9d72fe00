import type { FastifyInstance } from 'fastify';
import { PORTAL_PAGE, sendBuiltPage } from '../../plugins/web-pages.js';

/** The admin area is the portal page, which routes in the browser; its data is behind /api/beheer. */
export default async function boardPageRoutes(app: FastifyInstance) {
  app.get('/beheer', { config: { boardPublic: true } }, (request, reply) => sendBuiltPage(request, reply, PORTAL_PAGE));
  app.get('/beheer/*', { config: { boardPublic: true } }, (request, reply) => sendBuiltPage(request, reply, PORTAL_PAGE));
}
