// Puts a backup back in place of the report database, with the server stopped:
//
//   npm run restore -- /backups/klikvrij-2026-03-02.sqlite      (the server's environment: DATA_DIR, …)
//
// A backup is an older state of a database whose ids, mails and sessions lived on after it. Copying
// it in as it is hands ids out again (an old mail's link opens another child's report), sends mails
// twice and brings back sessions that were ended. So the restore:
//   - refuses while a server holds DATA_DIR (db/data-dir-lock.ts), and holds the lock itself meanwhile;
//   - checks the backup: integrity_check, a klikvrij database, no migration this code does not know;
//   - copies it next to the database as a file only the owner may read (0600), migrates and prepares it:
//     * every counted id (outbox rows, and so .eml names; screenshots, messages, …) starts above every
//       id ever issued: the highest in the backup, the replaced database and the mail folder, and at
//       least the current time in milliseconds, which is above anything issued since an earlier
//       restore unless more than a thousand ids a second were handed out since;
//     * case numbers (random, db/queries/reports.ts) found in the replaced database or in the mail
//       folder's links but not in the backup are retired: no new report gets one;
//     * every staff and board-admin session (with its CSRF token), login link and OpenID sign-in ends;
//     * mails that were waiting in the backup: when the replaced database can be read, each goes on as
//       it stood there (still waiting: sent; gone from it: it was sent, and is not sent again; given
//       up: stays given up). When it cannot be read, nobody knows whether they left: they are not
//       sent but kept as given-up mails (the directeur sees them in the staff portal, the operator on
//       /healthz), and login links among them are dropped (they no longer open anything);
//     * from a readable replaced database also: reminders, retention warnings and the IB'er's mail
//       already sent stay sent, case content deleted since the backup is deleted again, used recovery
//       codes stay used, and contacts or admins ended since the backup are named;
//   - moves the replaced database aside (never deleted: `klikvrij.sqlite.replaced-<time>`, with its
//     -wal and -shm), renames the prepared copy into place and prints what it did.
//
// On PostgreSQL pg_restore does the copy, and `npm run restore -- --after-pg-restore [--replaced <url>]`
// (DATABASE_URL: the database it filled) the same preparing steps in place, once, with every server
// stopped (prepareAfterPgRestore below).

