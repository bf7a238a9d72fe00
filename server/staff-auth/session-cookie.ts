import type { FastifyReply } from 'fastify';
import type { Config } from '../config.js';
import { sessionCookie } from './sessions.js';

/** The staff session cookie, the same after a login link and after the school's provider. */
export function setSessionCookie(reply: FastifyReply, config: Config, sessionToken: string): void {
  const cookie = sessionCookie(config);
  reply.setCookie(cookie.name, sessionToken, { path: '/', httpOnly: true, sameSite: 'strict', secure: cookie.secure });
}
