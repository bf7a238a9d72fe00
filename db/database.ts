import SQLite from 'better-sqlite3';
import type pg from 'pg';
import {
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type MigrationProvider,
  type PostgresCursor,
  type PostgresPool,
  type PostgresPoolClient,
  type SqliteDatabase,
} from 'kysely';
import { isStalePreparedStatement, PostgresSchemaPlugin, type DialectName } from './dialect.js';
import { applyReportStorePragmas } from './sqlite-pragmas.js';
import { WorkerWrites } from './worker-writes.js';
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

export async function openStore(options: { databaseUrl: string | undefined; file: string }): Promise<OpenStore> {
  if (options.databaseUrl) return { dialect: 'postgres', db: await openPostgres(options.databaseUrl) };
  return { dialect: 'sqlite', ...openDatabase(options.file) };
}

export type { DialectName };

/**
 * Opens (and creates) the SQLite file with the pragmas a report store needs. The handle carries the
 * worker side of the file (db/worker-writes.ts), where transactions with screenshots are written.
 */
export function openDatabase(file: string): OpenDatabase {
  const sqlite = new SQLite(file);
  applyReportStorePragmas(sqlite);
  const workerWrites = new WorkerWrites(file);
  const dialect = new ReportStoreDialect(withStatementCache(sqlite), sqlite, workerWrites);
  const db = new Kysely<Database>({ dialect, plugins: [workerWrites] });
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
function postgresTypes(types: typeof pg.types): pg.CustomTypesConfig {
  return {
    getTypeParser: ((oid: number, format?: string) => {
      if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
      return types.getTypeParser(oid, format as 'text');
    }) as pg.CustomTypesConfig['getTypeParser'],
  };
}

/**
 * PostgreSQL at `url` (postgres://user:password@host:port/database) through a pool. Every
 * statement passes PostgresSchemaPlugin, which gives the migrations' SQLite column types their
 * PostgreSQL names (db/dialect.ts). `pg` is loaded here, when DATABASE_URL asks for it: a SQLite
 * start neither evaluates it nor keeps it in memory (the compiled server holds it in a chunk of its own).
 */
export async function openPostgres(url: string): Promise<Db> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: POSTGRES_POOL_SIZE, types: postgresTypes(pg.types) });
  // A pooled connection that PostgreSQL closes while idle (a restart) must not end the process: the
  // pool drops it, and the next query opens a new one or fails with PostgreSQL's own error.
  pool.on('error', () => undefined);
  // The same for a connection lost while a transaction holds it between two statements: the statement
  // under way fails (a 503, server/app.ts), the process stays up.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const statements = new NamedStatements();
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: withNamedStatements(pool, statements) }), plugins: [new PostgresSchemaPlugin()] });
  namedStatementsOf.set(db, statements);
  return db;
}

/** Distinct SQL texts one app server prepares by name on each connection; texts beyond are sent unnamed. */
export const POSTGRES_NAMED_STATEMENTS = 200;

/** The queries Kysely compiles (lower case); the migrations' raw DDL and transaction control do not match. */
const QUERY_TEXT = /^(select|with|insert|update|delete) /;

/**
 * Kysely sends every statement unnamed, so PostgreSQL parses and plans it anew each time: for a
 * report's one-statement insert that costs more than running it. Here the same text of a query gets
 * the same name, pg prepares it once per connection, and PostgreSQL reuses its plan.
 *
 * A migration changes the columns a prepared `SELECT *` returns, and PostgreSQL then refuses that
 * statement (isStalePreparedStatement, once per connection). The migrations therefore run unnamed
 * (migrateToLatest) and every name is dropped after them. A migration run by another app server (an
 * upgrade, one server at a time) is met by the refusal: every name is then dropped for new ones, which
 * are prepared afresh; a statement outside a transaction is sent again at once, a transaction is run
 * again by runTransaction (db/transaction.ts), which begins every transaction of the app (the group
 * commit's too; test/imports.test.ts holds that no other code begins one).
 */
class NamedStatements {
  private names = new Map<string, string>();
  private generation = 0;
  paused = false;

  nameOf(text: string): string | undefined {
    if (this.paused) return undefined;
    let name = this.names.get(text);
    if (name === undefined && this.names.size < POSTGRES_NAMED_STATEMENTS) {
      name = `k${this.generation}_${this.names.size}`;
      this.names.set(text, name);
    }
    return name;
  }

  /** New names from now on: the statements prepared under the old ones are never used again. */
  forgetAll(): void {
    this.names = new Map();
    this.generation += 1;
  }
}

const namedStatementsOf = new WeakMap<Db, NamedStatements>();

