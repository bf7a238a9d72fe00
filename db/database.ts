import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type MigrationProvider } from 'kysely';
import { MIGRATIONS } from './migrations/index.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

export interface OpenDatabase {
  db: Db;
  /** The raw connection, for SQLite's own APIs (backup, integrity checks). */
  sqlite: SQLite.Database;
}

/** Opens (and creates) the SQLite file with the pragmas a report store needs. */
export function openDatabase(file: string): OpenDatabase {
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  // better-sqlite3 leaves WAL databases at NORMAL; a report we acknowledged must survive power loss.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Deleted reports and screenshots are overwritten with zeros, not left in free pages.
  sqlite.pragma('secure_delete = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, sqlite };
}

const staticMigrations: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export async function migrateToLatest(db: Db): Promise<void> {
  const migrator = new Migrator({ db, provider: staticMigrations });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}
