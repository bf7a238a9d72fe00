// The postgres lane (vitest project `postgres`, TEST_DATABASE=postgres): every test app and child
// server gets a PostgreSQL database of its own, copied from a migrated template (CREATE DATABASE …
// TEMPLATE takes a moment; migrating anew would take seconds). TEST_POSTGRES_URL names a role on a
// real server that may create databases; .ci/postgres starts one and prints it.

import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';

/** Asked at each start, not at import: with shared modules (isolate: false) a worker may serve several lanes. */
export function testOnPostgres(): boolean {
  return process.env.TEST_DATABASE === 'postgres';
}
/** Every database the tests make starts so. */
export const TEST_DATABASE_PREFIX = 'klikvrij_run_';
/**
 * A run's own name part, set by the global setup and inherited by the workers: test runs of several
 * checkouts may share one server, and each makes, migrates and drops only its own databases.
 */
export const TEST_RUN_ENV = 'KLIKVRIJ_TEST_POSTGRES_RUN';

function runPrefix(): string {
  const run = process.env[TEST_RUN_ENV];
  if (!run) throw new Error(`${TEST_RUN_ENV} is not set: the postgres lane's global setup (test/helpers/postgres-setup.ts) did not run`);
  return `${TEST_DATABASE_PREFIX}${run}_`;
}

export function templateDatabase(): string {
  return `${runPrefix()}template`;
}

export function postgresServerUrl(): string {
  const url = process.env.TEST_POSTGRES_URL;
  if (!url) {
    throw new Error(
      'The postgres lane needs a PostgreSQL server: set TEST_POSTGRES_URL=postgres://user:password@127.0.0.1:5432/postgres ' +
        '(a role that may CREATE DATABASE). `eval "$(bash .ci/postgres)"` starts Debian\'s cluster and sets it.',
    );
  }
  return url;
}

export function databaseUrl(name: string): string {
  const url = new URL(postgresServerUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

let admin: pg.Pool | undefined;

/** Statements that create and drop databases, on the server's maintenance database. */
export async function adminQuery(text: string): Promise<pg.QueryResult> {
  admin ??= new pg.Pool({ connectionString: postgresServerUrl(), max: 1, allowExitOnIdle: true });
  return admin.query(text);
}

export async function closeAdmin(): Promise<void> {
  await admin?.end();
  admin = undefined;
}

/** The database of one data folder: the same folder (an app restarted on it) finds the same database. */
export function databaseNameFor(dataDir: string): string {
  return runPrefix() + createHash('sha256').update(dataDir).digest('hex').slice(0, 24);
}

const created = new Set<string>();

/** DATABASE_URL for the app on `dataDir`: its database, created from the template the first time. */
export async function testDatabaseFor(dataDir: string): Promise<string> {
  const name = databaseNameFor(dataDir);
  if (!created.has(name)) {
    const found = await adminQuery(`SELECT 1 FROM pg_database WHERE datname = '${name}'`);
    if (found.rowCount === 0) await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${templateDatabase()}`);
    created.add(name);
  }
  return databaseUrl(name);
}

export async function dropTestDatabase(dataDir: string): Promise<void> {
  const name = databaseNameFor(dataDir);
  created.delete(name);
  await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

/** An outage of one database: no new connection is let in, and the open ones are ended. */
export async function refuseConnections(name: string): Promise<void> {
  await adminQuery(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
  await adminQuery(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`);
}

/** Drops every database this run made, its template too. */
export async function dropRunDatabases(): Promise<void> {
  const { rows } = await adminQuery(`SELECT datname FROM pg_database WHERE starts_with(datname, '${runPrefix()}')`);
  for (const { datname } of rows as Array<{ datname: string }>) await adminQuery(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
}

/**
 * What PostgreSQL keeps of one test database on its disk: the database's own files and the WAL
 * (shared by every database of the server), after a CHECKPOINT has written out what was in memory.
 * Needs the server on this machine and read access to its data directory (root, as in .ci/run).
 */
export async function postgresFilesOf(dataDir: string): Promise<Array<{ name: string; bytes: Buffer }>> {
  await adminQuery('CHECKPOINT');
  const { rows: settings } = await adminQuery('SHOW data_directory');
  const { rows: databases } = await adminQuery(`SELECT oid FROM pg_database WHERE datname = '${databaseNameFor(dataDir)}'`);
  const root = (settings[0] as { data_directory: string }).data_directory;
  const oid = (databases[0] as { oid: number } | undefined)?.oid;
  if (oid === undefined) throw new Error(`no database ${databaseNameFor(dataDir)} for ${dataDir}`);
  const files: Array<{ name: string; bytes: Buffer }> = [];
  for (const folder of [path.join(root, 'base', String(oid)), path.join(root, 'pg_wal')]) {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      if (entry.isFile()) files.push({ name: path.join(folder, entry.name), bytes: await readFile(path.join(folder, entry.name)) });
    }
  }
  return files;
}