import { createReadStream, createWriteStream } from 'node:fs';
import { chmod, mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import type SQLite from 'better-sqlite3';
import { DataDirInUseError, LOCK_FILE, lockDataDir, type DataDirLock } from '../db/data-dir-lock.js';
import { takeServerLockAlone } from '../db/server-lock.js';
import { migrateToLatest, openDatabase, openPostgres, type Db } from '../db/database.js';
import { MIGRATIONS } from '../db/migrations/index.js';
import { deleteSentMail, markMailDead } from '../db/queries/outbox.js';
import { purgeReportContent } from '../db/queries/reports.js';
import {
  continueMail,
  endAllSignIns,
  highestCountedId,
  highestPostgresId,
  inspectDatabase,
  keepRecoveryCodeUsed,
  keepSentMarks,
  listCaseMarks,
  listMailStates,
  listPendingMails,
  listPeople,
  listReportIds,
  listRetiredReportIds,
  listTablesAndMigrations,
  listUsedRecoveryCodes,
  openForReading,
  otherPostgresConnections,
  postgresIdCeiling,
  raiseIdFloor,
  raisePostgresIdFloor,
  retireReportIds,
  type CaseMarks,
  type EndedSignIns,
  type MailState,
  type PendingMail,
  type PersonRow,
} from '../db/queries/restore.js';
import { refuseOnPostgres, syncFolder } from './backup.js';
import { loadConfig } from './config.js';
import { DATABASE_FILE, MAIL_FOLDER } from './context.js';
import { RECEIPT_SECRET } from './receipts/receipt-code.js';
import { TOTP_KEY } from './staff-auth/totp-key.js';
import { MASTER_KEY } from './case-keys/master-key.js';
import { runTransaction } from '../db/transaction.js';

/** The dead-letter reason of a mail a restore held back; the directeur reads it in the staff portal. */
export const HELD_MAIL_REASON =
  'Niet verstuurd na het terugzetten van een back-up: deze mail is misschien al eerder verstuurd. Kijk na of de ontvanger hem heeft.';
/** Mails whose link the restore made useless: not held, just dropped. */
const LINK_MAIL_PURPOSES = new Set(['staff-login', 'board-login']);
/** Name of the replaced database: `klikvrij.sqlite.replaced-<UTC time>`. */
export const REPLACED_SUFFIX = '.replaced-';
const SIDE_FILES = ['-wal', '-shm'] as const;

export class RestoreError extends Error {
  override name = 'RestoreError';
}

/** What the replaced database told about the time after the backup; absent parts could not be read. */
interface AfterBackup {
  reportIds: number[];
  highestId: number;
  mails: Map<string, MailState>;
  marks: CaseMarks[];
  usedRecoveryCodes: Array<{ codeHash: string; usedAt: string }>;
  ended: PersonRow[];
}

/** What the steps after the copy did, on either backend. */
export interface Preparation {
  idFloor: number;
  retiredReportIds: number;
  signIns: EndedSignIns;
  mails: {
    /** Waiting in the backup and still waiting in the replaced database: they go. */
    continued: number;
    /** Waiting in the backup, sent since: not sent again. */
    sentSinceBackup: number;
    /** Waiting in the backup, given up since: stay given up. */
    deadSinceBackup: number;
    /** Waiting in the backup, nobody knows whether they were sent: not sent, listed as given up. */
    held: PendingMail[];
    /** Login links among those: dropped, their links no longer work. */
    droppedLinks: number;
    /** Queued after the backup (in the replaced database only): about what the restore undid, not sent. */
    queuedAfterBackup: number;
  };
  sentMarksKept: number;
  purgedAgain: number;
  recoveryCodesKeptUsed: number;
  /** Contacts and board admins ended after the backup, active again in it. */
  activeAgain: PersonRow[];
}

/** Where the replaced database's facts came from: 'read', or 'unreadable' (why in previousError), or 'none'. */
type Previous = 'read' | 'unreadable' | 'none';

export interface RestoreResult extends Preparation {
  database: string;
  backup: string;
  reports: number;
  /** Where the replaced database now is; null when there was none. */
  replacedFile: string | null;
  previous: Previous;
  previousError: string | null;
  /** Key files missing from DATA_DIR. */
  missingKeyFiles: string[];
}

export async function restoreDatabase(dataDir: string, backupFile: string, now: () => Date = () => new Date()): Promise<RestoreResult> {
  const folder = path.resolve(dataDir);
  const backup = path.resolve(backupFile);
  const database = path.join(folder, DATABASE_FILE);
  if (!(await exists(backup))) throw new RestoreError(`${backup} does not exist. Nothing was changed.`);
  if ([database, ...SIDE_FILES.map((side) => `${database}${side}`)].includes(backup)) {
    throw new RestoreError(`${backup} is the database itself, not a backup. Nothing was changed.`);
  }
  await mkdir(folder, { recursive: true, mode: 0o700 });
  let lock: DataDirLock;
  try {
    lock = lockDataDir(folder);
  } catch (error) {
    if (!(error instanceof DataDirInUseError)) throw error;
    throw new RestoreError(
      `the klikvrij server is running on DATA_DIR ${folder} (it holds ${path.join(folder, LOCK_FILE)}). ` +
        'Stop it first (sudo systemctl stop klikvrij), then run the restore again. Nothing was changed.',
    );
  }
  try {
    const reports = checkBackup(backup);
    const hadDatabase = await exists(database);
    const previous = hadDatabase ? await readReplacedFile(database) : undefined;
    const mailFolder = await readMailFolder(path.join(folder, MAIL_FOLDER));

    const partial = `${database}.restoring-${process.pid}`;
    await copyPrivately(backup, partial);
    let prepared: Preparation;
    try {
      prepared = await prepare(partial, previous?.facts, mailFolder, now());
    } catch (error) {
      await removeWithSideFiles(partial);
      throw error;
    }
    const replacedFile = hadDatabase ? await moveAside(database, now()) : null;
    await rename(partial, database);
    await chmod(database, 0o600);
    await syncFolder(folder);

    return {
      database,
      backup,
      reports,
      replacedFile,
      previous: previous === undefined ? 'none' : previous.facts ? 'read' : 'unreadable',
      previousError: previous?.error ?? null,
      missingKeyFiles: await missingKeyFiles(folder),
      ...prepared,
    };
  } finally {
    lock.release();
  }
}

/** Refuses anything but a sound klikvrij database this code can run; returns its number of reports. */
function checkBackup(backup: string): number {
  let sqlite: SQLite.Database;
  try {
    ({ sqlite } = openForReading(backup));
  } catch (error) {
    throw new RestoreError(`${backup} cannot be opened (${(error as Error).message}). Nothing was changed.`);
  }
  try {
    let inspection;
    try {
      inspection = inspectDatabase(sqlite);
    } catch (error) {
      throw new RestoreError(`${backup} is not a readable SQLite database (${(error as Error).message}). Nothing was changed.`);
    }
    if (inspection.integrity !== 'ok') {
      throw new RestoreError(
        `${backup} failed integrity_check (${inspection.integrity.split('\n', 1)[0]}): it is damaged. Choose another backup. Nothing was changed.`,
      );
    }
    refuseForeignOrNewer(backup, 'an SQLite database', inspection);
    return inspection.reports;
  } finally {
    sqlite.close();
  }
}

/** Refuses a database without klikvrij's tables and migrations, or with a migration this code does not know. */
function refuseForeignOrNewer(what: string, kind: string, inspection: { tables: Set<string>; migrations: string[] }, hint = ''): void {
  if (!inspection.tables.has('report') || !inspection.tables.has('outbox') || !inspection.migrations.includes('0001-initial')) {
    throw new RestoreError(`${what} is ${kind}, but not a klikvrij database (no reports or migrations in it).${hint} Nothing was changed.`);
  }
  const unknown = inspection.migrations.filter((name) => !(name in MIGRATIONS));
  if (unknown.length > 0) {
    throw new RestoreError(
      `${what} comes from a newer version of klikvrij (migration ${unknown.join(', ')} is unknown to this one). ` +
        'Install that version or a newer one first, then restore. Nothing was changed.',
    );
  }
}

/** Reads, without changing it, what the database about to be replaced knows of the time after the backup. */
async function readAfterBackup(db: Db, highestId: () => number | Promise<number>): Promise<AfterBackup> {
  const retired = (await listTablesAndMigrations(db)).tables.has('retired_report_id') ? await listRetiredReportIds(db) : [];
  return {
    reportIds: [...(await listReportIds(db)), ...retired],
    highestId: await highestId(),
    mails: await listMailStates(db),
    marks: await listCaseMarks(db),
    usedRecoveryCodes: await listUsedRecoveryCodes(db),
    ended: await listPeople(db, 'ended'),
  };
}

/** The replaced SQLite file's facts, or why it could not be read (the restore goes on, playing safe). */
async function readReplacedFile(database: string): Promise<{ facts?: AfterBackup; error?: string }> {
  let opened;
  try {
    opened = openForReading(database);
  } catch (error) {
    return { error: (error as Error).message };
  }
  const { db, sqlite } = opened;
  try {
    return { facts: await readAfterBackup(db, () => highestCountedId(sqlite)) };
  } catch (error) {
    return { error: (error as Error).message };
  } finally {
    await db.destroy();
  }
}

interface MailFolder {
  /** Highest outbox id in an .eml name. */
  highestId: number;
  /** Case numbers in the mails' links to the staff portal. */
  reportIds: number[];
}

/** The file transport's mails (no SMTP_URL): their names are outbox ids, their links case numbers. */
async function readMailFolder(folder: string): Promise<MailFolder> {
  const names = await readdir(folder).catch(() => [] as string[]);
  let highestId = 0;
  const reportIds = new Set<number>();
  for (const name of names.filter((file) => file.endsWith('.eml'))) {
    const id = Number(/^(\d+)/.exec(name)?.[1] ?? 0);
    highestId = Math.max(highestId, id);
    // Quoted-printable bodies break long lines with "=" at the end; join them before looking.
    const text = (await readFile(path.join(folder, name), 'latin1').catch(() => '')).replace(/=\r?\n/g, '');
    for (const match of text.matchAll(/\/staff\/reports\/(\d{1,15})/g)) reportIds.add(Number(match[1]));
  }
  return { highestId, reportIds: [...reportIds] };
}

/** Creates `target` readable by its owner only (never wider, even for a moment) with the backup's bytes. */
async function copyPrivately(source: string, target: string): Promise<void> {
  await rm(target, { force: true });
  await pipeline(createReadStream(source), createWriteStream(target, { flags: 'wx', mode: 0o600 }));
  await chmod(target, 0o600);
}

/** Key files missing from DATA_DIR: the command names them. */
async function missingKeyFiles(folder: string): Promise<string[]> {
  const missing: string[] = [];
  for (const spec of [RECEIPT_SECRET, TOTP_KEY, MASTER_KEY]) {
    const file = path.join(folder, spec.name);
    if (!(await exists(file))) missing.push(file);
  }
  return missing;
}

async function prepare(file: string, after: AfterBackup | undefined, mailFolder: MailFolder, now: Date): Promise<Preparation> {
  const { db, sqlite } = openDatabase(file);
  try {
    await migrateToLatest(db);
    // The current time in milliseconds is above every id issued since an earlier restore (SQLite's ids are 64-bit).
    const idFloor = Math.max(now.getTime(), highestCountedId(sqlite) + 1, (after?.highestId ?? 0) + 1, mailFolder.highestId + 1);
    return await prepareRestored(db, idFloor, async () => raiseIdFloor(sqlite, idFloor), after, mailFolder, now);
  } finally {
    await db.destroy();
  }
}

/**
 * The steps after the copy, the same on both backends: ids raised to `idFloor` (by the backend's own
 * `raiseIds`, in the transaction), sign-ins ended, case numbers retired, waiting mails settled and,
 * from a readable replaced database, what was done after the backup kept.
 */
async function prepareRestored(
  db: Db,
  idFloor: number,
  raiseIds: (trx: Db) => Promise<void>,
  after: AfterBackup | undefined,
  mailFolder: MailFolder,
  now: Date,
): Promise<Preparation> {
  return await runTransaction(db, async (trx) => {
    await raiseIds(trx);
    const signIns = await endAllSignIns(trx);
    const retiredReportIds = await retireReportIds(trx, [...(after?.reportIds ?? []), ...mailFolder.reportIds]);

    const mails = { continued: 0, sentSinceBackup: 0, deadSinceBackup: 0, held: [] as PendingMail[], droppedLinks: 0, queuedAfterBackup: 0 };
    const inBackup = new Set((await listMailStates(trx)).keys());
    for (const mail of await listPendingMails(trx)) {
      const state = after?.mails.get(mail.messageId);
      if (after && !state) {
        await deleteSentMail(trx, mail.id);
        mails.sentSinceBackup += 1;
      } else if (state?.deadAt) {
        await markMailDead(trx, mail.id, { at: state.deadAt, error: state.lastError ?? '' });
        mails.deadSinceBackup += 1;
      } else if (state) {
        await continueMail(trx, mail.id, state);
        mails.continued += 1;
      } else if (LINK_MAIL_PURPOSES.has(mail.purpose)) {
        await deleteSentMail(trx, mail.id);
        mails.droppedLinks += 1;
      } else {
        await markMailDead(trx, mail.id, { at: now.toISOString(), error: HELD_MAIL_REASON });
        mails.held.push(mail);
      }
    }
    for (const [messageId, state] of after?.mails ?? []) {
      if (!inBackup.has(messageId) && !state.deadAt) mails.queuedAfterBackup += 1;
    }

    let sentMarksKept = 0;
    let purgedAgain = 0;
    let recoveryCodesKeptUsed = 0;
    let activeAgain: PersonRow[] = [];
    if (after) {
      const restored = new Map((await listCaseMarks(trx)).map((marks) => [marks.id, marks]));
      for (const marks of after.marks) {
        const mine = restored.get(marks.id);
        if (!mine) continue;
        if (marks.purgedAt !== null && mine.purgedAt === null) {
          await purgeReportContent(trx, marks.id, marks.purgedAt);
          purgedAgain += 1;
        }
        const lacks = (ours: string | null, theirs: string | null) => ours === null && theirs !== null;
        if (
          lacks(mine.firstReminderAt, marks.firstReminderAt) ||
          lacks(mine.directorReminderAt, marks.directorReminderAt) ||
          lacks(mine.retentionWarnedAt, marks.retentionWarnedAt) ||
          lacks(mine.ibInformedAt, marks.ibInformedAt) ||
          lacks(mine.followUpMailedAt, marks.followUpMailedAt)
        ) {
          await keepSentMarks(trx, marks);
          sentMarksKept += 1;
        }
      }
      for (const code of after.usedRecoveryCodes) if (await keepRecoveryCodeUsed(trx, code)) recoveryCodesKeptUsed += 1;
      const ended = new Set(after.ended.map((person) => person.key));
      activeAgain = (await listPeople(trx, 'active')).filter((person) => ended.has(person.key));
    }
    return { idFloor, retiredReportIds, signIns, mails, sentMarksKept, purgedAgain, recoveryCodesKeptUsed, activeAgain };
  });
}

/** Renames the database (and its -wal and -shm, so its last writes stay with it) aside; returns the new name. */
async function moveAside(database: string, at: Date): Promise<string> {
  const aside = `${database}${REPLACED_SUFFIX}${at.toISOString().replace(/[:.]/g, '-')}`;
  await rename(database, aside);
  for (const side of SIDE_FILES) {
    if (await exists(`${database}${side}`)) await rename(`${database}${side}`, `${aside}${side}`);
  }
  return aside;
}

async function removeWithSideFiles(file: string): Promise<void> {
  for (const name of [file, ...SIDE_FILES.map((side) => `${file}${side}`), `${file}-journal`]) await rm(name, { force: true });
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** What the operator reads after a restore: what was done, and what they must do or know. */
export function describeRestore(result: RestoreResult): string {
  const lines = [`klikvrij restore: ${result.backup} is now ${result.database} (${result.reports} reports, integrity ok, mode 0600).`];
  if (result.replacedFile) lines.push(`The database it replaced is kept, unchanged, as ${result.replacedFile} (with its -wal and -shm). Delete it yourself once you no longer need it: it holds children's reports.`);
  if (result.previous === 'unreadable') {
    lines.push(
      `The replaced database could not be read (${result.previousError}): what happened after the backup is unknown to the restore, so it played safe (below).`,
    );
  }
  lines.push(...describePreparation(result, result.missingKeyFiles));
  lines.push('Start the server (sudo systemctl start klikvrij).');
  return lines.join('\n');
}

/** The lines of what the steps after the copy did, the same on both backends. */
function describePreparation(result: Preparation & { previous: Previous }, missingKeys: readonly string[]): string[] {
  const lines: string[] = [];
  const s = result.signIns;
  lines.push(
    `Ended every sign-in: ${s.staffSessions} staff sessions, ${s.adminSessions} board-admin sessions, ${s.loginLinks} login links, ${s.oidcSignIns} school-account sign-ins in progress. Everyone asks for a new login link.`,
  );
  lines.push(`New ids start at ${result.idFloor}: no mail, mail file or link gets an id that was handed out before.`);
  if (result.retiredReportIds > 0) lines.push(`${result.retiredReportIds} case numbers issued after the backup are retired: their reports are gone, and no new report gets their number.`);
  const m = result.mails;
  if (m.continued > 0) lines.push(`${m.continued} mails waiting at the backup were still waiting: they will be sent.`);
  if (m.sentSinceBackup > 0) lines.push(`${m.sentSinceBackup} mails waiting at the backup were sent after it: not sent again.`);
  if (m.deadSinceBackup > 0) lines.push(`${m.deadSinceBackup} mails waiting at the backup were given up after it: they stay given up.`);
  if (m.queuedAfterBackup > 0) lines.push(`${m.queuedAfterBackup} mails queued after the backup were about what the restore undid: not sent.`);
  if (m.droppedLinks > 0) lines.push(`${m.droppedLinks} login-link mails waiting at the backup were dropped: their links no longer work.`);
  if (m.held.length > 0) {
    lines.push(
      `${m.held.length} mails were waiting at the backup and may have been sent since; they are NOT sent again. The directeur of each school sees them under the mails that did not arrive, and /healthz counts them as given up until they are removed there. Check with the recipients:`,
    );
    for (const mail of m.held) lines.push(`  - ${mail.createdAt} ${mail.purpose} to ${mail.toAddress}: ${mail.subject}`);
  }
  if (result.sentMarksKept > 0) lines.push(`${result.sentMarksKept} cases keep the reminders and warnings already sent after the backup: not sent again.`);
  if (result.purgedAgain > 0) lines.push(`${result.purgedAgain} cases whose content was deleted after the backup are deleted again.`);
  if (result.recoveryCodesKeptUsed > 0) lines.push(`${result.recoveryCodesKeptUsed} recovery codes used after the backup stay used.`);
  if (result.activeAgain.length > 0) {
    lines.push('These people were ended after the backup and are active again in it: end them again at /beheer.');
    for (const person of result.activeAgain) lines.push(`  - ${person.name} <${person.email}>${person.school ? ` at ${person.school}` : ' (board admin)'}`);
  }
  lines.push(
    'Gone with the restore: reports, messages, steps and every other change made after the backup. Reporters of those reports hold receipt codes that open nothing now.',
  );
  if (result.previous !== 'read') {
    lines.push(
      'Without the replaced database the restore cannot tell which reminders, retention warnings or IB mails were sent after the backup: some may come once more. Contacts ended, second factors reset and recovery codes used after the backup are as they were at the backup: check /beheer.',
    );
  }
  for (const file of missingKeys) {
    lines.push(`${file} is missing: put back the one from when the backup was made, or the server refuses to start.`);
  }
  return lines;
}

/**
 * Ids a PostgreSQL restore leaves free above the highest id known (in the dump, the replaced database
 * and the mail folder), for those handed out that nothing read tells of: after the dump when the
 * replaced database is gone, or on a database an earlier restore replaced. The SQLite restore uses the
 * time in milliseconds instead; serial ids on PostgreSQL are int4 (up to 2,147,483,647), which leaves
 * room for about 200 restores.
 */
export const POSTGRES_ID_HEADROOM = 10_000_000;

export interface PgRestoreResult extends Preparation {
  /** The restored database, named without its password. */
  database: string;
  reports: number;
  previous: 'read' | 'none';
  /** The database it replaces, when one was named to read (--replaced). */
  replacedDatabase: string | null;
  missingKeyFiles: string[];
}

/** host:port/name of a PostgreSQL URL, without user and password. */
function databaseName(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname.slice(1)} on ${parsed.hostname}:${parsed.port || '5432'}`;
}

/**
 * The steps of a restore on PostgreSQL, run once on a database that pg_restore has just filled from a
 * dump, with every app server stopped: as for SQLite, ids are raised above every id issued, case numbers
 * the replaced database knows are retired, sign-ins end and waiting mails are settled. The replaced
 * database (renamed aside, or still on the old server) is read, never changed, when `replacedUrl` names
 * it; without it the restore plays safe as the SQLite restore does without a readable replaced file.
 */
export async function prepareAfterPgRestore(options: {
  databaseUrl: string;
  dataDir: string;
  replacedUrl?: string;
  now?: () => Date;
}): Promise<PgRestoreResult> {
  const name = databaseName(options.databaseUrl);
  if (options.replacedUrl !== undefined && databaseName(options.replacedUrl) === name) {
    throw new RestoreError(`--replaced names ${name}, the restored database itself: name the database it replaces. Nothing was changed.`);
  }
  const db = await openPostgres(options.databaseUrl);
  let servers: DataDirLock | undefined;
  try {
    let others: number;
    let inspection: { tables: Set<string>; migrations: string[] };
    try {
      others = await otherPostgresConnections(db);
      inspection = await listTablesAndMigrations(db);
    } catch (error) {
      throw new RestoreError(`${name} cannot be read (${(error as Error).message}). Nothing was changed.`);
    }
    refuseForeignOrNewer(name, 'a PostgreSQL database', inspection, ' Restore the dump into it with pg_restore first.');
    if (others > 0) {
      throw new RestoreError(
        `${others} other connections to ${name} are open: an app server still runs on it, or another client ` +
          '(psql, a monitoring agent) is connected. Stop every server (sudo systemctl stop klikvrij@3001 klikvrij@3002) ' +
          'and close the others, then run this again. Nothing was changed.',
      );
    }
    // Held to the end: a server started meanwhile waits until the database is ready (db/server-lock.ts).
    servers = await takeServerLockAlone(options.databaseUrl);
    if (!servers) throw new RestoreError(`An app server started on ${name} just now. Stop every server, then run this again. Nothing was changed.`);
    const after = options.replacedUrl === undefined ? undefined : await readReplacedPostgres(options.replacedUrl);
    const mailFolder = await readMailFolder(path.join(path.resolve(options.dataDir), MAIL_FOLDER));
    const idFloor = Math.max(await highestPostgresId(db), after?.highestId ?? 0, mailFolder.highestId) + 1 + POSTGRES_ID_HEADROOM;
    const ceiling = await postgresIdCeiling(db);
    if (idFloor > ceiling) {
      throw new RestoreError(`new ids would start at ${idFloor}, above what ${name}'s id columns hold (${ceiling}). Nothing was changed.`);
    }
    await migrateToLatest(db);
    const prepared = await prepareRestored(db, idFloor, (trx) => raisePostgresIdFloor(trx, idFloor), after, mailFolder, (options.now ?? (() => new Date()))());
    return {
      database: name,
      reports: (await listReportIds(db)).length,
      previous: after ? 'read' : 'none',
      replacedDatabase: options.replacedUrl === undefined ? null : databaseName(options.replacedUrl),
      missingKeyFiles: await missingKeyFiles(path.resolve(options.dataDir)),
      ...prepared,
    };
  } finally {
    await db.destroy();
    await servers?.release();
  }
}

