import {
  deleteAdminSession,
  findAdminSessionByTokenHash,
  insertAdminSession,
  touchAdminSession,
} from '../../db/queries/admin-sessions.js';
import { renderStaffLoginMail } from '../../templates/staff-login.js';
import type { Config } from '../config.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { STAFF_LOGIN_LINK_TTL_MS } from '../shared/limits.js';
import { BOARD_LOGIN_LINK_PATH } from '../shared/board-values.js';
import { mailLoginLink, redeemLoginLink, type LoginLinkMail, type LoginRequester } from '../staff-auth/login-links.js';
import { sessionAge } from '../staff-auth/sessions.js';
import { hashToken, newToken } from '../staff-auth/tokens.js';
import { activeBoardAdmin, type BoardAdminMember } from './board-admins.js';
import { auditBoard, BOARD_AUDIT_SCOPE } from './board-audit.js';
import { runTransaction } from '../../db/transaction.js';

const NOT_LOGGED_IN = 'Je bent niet ingelogd als beheerder. Vraag een inloglink aan.';
const SESSION_ENDED = 'Je bent uitgelogd omdat je een tijd niets hebt gedaan. Vraag een nieuwe inloglink aan.';
const NOT_ADMIN = 'Dit adres is geen beheerder (meer). Vraag het bestuur om toegang.';

/** The board admin behind a request, checked against today's admin list on each request. */
export interface BoardAdminPrincipal {
  sessionId: number;
  admin: BoardAdminMember;
  csrfToken: string;
}

/**
 * Its own cookie, never the staff one. Over https the __Host- prefix makes the browser insist on
 * Secure, Path=/ and no Domain.
 */
export function adminCookie(config: Config): { name: string; secure: boolean } {
  const secure = config.publicUrl.startsWith('https:');
  return { name: secure ? '__Host-klikvrij-beheer' : 'klikvrij-beheer', secure };
}

export function adminUnauthorized(message = NOT_LOGGED_IN): AppError {
  return new AppError('unauthorized', message);
}

/**
 * The same one-time link as the staff portal, pointing at /beheer, with the same limits (spaced per
 * address, a share per requester). Known and unknown addresses do the same work up to the mail, and
 * get the same answer.
 */
export async function requestAdminLoginLink(context: AppContext, email: string, requester: LoginRequester): Promise<void> {
  const address = email.trim().toLowerCase();
  const admin = await activeBoardAdmin(context.db, address);
  const mail: LoginLinkMail | undefined = admin && {
    scope: BOARD_AUDIT_SCOPE,
    purpose: 'board-login',
    recipient: { name: admin.name, email: admin.address },
    linkPath: BOARD_LOGIN_LINK_PATH,
    render: (loginUrl) =>
      renderStaffLoginMail({
        name: admin.name,
        loginUrl,
        validMinutes: STAFF_LOGIN_LINK_TTL_MS / 60_000,
        portal: 'het beheer van klikvrij (voor het schoolbestuur)',
      }),
  };
  await mailLoginLink(context, { addressKey: 'board-login', address, requester, mail });
}

export async function startAdminSession(context: AppContext, loginToken: string): Promise<{ sessionToken: string; principal: BoardAdminPrincipal }> {
  const email = await redeemLoginLink(context, loginToken);
  const admin = await activeBoardAdmin(context.db, email);
  if (!admin) throw adminUnauthorized(NOT_ADMIN);
  const now = context.now();
  const sessionToken = newToken();
  const csrfToken = newToken();
  const sessionId = await runTransaction(context.db, async (trx) => {
    const id = await insertAdminSession(trx, { tokenHash: hashToken(sessionToken), email: admin.email, csrfToken, now: now.toISOString() });
    await auditBoard(trx, { actor: admin, action: 'board.login', at: now });
    return id;
  });
  return { sessionToken, principal: { sessionId, admin, csrfToken } };
}

/** The admin session behind a cookie; an admin taken off the list loses it at the next request. */
export async function authenticateAdmin(context: AppContext, sessionToken: string | undefined): Promise<BoardAdminPrincipal> {
  if (!sessionToken) throw adminUnauthorized();
  const session = await findAdminSessionByTokenHash(context.db, hashToken(sessionToken));
  if (!session) throw adminUnauthorized();
  const now = context.now().getTime();
  const age = sessionAge(session, now);
  if (age === 'ended') {
    await deleteAdminSession(context.db, session.id);
    throw adminUnauthorized(SESSION_ENDED);
  }
  const admin = await activeBoardAdmin(context.db, session.email);
  if (!admin) {
    await deleteAdminSession(context.db, session.id);
    throw adminUnauthorized(NOT_ADMIN);
  }
  if (age === 'touch') await touchAdminSession(context.db, session.id, new Date(now).toISOString());
  return { sessionId: session.id, admin, csrfToken: session.csrf_token };
}

export async function endAdminSession(context: AppContext, principal: BoardAdminPrincipal): Promise<void> {
  await runTransaction(context.db, async (trx) => {
    await deleteAdminSession(trx, principal.sessionId);
    await auditBoard(trx, { actor: principal.admin, action: 'board.logout', at: context.now() });
  });
}
