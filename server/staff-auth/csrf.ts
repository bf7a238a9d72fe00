import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { CSRF_HEADER } from '../shared/staff-session.js';
import { sameToken } from './tokens.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const CSRF_MESSAGE = 'Deze actie is geweigerd omdat de beveiligingscode ontbrak. Laad de pagina opnieuw en probeer het nog eens.';

/**
 * A state change (any method but GET, HEAD and OPTIONS) of a staff or board session must carry the
 * session's CSRF token in the x-csrf-token header (synchronizer token); the staff portal and the
 * board admin area check it alike.
 */
export function assertCsrfToken(request: FastifyRequest, sessionCsrfToken: string): void {
  if (SAFE_METHODS.has(request.method)) return;
  const sent = request.headers[CSRF_HEADER];
  if (typeof sent !== 'string' || !sameToken(sent, sessionCsrfToken)) throw new AppError('csrf', CSRF_MESSAGE);
}
