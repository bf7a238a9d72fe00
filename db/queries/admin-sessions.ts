import type { Kysely } from 'kysely';
import type { AdminSession, Database } from '../schema.js';

type Executor = Kysely<Database>;

export async function insertAdminSession(
  db: Executor,
  session: { tokenHash: string; email: string; csrfToken: string; now: string },
): Promise<number> {
  const row = await db
    .insertInto('admin_session')
    .values({ token_hash: session.tokenHash, email: session.email, csrf_token: session.csrfToken, created_at: session.now, last_seen_at: session.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findAdminSessionByTokenHash(db: Executor, tokenHash: string): Promise<AdminSession | undefined> {
  return db.selectFrom('admin_session').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function touchAdminSession(db: Executor, id: number, at: string): Promise<void> {
  await db.updateTable('admin_session').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function deleteAdminSession(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('admin_session').where('id', '=', id).execute();
}

export async function deleteAdminSessionsOfEmail(db: Executor, email: string): Promise<number> {
  const result = await db.deleteFrom('admin_session').where('email', '=', email).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Housekeeping: admin sessions that can no longer be used. */
export async function deleteStaleAdminSessions(db: Executor, limits: { idleBefore: string; createdBefore: string }): Promise<void> {
  await db
    .deleteFrom('admin_session')
    .where((eb) => eb.or([eb('last_seen_at', '<=', limits.idleBefore), eb('created_at', '<=', limits.createdBefore)]))
    .execute();
}
