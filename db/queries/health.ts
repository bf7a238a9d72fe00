import { sql } from 'kysely';
import type SQLite from 'better-sqlite3';
import type { Db } from '../database.js';

/** The cheapest question the database can answer: is it there at all. */
export async function databaseAnswers(db: Db): Promise<void> {
  await sql`SELECT 1`.execute(db);
}

/** Rewrites the one probe row: fails when the disk is full or the file is read-only. */
export async function probeWrite(db: Db, at: string): Promise<void> {
  await db
    .insertInto('health_probe')
    .values({ id: 1, checked_at: at })
    .onConflict((conflict) => conflict.column('id').doUpdateSet({ checked_at: at }))
    .execute();
}

/**
 * SQLite's quick_check: the structure of every page, without the slower index cross-checks of
 * integrity_check. Returns the problems found, none when the file is sound.
 */
export function quickCheck(sqlite: SQLite.Database): string[] {
  const rows = sqlite.pragma('quick_check') as Array<{ quick_check: string }>;
  return rows.map((row) => row.quick_check).filter((line) => line !== 'ok');
}
