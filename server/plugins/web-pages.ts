import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { negotiate } from '@fastify/accept-negotiator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { REPORTER_ROUTE_LOG_LEVEL } from '../context.js';
import { AppError } from '../errors.js';
import { messageKey } from '../shared/server-messages.js';

// Resolved against this file: two folders below the root here and in the compiled server
// (dist/server/server.js, see scripts/build.ts), so the same path holds for both.
export const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

/** The page the staff portal (/staff) and the board admin area (/beheer) share. */
export const PORTAL_PAGE = 'portal/index.html';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};
const PRECOMPRESSED = { br: '.br', gzip: '.gz' } as const;
type Encoding = keyof typeof PRECOMPRESSED;

/** One built file with the brotli and gzip copies the build wrote beside it. */
interface BuiltFile {
  type: string;
  etag: string;
  plain: Buffer;
  encoded: Partial<Record<Encoding, Buffer>>;
  /** Under assets/ the names carry a content hash: such a file never changes. */
  immutable: boolean;
}

/**
 * Every built file, read once at start. The whole build is about half a megabyte; held in memory,
 * a page or script never waits for a file read in libuv's thread pool, where a burst of screenshot
 * work would otherwise queue it (and an upgrade restarts the server anyway).
 */
function readBuiltFiles(root: string): Map<string, BuiltFile> {
  const files = new Map<string, BuiltFile>();
  for (const name of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    const file = path.join(root, name);
    const type = CONTENT_TYPES[path.extname(file)];
    if (!type || !statSync(file).isFile()) continue;
    const plain = readFileSync(file);
    const encoded: BuiltFile['encoded'] = {};
    for (const [encoding, suffix] of Object.entries(PRECOMPRESSED) as Array<[Encoding, string]>) {
      if (existsSync(file + suffix)) encoded[encoding] = readFileSync(file + suffix);
    }
    const relative = path.relative(root, file).split(path.sep).join('/');
    files.set(relative, {
      type,
      etag: `"${createHash('sha256').update(plain).digest('base64url').slice(0, 22)}"`,
      plain,
      encoded,
      immutable: relative.startsWith('assets/'),
    });
  }
  return files;
}

let builtFiles: Map<string, BuiltFile> | undefined;

function send(request: FastifyRequest, reply: FastifyReply, file: BuiltFile, cacheControl: string): FastifyReply {
  reply.header('content-type', file.type).header('cache-control', cacheControl).header('etag', file.etag);
  if (Object.keys(file.encoded).length > 0) reply.header('vary', 'accept-encoding');
  if (request.headers['if-none-match'] === file.etag) return reply.code(304).send();
  const encoding = negotiate(request.headers['accept-encoding'] ?? '', Object.keys(file.encoded)) as Encoding | undefined;
  const body = encoding ? file.encoded[encoding] : undefined;
  if (encoding && body) return reply.header('content-encoding', encoding).send(body);
  return reply.send(file.plain);
}

/**
 * Sends a built page that routes in the browser: it holds no data (that is behind the API), and is
 * never cached.
 */
export function sendBuiltPage(request: FastifyRequest, reply: FastifyReply, page: string): FastifyReply {
  const file = builtFiles?.get(page);
  if (!file) throw new AppError('not_found', messageKey('pages.notBuilt'));
  return send(request, reply, file, 'no-store');
}

/** The built file a path names (the router's decoded wildcard): volgen and volgen/ are volgen/index.html, '' is index.html. */
function fileFor(wildcard: string): BuiltFile | undefined {
  const folder = wildcard.replace(/\/$/, '');
  return builtFiles!.get(wildcard) ?? builtFiles!.get(folder ? `${folder}/index.html` : 'index.html');
}

/** Serves the pages vite built, from memory and precompressed; hashed assets may be cached for a long time, pages may not. */
export default fp(
  async (app) => {
    if (!existsSync(WEB_ROOT)) {
      app.log.warn({ webRoot: WEB_ROOT }, 'web pages are not built: run npm run build');
      return;
    }
    builtFiles = readBuiltFiles(WEB_ROOT);
    // The report page, /volgen and the assets they load write no access line: a line's millisecond
    // beside a report's day would pin the moment a child opened the form (the staff pages are served
    // by their own routes, which are logged).
    app.get('/*', { logLevel: REPORTER_ROUTE_LOG_LEVEL }, (request, reply) => {
      const file = fileFor((request.params as { '*': string })['*']);
      if (!file) return reply.callNotFound();
      return send(request, reply, file, file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    });
  },
  { name: 'web-pages' },
);
