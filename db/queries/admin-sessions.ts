import type { AdminSession } from '../schema.js';
import type { Db } from '../database.js';

export async function insertAdminSession(
  db: Db,
  session: { tokenHash: string; email: string; csrfToken: string; now: string },
): Promise<number> {
  const row = await db
    .insertInto('admin_session')
    .values({ token_hash: session.tokenHash, email: session.email, csrf_token: session.csrfToken, created_at: session.now, last_seen_at: session.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findAdminSessionByTokenHash(db: Db, tokenHash: string): Promise<AdminSession | undefined> {
  return db.selectFrom('admin_session').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function touchAdminSession(db: Db, id: number, at: string): Promise<void> {
  await db.updateTable('admin_session').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function deleteAdminSession(db: Db, id: number): Promise<void> {
  await db.deleteFrom('admin_session').where('id', '=', id).execute();
}

export async function deleteAdminSessionsOfEmail(db: Db, email: string): Promise<number> {
  const result = await db.deleteFrom('admin_session').where('email', '=', email).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Housekeeping: admin sessions that can no longer be used. */
export async function deleteStaleAdminSessions(db: Db, limits: { idleBefore: string; createdBefore: string }): Promise<void> {
  await db
    .deleteFrom('admin_session')
    .where((eb) => eb.or([eb('last_seen_at', '<=', limits.idleBefore), eb('created_at', '<=', limits.createdBefore)]))
    .execute();
}
