import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../../errors.js';
import { WEB_ROOT } from '../../plugins/web-pages.js';

const BOARD_PAGE = path.join(WEB_ROOT, 'beheer', 'index.html');

/** The admin area is one page that routes in the browser; it holds no data (that is behind /api/beheer). */
export default async function boardPageRoutes(app: FastifyInstance) {
  const sendPage = async (_request: unknown, reply: FastifyReply) => {
    const page = await readFile(BOARD_PAGE).catch(() => undefined);
    if (!page) throw new AppError('not_found', 'Het beheer is nog niet gebouwd (npm run build).');
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page);
  };
  app.get('/beheer', { config: { boardPublic: true } }, sendPage);
  app.get('/beheer/*', { config: { boardPublic: true } }, sendPage);
}
