import type { StaffSession } from '../schema.js';
import type { Db } from '../database.js';

export async function insertLoginRequest(db: Db, request: { addressHash: string; at: string; mailed: boolean }): Promise<void> {
  await db
    .insertInto('staff_login_request')
    .values({ address_hash: request.addressHash, requested_at: request.at, mailed: request.mailed ? 1 : 0 })
    .execute();
}

/** Links mailed to this address after `since`; requests that mailed nothing do not count. */
export async function countMailedLoginRequestsSince(db: Db, addressHash: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('staff_login_request')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('address_hash', '=', addressHash)
    .where('mailed', '=', 1)
    .where('requested_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function insertLoginToken(
  db: Db,
  token: { tokenHash: string; email: string; createdAt: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('staff_login_token')
    .values({ token_hash: token.tokenHash, email: token.email, created_at: token.createdAt, expires_at: token.expiresAt })
    .execute();
}

/**
 * Marks a live login link used and returns its address. The conditional update makes two
 * simultaneous clicks on one link yield one session, not two.
 */
export async function consumeLoginToken(db: Db, tokenHash: string, now: string): Promise<string | undefined> {
  const row = await db
    .updateTable('staff_login_token')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('email')
    .executeTakeFirst();
  return row?.email;
}

export async function insertSession(
  db: Db,
  session: {
    tokenHash: string;
    email: string;
    school: string;
    csrfToken: string;
    now: string;
    signedInWith: 'link' | 'oidc';
    providerMfa: boolean;
    personKind: 'contact' | 'teacher';
  },
): Promise<number> {
  const row = await db
    .insertInto('staff_session')
    .values({
      token_hash: session.tokenHash,
      email: session.email,
      school: session.school,
      csrf_token: session.csrfToken,
      created_at: session.now,
      last_seen_at: session.now,
      signed_in_with: session.signedInWith,
      provider_mfa: session.providerMfa ? 1 : 0,
      person_kind: session.personKind,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findSessionByTokenHash(db: Db, tokenHash: string): Promise<StaffSession | undefined> {
  return db.selectFrom('staff_session').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function touchSession(db: Db, id: number, at: string): Promise<void> {
  await db.updateTable('staff_session').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function setSessionSchool(db: Db, id: number, school: string): Promise<void> {
  await db.updateTable('staff_session').set({ school }).where('id', '=', id).execute();
}

export async function deleteSession(db: Db, id: number): Promise<void> {
  await db.deleteFrom('staff_session').where('id', '=', id).execute();
}

export async function deleteSessionsOfEmail(db: Db, email: string): Promise<number> {
  const result = await db.deleteFrom('staff_session').where('email', '=', email).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Housekeeping: links, throttle rows and sessions that can no longer be used. */
export async function deleteStaleAuthRows(
  db: Db,
  limits: { now: string; requestsBefore: string; sessionsIdleBefore: string; sessionsCreatedBefore: string },
): Promise<void> {
  await db
    .deleteFrom('staff_login_token')
    .where((eb) => eb.or([eb('expires_at', '<=', limits.now), eb('used_at', 'is not', null)]))
    .execute();
  await db.deleteFrom('staff_login_request').where('requested_at', '<=', limits.requestsBefore).execute();
  await db
    .deleteFrom('staff_session')
    .where((eb) =>
      eb.or([eb('last_seen_at', '<=', limits.sessionsIdleBefore), eb('created_at', '<=', limits.sessionsCreatedBefore)]),
    )
    .execute();
}

/**
 * Login mails hold a live link in the outbox until they are sent. Once sent or expired, their
 * text is replaced, so the database holds no usable link longer than needed.
 */
export async function scrubLoginMails(
  db: Db,
  condition: { purpose: 'staff-login' | 'board-login'; expiredBefore: string },
  replacement: { subject: string; text: string; html: string },
): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ subject: replacement.subject, text_body: replacement.text, html_body: replacement.html })
    .where('purpose', '=', condition.purpose)
    .where('text_body', '!=', replacement.text)
    .where((eb) => eb.or([eb('sent_at', 'is not', null), eb('created_at', '<=', condition.expiredBefore)]))
    .execute();
}

/** Ends one person's sessions at one school (their contact there ended or lost its portal roles). */
export async function deleteSessionsOfEmailAtSchool(db: Db, email: string, school: string): Promise<number> {
  const result = await db.deleteFrom('staff_session').where('email', '=', email).where('school', '=', school).executeTakeFirst();
  return Number(result.numDeletedRows);
}
