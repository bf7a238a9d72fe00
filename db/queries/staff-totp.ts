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

/** Counts one wrong code against a session (pending or not) and returns the count so far. */
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

/** Replaces the person's recovery codes with new ones (their TOTP row must exist). */
export async function replaceRecoveryCodes(db: Db, email: string, codeHashes: readonly string[]): Promise<void> {
  await db.deleteFrom('staff_totp_recovery_code').where('email', '=', email).execute();
  if (codeHashes.length === 0) return;
  await db
    .insertInto('staff_totp_recovery_code')
    .values(codeHashes.map((codeHash) => ({ code_hash: codeHash, email, used_at: null })))
    .execute();
}

/** Uses up one recovery code of this person; false when it is unknown, theirs not, or used. */
export async function useRecoveryCode(db: Db, email: string, codeHash: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('staff_totp_recovery_code')
    .set({ used_at: at })
    .where('code_hash', '=', codeHash)
    .where('email', '=', email)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function countUnusedRecoveryCodes(db: Db, email: string): Promise<number> {
  const row = await db
    .selectFrom('staff_totp_recovery_code')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('email', '=', email)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Which of these addresses have TOTP on (for the directeur's list of colleagues). */
export async function emailsWithEnabledTotp(db: Db, emails: readonly string[]): Promise<Set<string>> {
  if (emails.length === 0) return new Set();
  const rows = await db
    .selectFrom('staff_totp')
    .select('email')
    .where('email', 'in', emails)
    .where('enabled_at', 'is not', null)
    .execute();
  return new Set(rows.map((row) => row.email));
}
