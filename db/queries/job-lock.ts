import { sql } from 'kysely';
import type { Db } from '../database.js';
import { dialectOf } from '../dialect.js';

/** PostgreSQL advisory lock keys (any 64-bit number, the same on every server) of the jobs that must run once. */
export const MAINTENANCE_LOCK = 0x6b6c696b; // 'klik'

/**
 * Runs `work` unless another app server on the same database runs the same job now; then returns
 * undefined at once. PostgreSQL: a session advisory lock (pg_try_advisory_lock) held on one pooled
 * connection while the work runs on others; PostgreSQL lets it go with the connection, so a server
 * killed mid-job holds nothing. SQLite: one server per data folder (db/data-dir-lock.ts), so it runs.
 */
export async function runAlone<T>(db: Db, lock: number, work: () => Promise<T>): Promise<T | undefined> {
  if (dialectOf(db) !== 'postgres') return work();
  return db.connection().execute(async (connection) => {
    const { rows } = await sql<{ taken: boolean }>`SELECT pg_try_advisory_lock(${lock}) AS taken`.execute(connection);
    if (!rows[0]?.taken) return undefined;
    try {
      return await work();
    } finally {
      await sql`SELECT pg_advisory_unlock(${lock})`.execute(connection);
    }
  });
}
