import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { readFile } from 'node:fs/promises';
import type { FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { REPORTER_ROUTE_LOG_LEVEL } from '../context.js';
import { AppError } from '../errors.js';

// Resolved against this file: two folders below the root here and in the compiled server
// (dist/server/server.js, see scripts/build.ts), so the same path holds for both.
export const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

/** The page the staff portal (/staff) and the board admin area (/beheer) share. */
export const PORTAL_PAGE = 'portal/index.html';

/**
 * Sends a built page that routes in the browser: it holds no data (that is behind the API), and is
 * never cached, so a new build reaches everyone at once.
 */
export async function sendBuiltPage(reply: FastifyReply, page: string): Promise<FastifyReply> {
  const html = await readFile(path.join(WEB_ROOT, page)).catch(() => undefined);
  if (!html) throw new AppError('not_found', 'Deze pagina is nog niet gebouwd (npm run build).');
  return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}

/** Serves the pages vite built, compressed; hashed assets may be cached for a long time, pages may not. */
export default fp(
  async (app) => {
    if (!existsSync(WEB_ROOT)) {
      app.log.warn({ webRoot: WEB_ROOT }, 'web pages are not built: run npm run build');
      return;
    }
    await app.register(fastifyStatic, {
      root: WEB_ROOT,
      wildcard: true,
      index: ['index.html'],
      // The .br and .gz copies scripts/build.ts writes next to each file, by the client's Accept-Encoding.
      preCompressed: true,
      // The report page, /volgen and the assets they load write no access line: a line's millisecond
      // beside a report's day would pin the moment a child opened the form (the staff pages are
      // served by their own routes, which are logged).
      logLevel: REPORTER_ROUTE_LOG_LEVEL,
      setHeaders(reply, file) {
        const immutable = file.includes(`${path.sep}assets${path.sep}`);
        reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    // A page in a folder answers without the trailing slash too: /volgen is volgen/index.html.
    for (const page of ['volgen']) {
      app.get(`/${page}`, { logLevel: REPORTER_ROUTE_LOG_LEVEL }, (_request, reply) => reply.sendFile(`${page}/index.html`));
    }
  },
  { name: 'web-pages' },
);