function withNamedStatements(pool: pg.Pool, statements: NamedStatements): PostgresPool {
  return {
    async connect() {
      const client = await pool.connect();
      let inTransaction = false;
      const named = async (text: string, values: unknown[]) => {
        try {
          return await client.query({ name: statements.nameOf(text), text, values });
        } catch (error) {
          if (!isStalePreparedStatement(error)) throw error;
          statements.forgetAll();
          if (inTransaction) throw error;
          return client.query({ name: statements.nameOf(text), text, values });
        }
      };
      const wrapped = {
        query(textOrCursor: string | PostgresCursor<unknown>, values?: readonly unknown[]) {
          if (typeof textOrCursor !== 'string') return client.query(textOrCursor as never);
          if ((values && values.length > 0) || QUERY_TEXT.test(textOrCursor)) return named(textOrCursor, [...(values ?? [])]);
          // Kysely begins and ends its transactions with these texts (PostgresDriver).
          if (textOrCursor.startsWith('start transaction')) inTransaction = true;
          else if (textOrCursor === 'commit' || textOrCursor === 'rollback') inTransaction = false;
          return client.query(textOrCursor);
        },
        release: () => client.release(),
      };
      return wrapped as unknown as PostgresPoolClient;
    },
    end: () => pool.end(),
  };
}

/**
 * The app's connection, with two changes to Kysely's SQLite driver:
 *
 * - Every write takes the write gate it shares with the worker's connection (db/worker-writes.ts): a
 *   transaction from BEGIN to its end, a statement outside one for itself. Reads go straight on.
 * - SQLite rolls a transaction back by itself on SQLITE_FULL, SQLITE_IOERR and a few other errors.
 *   Kysely then sends ROLLBACK anyway, which fails with "cannot rollback - no transaction is active"
 *   and replaces the real cause (a full disk) in every log line and error handler. The ROLLBACK is
 *   skipped when SQLite has none open, so the error that ended the transaction is the one thrown.
 */
class ReportStoreDialect extends SqliteDialect {
  constructor(
    private readonly statements: CachingDatabase,
    private readonly sqlite: SQLite.Database,
    private readonly workerWrites: WorkerWrites,
  ) {
    super({ database: statements });
  }

  override createDriver(): Driver {
    return new ReportStoreDriver(this.statements, this.sqlite, this.workerWrites);
  }
}

class ReportStoreDriver extends SqliteDriver {
  private holdsGate = false;
  private gated: DatabaseConnection | undefined;

  constructor(
    private readonly statements: CachingDatabase,
    private readonly sqlite: SQLite.Database,
    private readonly workerWrites: WorkerWrites,
  ) {
    super({ database: statements });
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection();
    this.gated ??= {
      executeQuery: (query) => {
        if (this.holdsGate || this.sqlite.inTransaction || this.statements.prepare(query.sql).readonly) return connection.executeQuery(query);
        return this.workerWrites.gate.around(() => connection.executeQuery(query));
      },
      streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
    };
    return this.gated;
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await this.workerWrites.gate.lock();
    this.holdsGate = true;
    try {
      await super.beginTransaction(connection);
    } catch (error) {
      this.releaseGate();
      throw error;
    }
  }

  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await super.commitTransaction(connection);
    } finally {
      // A COMMIT that failed may leave the transaction open: then the ROLLBACK that follows releases.
      if (!this.sqlite.inTransaction) this.releaseGate();
    }
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      if (this.sqlite.inTransaction) await super.rollbackTransaction(connection);
    } finally {
      this.releaseGate();
    }
  }

  override async destroy(): Promise<void> {
    await this.workerWrites.close();
    await super.destroy();
  }

  private releaseGate(): void {
    if (!this.holdsGate) return;
    this.holdsGate = false;
    this.workerWrites.gate.unlock();
  }
}

/** A SqliteDatabase whose statements are better-sqlite3's own (they say whether they write: `readonly`). */
type CachingDatabase = Omit<SqliteDatabase, 'prepare'> & { prepare(sql: string): SQLite.Statement };

/** Prepared statements kept per SQL text; more distinct texts than this drop the least recently used. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew, and compiling SQL costs SQLite more than running a short INSERT
 * does. The same SQL text gets the same prepared statement back. Safe because Kysely uses the one
 * connection under a mutex, so a statement is never used by two queries at once, and SQLite
 * re-prepares a statement by itself after a schema change.
 */
function withStatementCache(sqlite: SQLite.Database): CachingDatabase {
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
  // Unnamed on PostgreSQL: a statement prepared before a migration's ALTER and sent again after it fails there.
  const named = namedStatementsOf.get(db);
  if (named) named.paused = true;
  const { error, results } = await migrator.migrateToLatest().finally(() => {
    if (!named) return;
    named.paused = false;
    named.forgetAll();
  });
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}
