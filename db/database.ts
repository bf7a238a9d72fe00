import SQLite from 'better-sqlite3';
import pg from 'pg';
import {
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type MigrationProvider,
  type SqliteDatabase,
  type SqliteDialectConfig,
} from 'kysely';
import { PostgresSchemaPlugin, type DialectName } from './dialect.js';
import { MIGRATIONS } from './migrations/index.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

export interface OpenDatabase {
  db: Db;
  /** The raw connection, for SQLite's own APIs (backup, integrity checks). */
  sqlite: SQLite.Database;
}

/** The database the app runs on: the SQLite file in DATA_DIR, or PostgreSQL at DATABASE_URL. */
export type OpenStore = { dialect: 'sqlite'; db: Db; sqlite: SQLite.Database } | { dialect: 'postgres'; db: Db };

export function openStore(options: { databaseUrl: string | undefined; file: string }): OpenStore {
  if (options.databaseUrl) return { dialect: 'postgres', db: openPostgres(options.databaseUrl) };
  return { dialect: 'sqlite', ...openDatabase(options.file) };
}

export type { DialectName };

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
  const db = new Kysely<Database>({ dialect: new ReportStoreDialect({ database: withStatementCache(sqlite) }, sqlite) });
  return { db, sqlite };
}

/** Connections one app server keeps to PostgreSQL; a managed server allows about 100 in all. */
export const POSTGRES_POOL_SIZE = 10;

/** PostgreSQL's type ids (pg_type.oid) that come back as text unless parsed. */
const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * The app's types are SQLite's: integers and counts are JS numbers. PostgreSQL's count(*) and
 * sum() are bigint (int8) and numeric, which pg hands back as strings (they can exceed 2^53);
 * ours are counts of reports, so they are parsed as numbers. Columns are int4 (`integer`,
 * `serial`): already numbers. Booleans are 0/1 integers on both backends, never PostgreSQL's boolean.
 */
const postgresTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/**
 * PostgreSQL at `url` (postgres://user:password@host:port/database) through a pool. Every
 * statement passes PostgresSchemaPlugin, which gives the migrations' SQLite column types their
 * PostgreSQL names (db/dialect.ts).
 */
export function openPostgres(url: string): Db {
  const pool = new pg.Pool({ connectionString: url, max: POSTGRES_POOL_SIZE, types: postgresTypes });
  // A pooled connection that PostgreSQL closes while idle (a restart) must not end the process: the
  // pool drops it, and the next query opens a new one or fails with PostgreSQL's own error.
  pool.on('error', () => undefined);
  // The same for a connection lost while a transaction holds it between two statements: the statement
  // under way fails (a 503, server/app.ts), the process stays up.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new PostgresSchemaPlugin()] });
}

/**
 * SQLite rolls a transaction back by itself on SQLITE_FULL, SQLITE_IOERR and a few other errors. Kysely
 * then sends ROLLBACK anyway, which fails with "cannot rollback - no transaction is active" and
 * replaces the real cause (a full disk) in every log line and error handler. Skip the ROLLBACK when
 * SQLite has none open, so the error that ended the transaction is the one thrown.
 */
class ReportStoreDialect extends SqliteDialect {
  constructor(
    private readonly storeConfig: SqliteDialectConfig,
    private readonly sqlite: SQLite.Database,
  ) {
    super(storeConfig);
  }

  override createDriver(): Driver {
    return new RollbackOnceDriver(this.storeConfig, this.sqlite);
  }
}

class RollbackOnceDriver extends SqliteDriver {
  constructor(
    config: SqliteDialectConfig,
    private readonly sqlite: SQLite.Database,
  ) {
    super(config);
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.sqlite.inTransaction) await super.rollbackTransaction(connection);
  }
}

/** Prepared statements kept per SQL text; more distinct texts than this drop the least recently used. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew, and compiling SQL costs SQLite more than running a short INSERT
 * does. The same SQL text gets the same prepared statement back. Safe because Kysely uses the one
 * connection under a mutex, so a statement is never used by two queries at once, and SQLite
 * re-prepares a statement by itself after a schema change.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql) {
      let statement = statements.get(sql);
      if (statement) {
        statements.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}

/**
 * Copies the WAL into the database file and empties it (TRUNCATE). Rows deleted since the last
 * checkpoint (sent mails, purged cases) are overwritten in the file (secure_delete) but readable in
 * the WAL until then; a checkpoint after purging ends that. Returns false when a reader kept it from
 * finishing (it is tried again at the next run).
 */
export function checkpointWal(sqlite: SQLite.Database): boolean {
  const [result] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
  return result?.busy === 0;
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
