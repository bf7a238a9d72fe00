import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../errors.js';
import { WEB_ROOT } from '../../plugins/web-pages.js';

const STAFF_PAGE = path.join(WEB_ROOT, 'staff', 'index.html');

/**
 * The staff side is one page that routes in the browser: /staff, /staff/reports/12 and
 * /staff/login (the token follows in the fragment, which never reaches the server) all get the same
 * HTML. It holds no data; every piece of data comes from /api/staff behind the session.
 */
export default async function staffPageRoutes(app: FastifyInstance) {
  const sendPage = async (_request: unknown, reply: import('fastify').FastifyReply) => {
    const page = await readFile(STAFF_PAGE).catch(() => undefined);
    if (!page) throw new AppError('not_found', 'Het personeelsportaal is nog niet gebouwd (npm run build).');
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page);
  };
  app.get('/staff', { config: { staffPublic: true } }, sendPage);
  app.get('/staff/*', { config: { staffPublic: true } }, sendPage);
}
