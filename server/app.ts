import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import type { AppContext } from './context.js';
import { AppError } from './errors.js';
import type { ErrorCode } from './shared/errors.js';
import {
  CONNECTION_CHECK_INTERVAL_MS,
  CONNECTION_IDLE_TIMEOUT_MS,
  HEADERS_TIMEOUT_MS,
  KEEP_ALIVE_TIMEOUT_MS,
  MAX_CONNECTIONS,
  MAX_JSON_BODY_BYTES,
  STORAGE_RETRY_AFTER_SECONDS,
} from './shared/limits.js';
import compression from './plugins/compression.js';
import multipart from './plugins/multipart.js';
import noStore from './plugins/no-store.js';
import rateLimit from './plugins/rate-limit.js';
import securityHeaders, { FALLBACK_SECURITY_HEADERS } from './plugins/security-headers.js';
import webPages from './plugins/web-pages.js';
import healthRoutes from './routes/health/index.js';
import followUpRoutes from './routes/follow-up/index.js';
import reportRoutes from './routes/reports/index.js';
import schoolRoutes from './routes/schools/index.js';
import staffRoutes from './routes/staff/index.js';
import boardRoutes from './routes/board/index.js';

const MESSAGE_BY_STATUS: Record<number, { code: ErrorCode; message: string }> = {
  400: { code: 'invalid_input', message: 'We konden je bericht niet lezen. Probeer het nog een keer.' },
  404: { code: 'not_found', message: 'Deze pagina bestaat niet.' },
  413: { code: 'payload_too_large', message: 'Je bericht is te groot. Stuur minder of kleinere plaatjes.' },
  415: { code: 'unsupported_media_type', message: 'Dit soort bestand kunnen we niet gebruiken.' },
  429: { code: 'rate_limited', message: 'Even wachten. Probeer het over een paar minuten opnieuw.' },
};

const STORAGE_FULL_MESSAGE = 'We kunnen je bericht nu even niet bewaren. Probeer het zo nog eens.';

/** SQLite could not write (SQLITE_FULL) or a file could not be (ENOSPC): the disk of DATA_DIR is full. */
function isStorageFull(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    const { code } = current as { code?: unknown };
    if (code === 'SQLITE_FULL' || code === 'ENOSPC') return true;
  }
  return false;
}

/** Turns any error into the documented shape; only errors below 500 say what went wrong. */
function toAppError(error: FastifyError | AppError): AppError {
  if (error instanceof AppError) return error;
  // Nothing of the request was stored (the transaction rolled back): trying again later is safe.
  if (isStorageFull(error)) return new AppError('storage_full', STORAGE_FULL_MESSAGE);
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const known = MESSAGE_BY_STATUS[status] ?? MESSAGE_BY_STATUS[400]!;
    const appError = new AppError(known.code, known.message);
    return Object.assign(appError, { statusCode: status });
  }
  return new AppError('internal', 'Er ging iets mis bij ons. Je melding is niet kwijt als je hem opnieuw stuurt.');
}

/** Builds the whole app from its context; it never listens (server.ts does). */
export async function buildApp(context: AppContext): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: context.log,
    bodyLimit: MAX_JSON_BODY_BYTES,
    trustProxy: context.config.trustProxy ?? false,
    // Slow or idle clients must not hold connections: Node's defaults wait forever for a body.
    requestTimeout: context.config.requestTimeoutMs,
    connectionTimeout: CONNECTION_IDLE_TIMEOUT_MS,
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    http: { headersTimeout: HEADERS_TIMEOUT_MS, connectionsCheckingInterval: CONNECTION_CHECK_INTERVAL_MS },
    // A URL Fastify cannot decode is answered before any hook runs: give it our shape and headers too.
    frameworkErrors: (error, _request, reply) => {
      const appError = toAppError(error);
      void (reply as FastifyReply).code(appError.statusCode).headers(FALLBACK_SECURITY_HEADERS).send(appError.toBody());
    },
  });

  app.server.maxConnections = MAX_CONNECTIONS;

  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    const appError = toAppError(error);
    if (appError.statusCode >= 500) request.log.error({ err: error }, 'request failed');
    if (appError.code === 'storage_full') reply.header('retry-after', String(STORAGE_RETRY_AFTER_SECONDS));
    return reply.code(appError.statusCode).send(appError.toBody());
  });
  app.setNotFoundHandler((request, reply) => {
    const error = toAppError(Object.assign(new Error('not found'), { statusCode: 404 }) as FastifyError);
    return reply.code(404).send(error.toBody());
  });

  // Reports come as JSON or multipart only; a text/plain body is refused with 415.
  app.removeContentTypeParser('text/plain');
  await app.register(securityHeaders, { https: context.config.publicUrl.startsWith('https:') });
  await app.register(noStore);
  await app.register(compression);
  await app.register(rateLimit);
  await app.register(multipart);
  await app.register(healthRoutes, { context });
  // Multipart bodies are bounded by the multipart plugin's per-part limits, not by bodyLimit.
  await app.register(reportRoutes, { context });
  await app.register(followUpRoutes, { context });
  await app.register(schoolRoutes, { context });
  await app.register(staffRoutes, { context });
  await app.register(boardRoutes, { context });
  await app.register(webPages);
  return app;
}
