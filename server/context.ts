import path from 'node:path';
import type SQLite from 'better-sqlite3';
import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';
import { DataDirInUseError, lockDataDir, type DataDirLock } from '../db/data-dir-lock.js';
import { checkpointWal, migrateToLatest, openStore, type Db } from '../db/database.js';
import { timeKeepingSettings } from '../db/postgres-settings.js';
import { holdServerLock } from '../db/server-lock.js';
import { offThreadHandle } from '../db/worker-writes.js';
import { withCaseCrypto } from '../db/case-crypto.js';
import { sealPlaintextCases } from '../db/queries/case-keys.js';
import { assertMasterKeyFileReadable, loadCaseCrypto } from './case-keys/master-key.js';
import { ensureEnvironmentAdmins } from './board/board-admins.js';
import { importBoardOnFirstStart } from './board/import-board.js';
import type { Config } from './config.js';
import { makeDataFilesPrivate, prepareDataDir } from './data-dir-modes.js';
import { createFileTransport, createSmtpTransport, type MailTransport } from './notifications/mail-transport.js';
import { MailWorker, type MailWorkerOptions } from './notifications/mail-worker.js';
import { EXIT_TRY_AGAIN, StartupError } from './startup-error.js';
import { assertSoundDatabase, DatabaseIntegrity } from './health/database-integrity.js';
import { MaintenanceRuns } from './health/maintenance-runs.js';
import { keyedHasher, RECEIPT_SECRET, type KeyedHasher } from './receipts/receipt-code.js';
import { loadSecretFile } from './secret-file.js';
import { UploadGuard } from './screenshots/upload-guard.js';
import { RepeatedSubmissions } from './reports/repeated-submissions.js';
import { TOTP_KEY, totpSecretBox, type TotpSecretBox } from './staff-auth/totp-key.js';

/** What every app context holds, whichever database it runs on. */
interface AppContextBase {
  readonly config: Config;
  readonly db: Db;
  readonly log: FastifyBaseLogger;
  readonly keyedHash: KeyedHasher;
  /** Screenshot quotas and the disk check, counted in memory (server/screenshots/upload-guard.ts). */
  readonly uploadGuard: UploadGuard;
  /** A report sent again after its answer was lost gets its first receipt (server/reports/repeated-submissions.ts). */
  readonly repeatedSubmissions: RepeatedSubmissions;
  /** Encrypts staff TOTP secrets at rest (key in DATA_DIR/totp-key). */
  readonly totpBox: TotpSecretBox;
  readonly mailWorker: MailWorker;
  /** Whether the database file is sound (quick_check); while it is not, writes are refused. */
  readonly integrity: DatabaseIntegrity;
  /** How this server's maintenance runs went: failed ones in a row, for the operator's /healthz. */
  readonly maintenanceRuns: MaintenanceRuns;
  readonly now: () => Date;
  /** This process's exclusive hold on DATA_DIR (SQLite only), released by closeContext. */
  readonly dataDirLock: DataDirLock;
}

/** The SQLite file in DATA_DIR. */
export interface SqliteAppContext extends AppContextBase {
  readonly dialect: 'sqlite';
  /** The raw connection, for SQLite's own APIs (WAL checkpoint, quick_check) and tests that read the file. */
  readonly sqlite: SQLite.Database;
}

/** PostgreSQL at DATABASE_URL: no SQLite connection, so code that needs one must ask `dialect` first. */
export interface PostgresAppContext extends AppContextBase {
  readonly dialect: 'postgres';
  readonly sqlite?: undefined;
}

/** Everything the app needs, built once from the configuration and handed to buildApp; `dialect` says which database holds it. */
export type AppContext = SqliteAppContext | PostgresAppContext;

export interface ContextOptions {
  now?: () => Date;
  log?: FastifyBaseLogger;
  mailRetry?: Pick<MailWorkerOptions, 'retryBaseMs' | 'retryMaxMs' | 'idlePollMs' | 'maxAttempts'>;
}

export const DATABASE_FILE = 'klikvrij.sqlite';
/**
 * Reporter routes log warnings and errors only: an access line per report or follow-up would keep
 * the second it arrived, which the database deliberately forgets for anonymous reports.
 */
export const REPORTER_ROUTE_LOG_LEVEL = 'warn';
export const MAIL_FOLDER = 'mail';

/**
 * What of a URL may be logged. Login links carry their token in the fragment, which no browser sends;
 * an old-style link (`/staff/login/<token>`) or a client that sends a fragment anyway still never
 * puts a token into a log line.
 */
export function loggableUrl(url: string): string {
  const withoutFragment = url.split('#', 1)[0]!;
  return withoutFragment.replace(/^(\/staff\/login\/)[^?]*/, '$1[redacted]');
}

/**
 * The logger never sees a reporter's address or browser: requests are logged by method and path
 * only, and nothing else in the app logs request headers.
 */
export function createLogger(level: Config['logLevel'], destination?: NodeJS.WritableStream): FastifyBaseLogger {
  return pino(
    {
      level,
      serializers: {
        req: (request: { method: string; url: string }) => ({ method: request.method, url: loggableUrl(request.url) }),
        res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
      },
    },
    destination as pino.DestinationStream | undefined,
  );
}

export function createMailTransport(config: Config, now: () => Date): MailTransport {
  return config.smtpUrl
    ? createSmtpTransport(config.smtpUrl, config.smtpOAuth, now, config.smtpTls)
    : createFileTransport(path.join(config.dataDir, MAIL_FOLDER));
}