/** Reads the replaced PostgreSQL database in read-only transactions; refuses when it cannot be read. */
async function readReplacedPostgres(url: string): Promise<AfterBackup> {
  const readOnly = new URL(url);
  readOnly.searchParams.set('options', '-c default_transaction_read_only=on');
  const db = await openPostgres(readOnly.toString());
  try {
    if (!(await listTablesAndMigrations(db)).tables.has('report')) throw new Error('it holds no klikvrij database');
    return await readAfterBackup(db, () => highestPostgresId(db));
  } catch (error) {
    throw new RestoreError(`the replaced database ${databaseName(url)} cannot be read (${(error as Error).message}). Nothing was changed.`);
  } finally {
    await db.destroy();
  }
}

export function describePgRestore(result: PgRestoreResult): string {
  const lines = [`klikvrij restore after pg_restore: ${result.database} (${result.reports} reports) is prepared.`];
  if (result.replacedDatabase) {
    lines.push(`Read the replaced database ${result.replacedDatabase}, unchanged. Drop it yourself once you no longer need it: it holds children's reports.`);
  } else {
    lines.push(
      `No replaced database was read (--replaced): what happened after the dump is unknown to the restore, so it played safe (below).`,
    );
  }
  lines.push(...describePreparation(result, result.missingKeyFiles));
  lines.push(
    `New ids start ${POSTGRES_ID_HEADROOM} above the highest known, for ids handed out that nothing read tells of: none is handed out twice unless more than that many of one kind were.`,
  );
  lines.push('Start the app servers (sudo systemctl start klikvrij@3001 klikvrij@3002).');
  return lines.join('\n');
}

