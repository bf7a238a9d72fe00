import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type SQLite from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { closeContext, createContext, createLogger, DATABASE_FILE, type AppContext, type ContextOptions } from '../../server/context.js';
import { copyDatabaseTemplate } from './database-template.js';
import { databaseNameFor, dropTestDatabase, postgresFilesOf, refuseConnections, testOnPostgres, testDatabaseFor } from './postgres.js';

export interface TestApp {
  app: FastifyInstance;
  context: AppContext;
  dataDir: string;
  /** Everything the server logged, as text: tests scan it for what must never be logged. */
  logOutput: () => string;
  close: () => Promise<void>;
}

export async function makeDataDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'klikvrij-test-'));
}

/** A real app on a fresh SQLite file (or, in the postgres lane, a PostgreSQL database) in its own temp folder; mail goes to .eml files unless SMTP_URL is set. */
export async function startTestApp(
  options: { env?: Record<string, string>; dataDir?: string; startMailWorker?: boolean } & ContextOptions = {},
): Promise<TestApp> {
  const dataDir = options.dataDir ?? (await makeDataDir());
  // The postgres lane: the folder's own database on PostgreSQL (test/helpers/postgres.ts).
  const onPostgres = testOnPostgres() && !options.env?.DATABASE_URL;
  if (!onPostgres) await copyDatabaseTemplate(dataDir);
  const database = onPostgres ? { DATABASE_URL: await testDatabaseFor(dataDir) } : {};
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'info', ...database, ...options.env });
  const logStream = new PassThrough();
  const logChunks: Buffer[] = [];
  logStream.on('data', (chunk: Buffer) => logChunks.push(chunk));
  const context = await createContext(config, { log: createLogger('info', logStream), ...options });
  const app = await buildApp(context);
  await app.ready();
  if (options.startMailWorker) context.mailWorker.start();
  return {
    app,
    context,
    dataDir,
    logOutput: () => Buffer.concat(logChunks).toString('utf8'),
    async close() {
      await app.close();
      await closeContext(context);
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
      if (onPostgres && !options.dataDir) await dropTestDatabase(dataDir);
    },
  };
}

/** The raw SQLite connection of a test app: for the suites that read or damage the SQLite file, which run on SQLite only. */
export function sqliteOf(t: TestApp): SQLite.Database {
  if (t.context.dialect !== 'sqlite') throw new Error('this test reads the SQLite file itself: it runs on SQLite only');
  return t.context.sqlite;
}

/**
 * The database stops answering the app: the SQLite connection is closed, or on PostgreSQL the
 * test's database refuses new connections and its open ones are ended.
 */
export async function loseDatabase(t: TestApp): Promise<void> {
  if (t.context.dialect === 'sqlite') {
    t.context.sqlite.close();
    return;
  }
  await refuseConnections(databaseNameFor(t.dataDir));
}

/**
 * The files that hold the app's database on `dataDir`, as bytes: the SQLite file with its WAL, or in
 * the postgres lane the database's files and the WAL on the PostgreSQL server's disk.
 */
export async function databaseFiles(dataDir: string): Promise<Array<{ name: string; bytes: Buffer }>> {
  if (testOnPostgres()) return postgresFilesOf(dataDir);
  const names = (await readdir(dataDir)).filter((name) => name.startsWith(DATABASE_FILE));
  if (!names.includes(DATABASE_FILE)) throw new Error(`no ${DATABASE_FILE} in ${dataDir}`);
  return Promise.all(names.map(async (name) => ({ name, bytes: await readFile(path.join(dataDir, name)) })));
}
