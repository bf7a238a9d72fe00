import type { OidcTransaction } from '../schema.js';
import type { Db } from '../database.js';

/** Stores a new sign-in in progress and drops the ones nobody finished. */
export async function insertOidcTransaction(db: Db, transaction: OidcTransaction, now: string): Promise<void> {
  await db.deleteFrom('oidc_transaction').where('expires_at', '<=', now).execute();
  await db.insertInto('oidc_transaction').values(transaction).execute();
}

/**
 * Reads and deletes a live transaction in one statement: a callback replayed, or two arriving at
 * once, finds it at most once.
 */
export async function takeOidcTransaction(db: Db, handleHash: string, now: string): Promise<OidcTransaction | undefined> {
  return db
    .deleteFrom('oidc_transaction')
    .where('handle_hash', '=', handleHash)
    .where('expires_at', '>', now)
    .returningAll()
    .executeTakeFirst();
}
