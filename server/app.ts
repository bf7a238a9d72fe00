import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import type { AppContext } from './context.js';
import { AppError } from './errors.js';
import { isSerializationFailure } from '../db/transaction.js';
import { isDatabaseUnreachable } from '../db/unreachable.js';
import { isDatabaseDamage } from './health/database-integrity.js';
import type { ErrorCode } from './shared/errors.js';
import { isStaffRequest, requestLanguage } from './http/request-language.js';
import { CaseContentError } from '../db/case-crypto.js';
import { caseUnreadable } from './cases/case-access.js';
import { messageKey } from './shared/server-messages.js';
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
import securityHeaderHooks, { securityHeaders } from './plugins/security-headers.js';
import webPages from './plugins/web-pages.js';
import healthRoutes from './routes/health/index.js';
import followUpRoutes from './routes/follow-up/index.js';
import reportRoutes from './routes/reports/index.js';
import schoolRoutes from './routes/schools/index.js';
import staffRoutes from './routes/staff/index.js';
import boardRoutes from './routes/board/index.js';

/** Fastify's own refusals by status; each code's general message in the request's language. */
const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'invalid_input',
  404: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

/** Methods that never write: they still answer while the database file is damaged. */
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** SQLite could not write (SQLITE_FULL) or a file could not be (ENOSPC): the disk of DATA_DIR is full. */
function isStorageFull(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    const { code } = current as { code?: unknown };
    if (code === 'SQLITE_FULL' || code === 'ENOSPC') return true;
  }
  return false;
}

/** Turns any error into the documented shape; only errors below 500 say what went wrong. */
function toAppError(error: FastifyError | AppError, forStaff = false): AppError {
  if (error instanceof AppError) return error;
  // A stored case that does not open: nothing was changed, and the rest of the portal works on. Staff
  // learn which case and whom to tell; a reporter, in their own language, to tell the school.
  if (error instanceof CaseContentError) {
    return forStaff ? caseUnreadable(error.reportId) : new AppError('case_unreadable', messageKey('codes.case_unreadable'));
  }
  // Nothing of the request was stored (the transaction rolled back): trying again later is safe.
  if (isStorageFull(error)) return new AppError('storage_full', messageKey('codes.storage_full'));
  if (isDatabaseDamage(error)) return new AppError('storage_damaged', messageKey('codes.storage_damaged'));
  // PostgreSQL stopped or out of reach: the pool opens new connections by itself once it is back. Or it
  // refused the transaction for concurrent ones on every attempt (runTransaction): nothing was stored.
  if (isDatabaseUnreachable(error) || isSerializationFailure(error)) return new AppError('storage_unavailable', messageKey('codes.storage_unavailable'));
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const code = CODE_BY_STATUS[status] ?? 'invalid_input';
    return Object.assign(new AppError(code, messageKey(`codes.${code}`)), { statusCode: status });
  }
  return new AppError('internal', messageKey('codes.internal'));
}

/** Builds the whole app from its context; it never listens (server.ts does). */
export async function buildApp(context: AppContext): Promise<FastifyInstance> {
  const https = context.config.publicUrl.startsWith('https:');
  // For the few answers Fastify sends before any hook runs (a URL it cannot decode).
  const earlyHeaders = { ...securityHeaders(https), 'cache-control': 'no-store' };
  const app = Fastify({
    loggerInstance: context.log,
    bodyLimit: MAX_JSON_BODY_BYTES,
    trustProxy: context.config.trustProxy ?? false,
    // Slow or idle clients must not hold connections: Node's defaults wait forever for a body.
    requestTimeout: context.config.requestTimeoutMs,
    connectionTimeout: CONNECTION_IDLE_TIMEOUT_MS,
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    // Fastify's own 503 while closing has its own body; the hook below answers in the error shape.
    return503OnClosing: false,
    http: { headersTimeout: HEADERS_TIMEOUT_MS, connectionsCheckingInterval: CONNECTION_CHECK_INTERVAL_MS },
    // A URL Fastify cannot decode is answered before any hook runs: give it our shape and headers too.
    frameworkErrors: (error, request, reply) => {
      const appError = toAppError(error);
      const body = appError.toBody(requestLanguage(request));
      void (reply as FastifyReply).code(appError.statusCode).headers(earlyHeaders).send(body);
    },
  });

  app.server.maxConnections = MAX_CONNECTIONS;

  // While the server stops, a request on a kept-alive connection is refused in the error shape and
  // its connection closed; one already under way may finish (server.ts gives it SHUTDOWN_DEADLINE_MS).
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (_request, reply) => {
    if (!closing) return;
    void reply.header('connection', 'close').header('retry-after', String(STORAGE_RETRY_AFTER_SECONDS));
    throw new AppError('shutting_down', messageKey('codes.shutting_down'));
  });

  // A damaged database file takes no more writes until it is restored (server/health/database-integrity.ts).
  app.addHook('onRequest', async (request) => {
    if (context.integrity.state && !READ_METHODS.has(request.method)) throw new AppError('storage_damaged', messageKey('codes.storage_damaged'));
  });

  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (isDatabaseDamage(error)) context.integrity.damaged([(error as Error).message]);
    if (error instanceof CaseContentError) {
      context.integrity.unreadableCase(error.reportId, error.field);
      // Case number and column only: the message of a CaseContentError never holds content.
      request.log.error({ caseNumber: error.reportId, field: error.field }, `case content does not open: ${error.message}`);
    }
    const appError = toAppError(error, isStaffRequest(request));
    if (appError.statusCode >= 500) request.log.error({ err: error }, 'request failed');
    if (appError.code === 'storage_full' || appError.code === 'storage_unavailable') reply.header('retry-after', String(STORAGE_RETRY_AFTER_SECONDS));
    return reply.code(appError.statusCode).send(appError.toBody(requestLanguage(request)));
  });
  app.setNotFoundHandler((request, reply) => {
    const error = toAppError(Object.assign(new Error('not found'), { statusCode: 404 }) as FastifyError);
    return reply.code(404).send(error.toBody(requestLanguage(request)));
  });

  // Reports come as JSON or multipart only; a text/plain body is refused with 415.
  app.removeContentTypeParser('text/plain');
  await app.register(securityHeaderHooks, { https });
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
