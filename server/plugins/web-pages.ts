import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';

export const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

/** Serves the pages vite built; hashed assets may be cached for a long time, pages may not. */
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
      setHeaders(reply, file) {
        const immutable = file.includes(`${path.sep}assets${path.sep}`);
        reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    // A page in a folder answers without the trailing slash too: /volgen is volgen/index.html.
    for (const page of ['volgen']) {
      app.get(`/${page}`, (_request, reply) => reply.sendFile(`${page}/index.html`));
    }
  },
  { name: 'web-pages' },
);
