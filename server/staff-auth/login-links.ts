import { enqueueMails } from '../../db/queries/outbox.js';
import {
  consumeLoginToken,
  countMailedLoginRequestsSince,
  insertLoginRequest,
  insertLoginToken,
} from '../../db/queries/staff-auth.js';
import { renderStaffLoginMail } from '../../templates/staff-login.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { STAFF_LINKS_PER_ADDRESS, STAFF_LINKS_PER_ADDRESS_WINDOW_MS, STAFF_LOGIN_LINK_TTL_MS } from '../shared/limits.js';
import { outboxRows } from '../notifications/outbox.js';
import { LOGIN_LINK_PATH } from '../shared/staff-paths.js';
import type { RequesterLinkThrottle } from './requester-throttle.js';
import { allowsSignIn, asContact, schoolsOfStaff, staffMemberOf } from './staff-identity.js';
import { hashToken, newToken } from './tokens.js';

/** The one answer to every login request, known address or not. */
export const LOGIN_REQUESTED_MESSAGE =
  'Als dit adres bij een school hoort, staat er binnen een paar minuten een inloglink in die mailbox. De link werkt 15 minuten en één keer.';

export const LINK_INVALID_MESSAGE = 'Deze inloglink is verlopen of al gebruikt. Vraag een nieuwe inloglink aan.';

/** Who asked for a link: the client address, counted in memory by the throttle and never stored. */
export interface LoginRequester {
  address: string;
  throttle: RequesterLinkThrottle;
}

/**
 * Mails a one-time login link when the address belongs to a portal user of any school. Only mailed
 * links count against the limits: links to one address are spaced (a few per few minutes) rather than
 * capped, and each requester has its own share, so a stranger asking for a colleague's links cannot
 * use up theirs. Both outcomes do the same work up to the mail itself: a token is drawn and hashed,
 * and one request row is written in one transaction, so neither the answer nor its timing tells them apart.
 */
export async function requestLoginLink(context: AppContext, email: string, requester: LoginRequester): Promise<void> {
  const now = context.now();
  const address = email.trim().toLowerCase();
  // Keyed hash: the request table does not list who asked, and unknown addresses are not kept.
  const addressHash = context.keyedHash(`staff-login:${address}`);
  // Only schools that still sign in by link: the others are neither mailed about nor named.
  const schools = (await schoolsOfStaff(context.db, address)).filter((school) => allowsSignIn(school, 'link'));
  const token = newToken();
  const tokenHash = hashToken(token);
  const windowStart = new Date(now.getTime() - STAFF_LINKS_PER_ADDRESS_WINDOW_MS).toISOString();

  let queued = false;
  await context.db.transaction().execute(async (trx) => {
    const first = schools[0];
    const member = first ? staffMemberOf(first, address) : undefined;
    const spaced = (await countMailedLoginRequestsSince(trx, addressHash, windowStart)) < STAFF_LINKS_PER_ADDRESS;
    const mail = first !== undefined && member !== undefined && spaced && requester.throttle.allows(addressHash, requester.address, now);
    await insertLoginRequest(trx, { addressHash, at: now.toISOString(), mailed: mail });
    if (!mail) return;
    await insertLoginToken(trx, {
      tokenHash,
      email: address,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + STAFF_LOGIN_LINK_TTL_MS).toISOString(),
    });
    const rendered = renderStaffLoginMail({
      name: member.name,
      loginUrl: `${context.config.publicUrl}${LOGIN_LINK_PATH}#${token}`,
      validMinutes: STAFF_LOGIN_LINK_TTL_MS / 60_000,
      schoolNames: schools.map((school) => school.name),
    });
    await enqueueMails(trx, outboxRows(first.slug, 'staff-login', [asContact(member)], rendered, now));
    queued = true;
  });
  if (!queued) return;
  requester.throttle.record(addressHash, requester.address, now);
  context.mailWorker.wake();
}

/** Uses up a login link and returns the address it was sent to; refuses a used, expired or unknown one alike. */
export async function redeemLoginLink(context: AppContext, token: string): Promise<string> {
  const email = await consumeLoginToken(context.db, hashToken(token), context.now().toISOString());
  if (!email) throw new AppError('unauthorized', LINK_INVALID_MESSAGE, { token: LINK_INVALID_MESSAGE });
  return email;
}
