import type { StaffTotp } from '../schema.js';
import type { Db } from '../database.js';

export async function findTotp(db: Db, email: string): Promise<StaffTotp | undefined> {
  return db.selectFrom('staff_totp').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function hasEnabledTotp(db: Db, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('staff_totp')
    .select('email')
    .where('email', '=', email)
    .where('enabled_at', 'is not', null)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Stores a new secret that is not yet on, replacing an earlier unconfirmed one. An enabled secret
 * is never overwritten: false then.
 */
export async function savePendingTotp(db: Db, row: { email: string; sealed: string; createdAt: string }): Promise<boolean> {
  const result = await db
    .insertInto('staff_totp')
    .values({ email: row.email, secret_sealed: row.sealed, created_at: row.createdAt, enabled_at: null, last_step: null })
    .onConflict((oc) =>
      oc
        .column('email')
        .doUpdateSet({ secret_sealed: row.sealed, created_at: row.createdAt, last_step: null })
        .where('staff_totp.enabled_at', 'is', null),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** Turns on the secret the person just proved to have; the step of that code is used up. */
export async function enableTotp(db: Db, row: { email: string; sealed: string; step: number; at: string }): Promise<boolean> {
  const result = await db
    .updateTable('staff_totp')
    .set({ enabled_at: row.at, last_step: row.step })
    .where('email', '=', row.email)
    .where('secret_sealed', '=', row.sealed)
    .where('enabled_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Uses up a time step. The condition makes two requests with the same code (or an older one)
 * yield one success, not two.
 */
export async function useTotpStep(db: Db, email: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('staff_totp')
    .set({ last_step: step })
    .where('email', '=', email)
    .where('enabled_at', 'is not', null)
    .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteTotp(db: Db, email: string): Promise<void> {
  await db.deleteFrom('staff_totp').where('email', '=', email).execute();
}

export async function markSessionPendingSecondFactor(db: Db, sessionId: number): Promise<void> {
  await db.updateTable('staff_session').set({ pending_second_factor: 1, second_factor_failures: 0 }).where('id', '=', sessionId).execute();
}

export async function completeSecondFactor(db: Db, sessionId: number): Promise<void> {
  await db.updateTable('staff_session').set({ pending_second_factor: 0, second_factor_failures: 0 }).where('id', '=', sessionId).execute();
}

/** Counts one wrong code against a pending session and returns the count so far. */
export async function countSecondFactorFailure(db: Db, sessionId: number): Promise<number> {
  const row = await db
    .updateTable('staff_session')
    .set((eb) => ({ second_factor_failures: eb('second_factor_failures', '+', 1) }))
    .where('id', '=', sessionId)
    .returning('second_factor_failures')
    .executeTakeFirst();
  return row?.second_factor_failures ?? Number.MAX_SAFE_INTEGER;
}

/** After turning TOTP on, sessions that were opened without it end (all but the current one). */
export async function deleteOtherSessionsOfEmail(db: Db, email: string, keepSessionId: number): Promise<number> {
  const result = await db.deleteFrom('staff_session').where('email', '=', email).where('id', '!=', keepSessionId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