const USAGE = [
  'usage: npm run restore -- <backup-file>   (SQLite: with the server stopped; reads DATA_DIR, default ./data)',
  '       npm run restore -- --after-pg-restore [--replaced <postgres-url>]',
  '                                           (PostgreSQL: once, right after pg_restore filled DATABASE_URL, with every server stopped)',
].join('\n');

async function main(argv: readonly string[]): Promise<number> {
  const afterPgRestore = argv[0] === '--after-pg-restore';
  const replacedUrl = afterPgRestore && argv[1] === '--replaced' ? argv[2] : undefined;
  const fits = afterPgRestore
    ? argv.length === 1 || (argv.length === 3 && replacedUrl !== undefined && !replacedUrl.startsWith('-'))
    : argv.length === 1 && !argv[0]!.startsWith('-') && argv[0] !== '';
  if (!fits) {
    console.error(USAGE);
    return 2;
  }
  try {
    const { dataDir, databaseUrl } = loadConfig(process.env);
    if (afterPgRestore) {
      if (!databaseUrl) {
        console.error('klikvrij restore: --after-pg-restore is for PostgreSQL; set DATABASE_URL to the database pg_restore filled.');
        return 2;
      }
      console.log(describePgRestore(await prepareAfterPgRestore({ databaseUrl, dataDir, ...(replacedUrl ? { replacedUrl } : {}) })));
      return 0;
    }
    if (databaseUrl) return refuseOnPostgres('restore');
    console.log(describeRestore(await restoreDatabase(dataDir, argv[0]!)));
    return 0;
  } catch (error) {
    console.error(`klikvrij restore refused: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
