import {
  consumeLoginToken,
  countMailedLoginRequestsSince,
  insertLoginRequest,
  insertLoginToken,
} from '../../db/queries/staff-auth.js';
import { runTransaction } from '../../db/transaction.js';
import { renderStaffLoginMail } from '../../templates/staff-login.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import {
  STAFF_LINKS_PER_ADDRESS,
  STAFF_LINKS_PER_ADDRESS_WINDOW_MS,
  STAFF_LOGIN_LINK_TTL_MS,
  STAFF_LOGIN_RATE_LIMIT,
  STAFF_LOGIN_RATE_WINDOW_MS,
} from '../shared/limits.js';
import { notify, type LoginLinkNotice } from '../notifications/notifier.js';
import { LOGIN_LINK_PATH } from '../shared/staff-paths.js';
import type { RequesterLinkThrottle } from './requester-throttle.js';
import { allowsSignIn, asContact } from './staff-identity.js';
import { personAt, schoolsOfPerson } from './teacher-identity.js';
import { hashToken, newToken } from './tokens.js';

/** The one answer to every login request, known address or not. */
export const LOGIN_REQUESTED_MESSAGE =
  'Als dit adres bij een school hoort, staat er binnen een paar minuten een inloglink in die mailbox. De link werkt 15 minuten en één keer.';

export const LINK_INVALID_MESSAGE = 'Deze inloglink is verlopen of al gebruikt. Vraag een nieuwe inloglink aan.';

/** The rate limit of the routes that ask for or spend a login link, in every portal (per client address). */
export const LOGIN_ROUTE_RATE_LIMIT = {
  max: STAFF_LOGIN_RATE_LIMIT,
  timeWindow: STAFF_LOGIN_RATE_WINDOW_MS,
  errorResponseBuilder: () => new AppError('rate_limited', 'Te veel inlogpogingen. Wacht een kwartier en probeer het dan opnieuw.'),
};

/** Who asked for a link: the client address, counted in memory by the throttle and never stored. */
export interface LoginRequester {
  address: string;
  throttle: RequesterLinkThrottle;
}

/** Where one portal's login link goes, when the address belongs to someone of that portal. */
export type LoginLinkMail = Omit<LoginLinkNotice, 'token' | 'now'>;

/**
 * Mails a one-time login link when `mail` is given (the address belongs to a portal user). Only mailed
 * links count against the limits: links to one address are spaced (a few per few minutes) rather than
 * capped, and each requester has its own share, so a stranger asking for a colleague's links cannot
 * use up theirs. Both outcomes do the same work up to the mail itself: a token is drawn and hashed,
 * and one request row is written in one transaction, so neither the answer nor its timing tells them
 * apart. `addressKey` separates the portals' counts (a keyed hash: the table does not list who asked).
 */
export async function mailLoginLink(
  context: AppContext,
  request: { addressKey: string; address: string; requester: LoginRequester; mail: LoginLinkMail | undefined },
): Promise<void> {
  const now = context.now();
  const addressHash = context.keyedHash(`${request.addressKey}:${request.address}`);
  const token = newToken();
  const tokenHash = hashToken(token);
  const windowStart = new Date(now.getTime() - STAFF_LINKS_PER_ADDRESS_WINDOW_MS).toISOString();
  const { mail, requester } = request;

  // What the committed attempt did, not an earlier one that PostgreSQL refused (runTransaction).
  const queued = await runTransaction(context.db, async (trx) => {
    const spaced = (await countMailedLoginRequestsSince(trx, addressHash, windowStart)) < STAFF_LINKS_PER_ADDRESS;
    const mailed = mail !== undefined && spaced && requester.throttle.allows(addressHash, requester.address, now);
    await insertLoginRequest(trx, { addressHash, at: now.toISOString(), mailed });
    if (!mailed) return false;
    await insertLoginToken(trx, {
      tokenHash,
      email: request.address,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + STAFF_LOGIN_LINK_TTL_MS).toISOString(),
    });
    await notify.loginLink(context, trx, { ...mail, token, now });
    return true;
  });
  if (!queued) return;
  requester.throttle.record(addressHash, requester.address, now);
}

/**
 * A staff login link, for an address in the contact table (or, failing that, the teacher list) of any
 * school that still signs in by link.
 */
export async function requestLoginLink(context: AppContext, email: string, requester: LoginRequester): Promise<void> {
  const address = email.trim().toLowerCase();
  // Only schools that still sign in by link: the others are neither mailed about nor named.
  const { kind, schools: everywhere } = await schoolsOfPerson(context.db, address);
  const schools = everywhere.filter((school) => allowsSignIn(school, 'link'));
  const first = schools[0];
  const member = first ? (await personAt(context.db, first, address, kind))?.member : undefined;
  const mail: LoginLinkMail | undefined =
    first && member
      ? {
          scope: first.slug,
          purpose: 'staff-login',
          recipient: asContact(member),
          linkPath: LOGIN_LINK_PATH,
          render: (loginUrl) =>
            renderStaffLoginMail({
              name: member.name,
              loginUrl,
              validMinutes: STAFF_LOGIN_LINK_TTL_MS / 60_000,
              schoolNames: schools.map((school) => school.name),
            }),
        }
      : undefined;
  await mailLoginLink(context, { addressKey: 'staff-login', address, requester, mail });
}

/** Uses up a login link and returns the address it was sent to; refuses a used, expired or unknown one alike. */
export async function redeemLoginLink(context: AppContext, token: string): Promise<string> {
  const email = await consumeLoginToken(context.db, hashToken(token), context.now().toISOString());
  if (!email) throw new AppError('unauthorized', LINK_INVALID_MESSAGE, { token: LINK_INVALID_MESSAGE });
  return email;
}