/**
 * PostgreSQL's answers to a login that the next try would get too: no such role or a wrong password
 * (28000, 28P01), no such database (3D000), no right to connect to it (42501).
 */
const LASTING_LOGIN_REFUSALS = new Set(['28000', '28P01', '3D000', '42501']);

/**
 * The servers' lock on PostgreSQL, the first connection a start makes: one it cannot make refuses the
 * start in one line. A refused login is for good (status 1); a PostgreSQL that does not answer yet (at
 * boot, during a restart or a fail-over) exits EXIT_TRY_AGAIN, which the shipped units start again.
 */
async function firstConnection(databaseUrl: string): Promise<DataDirLock> {
  try {
    return await holdServerLock(databaseUrl);
  } catch (error) {
    const shown = new URL(databaseUrl);
    if (shown.password) shown.password = '***';
    const problem = `DATABASE_URL ${shown.href}: cannot connect (${(error as Error).message}).`;
    if (LASTING_LOGIN_REFUSALS.has((error as { code?: string }).code ?? '')) {
      throw new StartupError(`${problem} Check the user, password and database name.`);
    }
    throw new StartupError(`${problem} Exiting with status ${EXIT_TRY_AGAIN} to be started again (systemd: Restart=on-failure).`, EXIT_TRY_AGAIN);
  }
}

export async function createContext(config: Config, options: ContextOptions = {}): Promise<AppContext> {
  prepareDataDir(config.dataDir);
  assertMasterKeyFileReadable(config);
  // The lock keeps a second server off a SQLite file (it would send every mail twice). On PostgreSQL
  // several servers share the database by design (mail claimed row by row, maintenance under an
  // advisory lock) and may share the data folder; each holds the servers' lock shared, which keeps
  // npm run rotate-key off while any runs and holds this start until a rotation under way is done.
  const dataDirLock = config.databaseUrl ? await firstConnection(config.databaseUrl) : takeDataDir(config.dataDir);
  const databaseFile = path.join(config.dataDir, DATABASE_FILE);
  const store = await openStore({ databaseUrl: config.databaseUrl, file: databaseFile });
  let { db } = store;
  // After opening, so a database just created is covered too; its WAL and -shm take its mode.
  makeDataFilesPrivate(config.dataDir);
  const now = options.now ?? (() => new Date());
  let receiptSecret: Buffer;
  let totpKey: Buffer;
  try {
    if (store.dialect === 'sqlite') assertSoundDatabase(store.sqlite, databaseFile);
    else await refuseTimeKeepingSettings(db);
    await migrateToLatest(db);
    // Before anything is stored: a lost or replaced key file refuses the start.
    receiptSecret = await loadSecretFile(db, config.dataDir, RECEIPT_SECRET);
    totpKey = await loadSecretFile(db, config.dataDir, TOTP_KEY);
    // From here on the handle seals and opens case content; an older database's plain text is sealed now.
    db = withCaseCrypto(db, await loadCaseCrypto(db, config));
    // The plain text the upgrade overwrote (secure_delete) leaves the WAL too.
    if ((await sealPlaintextCases(db)) > 0 && store.dialect === 'sqlite') checkpointWal(store.sqlite);
    // The first start turns the schools file (or the seed's table) into the board's data.
    await importBoardOnFirstStart(db, config.schoolsImport, now());
    await ensureEnvironmentAdmins(db, config.boardAdmins, now());
  } catch (error) {
    await db.destroy();
    await dataDirLock.release();
    throw error;
  }
  const log = options.log ?? createLogger(config.logLevel);
  const mailWorker = new MailWorker({
    // On SQLite its claims and deletions (two durable COMMITs per mail) are written from the worker
    // thread: a class's reports queue dozens of mails, and each disk sync would hold the event loop.
    db: offThreadHandle(db),
    transport: createMailTransport(config, now),
    from: config.mailFrom,
    log: log.child({ component: 'mail' }),
    now,
    ...options.mailRetry,
  });
  const integrity = new DatabaseIntegrity(store.dialect === 'sqlite' ? store.sqlite : undefined, now);
  const base: AppContextBase = {
    config,
    db,
    log,
    keyedHash: keyedHasher(receiptSecret),
    uploadGuard: new UploadGuard(config.dataDir, config.uploadQuotas, now),
    repeatedSubmissions: new RepeatedSubmissions(now),
    totpBox: totpSecretBox(totpKey),
    mailWorker,
    integrity,
    maintenanceRuns: new MaintenanceRuns(),
    now,
    dataDirLock,
  };
  return store.dialect === 'sqlite' ? { ...base, dialect: 'sqlite', sqlite: store.sqlite } : { ...base, dialect: 'postgres' };
}

/** An anonymous report keeps only its day: a PostgreSQL that writes down each row's time refuses the start. */
async function refuseTimeKeepingSettings(db: Db): Promise<void> {
  const problems = await timeKeepingSettings(db);
  if (problems.length === 0) return;
  throw new StartupError(
    `PostgreSQL would pin anonymous reports in time:\n  - ${problems.join('\n  - ')}\nTurn these off in postgresql.conf (or ALTER SYSTEM / ALTER DATABASE) and start again.`,
  );
}

function takeDataDir(dataDir: string): DataDirLock {
  try {
    return lockDataDir(dataDir);
  } catch (error) {
    if (error instanceof DataDirInUseError) throw new StartupError(error.message);
    throw error;
  }
}

export async function closeContext(context: AppContext): Promise<void> {
  // Stops a worker a test started by itself (server.ts stops its jobs first) and closes its connections.
  await context.mailWorker.stop();
  await context.db.destroy();
  await context.dataDirLock.release();
}
