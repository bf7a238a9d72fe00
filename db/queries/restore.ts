// What `npm run restore` reads from a backup and from the database it replaces, and what it changes
// in the restored copy before that copy is put in place (server/restore.ts says why); and the
// statements `npm run backup` sends to the database it copies and to its copy (server/backup.ts).

import SQLiteDatabase from 'better-sqlite3';
import type SQLite from 'better-sqlite3';
import { Kysely, sql, SqliteDialect } from 'kysely';
import type { Db } from '../database.js';
import type { Database } from '../schema.js';

export interface DatabaseInspection {
  /** integrity_check's answer: 'ok' or SQLite's list of problems. */
  integrity: string;
  tables: Set<string>;
  /** Migration names recorded in the file (Kysely's kysely_migration table). */
  migrations: string[];
  /** Reports in the file (0 without a report table). */
  reports: number;
}

/** Reads a file's integrity, tables, migration level and reports; throws SQLite's error for a file that is no database. */
export function inspectDatabase(sqlite: SQLite.Database): DatabaseInspection {
  const integrity = String(sqlite.pragma('integrity_check', { simple: true }));
  const tables = new Set(
    (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((row) => row.name),
  );
  const migrations = tables.has('kysely_migration')
    ? (sqlite.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as Array<{ name: string }>).map((row) => row.name)
    : [];
  const reports = tables.has('report') ? (sqlite.prepare('SELECT count(*) AS n FROM report').get() as { n: number }).n : 0;
  return { integrity, tables, migrations, reports };
}

/** How long the backup's reading connection waits when the server holds the file a moment (a checkpoint). */
const BACKUP_BUSY_TIMEOUT_MS = 5000;

/** The running server's database, opened read-only for SQLite's backup API: the server keeps writing meanwhile. */
export function openForBackup(file: string): SQLite.Database {
  const sqlite = new SQLiteDatabase(file, { readonly: true, fileMustExist: true });
  sqlite.pragma(`busy_timeout = ${BACKUP_BUSY_TIMEOUT_MS}`);
  return sqlite;
}

/**
 * Checks the copy the backup API wrote at `file` and, when it is sound, makes it one self-contained
 * file (journal_mode DELETE, no -wal beside it): ready to be copied elsewhere or put back as it is.
 */
export function finishBackupCopy(file: string): DatabaseInspection {
  const copy = new SQLiteDatabase(file);
  try {
    const inspection = inspectDatabase(copy);
    if (inspection.integrity === 'ok') copy.pragma('journal_mode = DELETE');
    return inspection;
  } finally {
    copy.close();
  }
}

/** Tables whose ids SQLite counts (AUTOINCREMENT), except report, whose case numbers are drawn at random. */
function countedTables(sqlite: SQLite.Database): string[] {
  const rows = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND upper(sql) LIKE '%AUTOINCREMENT%' AND name != 'report'")
    .all() as Array<{ name: string }>;
  return rows.map((row) => row.name);
}

/** The highest id SQLite has handed out in any counted table (0 for none). */
export function highestCountedId(sqlite: SQLite.Database): number {
  const row = sqlite.prepare("SELECT max(seq) AS seq FROM sqlite_sequence WHERE name != 'report'").get() as { seq: number | null } | undefined;
  return Number(row?.seq ?? 0);
}

/**
 * Makes every counted table's next id at least `floor`. AUTOINCREMENT never hands out an id at or
 * below the table's sqlite_sequence value, even after the rows are deleted.
 */
export function raiseIdFloor(sqlite: SQLite.Database, floor: number): void {
  const update = sqlite.prepare('UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?');
  const insert = sqlite.prepare('INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)');
  for (const table of countedTables(sqlite)) {
    if (update.run(floor - 1, table).changes === 0) insert.run(table, floor - 1);
  }
}

/** The tables and recorded migrations of a database on either backend (a PostgreSQL database that pg_restore filled). */
export async function listTablesAndMigrations(db: Db): Promise<{ tables: Set<string>; migrations: string[] }> {
  const tables = new Set((await db.introspection.getTables({ withInternalKyselyTables: true })).map((table) => table.name));
  const migrations = tables.has('kysely_migration')
    ? (await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(db)).rows.map((row) => row.name)
    : [];
  return { tables, migrations };
}

interface CountedSequence {
  name: string;
  /** The highest id it has handed out (0 for none). */
  highest: number;
  maxValue: number;
}

/**
 * PostgreSQL: the sequences behind counted ids (the serial columns), report's excepted (case numbers
 * are drawn at random). pg_dump stores each sequence's value at the dump, so a restored sequence
 * hands out again every id issued between the dump and the restore.
 */
async function countedSequences(db: Db): Promise<CountedSequence[]> {
  const { rows } = await sql<{ name: string; max_value: number }>`
    SELECT format('%I.%I', schemaname, sequencename) AS name, max_value FROM pg_sequences
    WHERE schemaname = current_schema()
      AND format('%I.%I', schemaname, sequencename)::regclass IS DISTINCT FROM pg_get_serial_sequence('report', 'id')::regclass
    ORDER BY sequencename`.execute(db);
  const sequences: CountedSequence[] = [];
  for (const row of rows) {
    // Read from the sequence itself: pg_sequences shows no last_value for one set with is_called = false.
    const [state] = (await sql<{ last_value: number; is_called: boolean }>`SELECT last_value, is_called FROM ${sql.raw(row.name)}`.execute(db)).rows;
    sequences.push({ name: row.name, highest: state!.is_called ? Number(state!.last_value) : Number(state!.last_value) - 1, maxValue: Number(row.max_value) });
  }
  return sequences;
}

/** PostgreSQL: the highest id any counted sequence has handed out (0 for none). */
export async function highestPostgresId(db: Db): Promise<number> {
  return Math.max(0, ...(await countedSequences(db)).map((sequence) => sequence.highest));
}

/** PostgreSQL: the lowest largest value of the counted sequences (serial columns are int4). */
export async function postgresIdCeiling(db: Db): Promise<number> {
  return Math.min(...(await countedSequences(db)).map((sequence) => sequence.maxValue));
}

/**
 * PostgreSQL: makes every counted sequence's next id at least `floor`. setval is not undone by a
 * rollback: a restore that fails after it leaves ids higher than needed, never lower.
 */
export async function raisePostgresIdFloor(db: Db, floor: number): Promise<void> {
  for (const sequence of await countedSequences(db)) {
    if (sequence.highest < floor - 1) await sql`SELECT setval(${sequence.name}::regclass, ${floor - 1}, true)`.execute(db);
  }
}

/** PostgreSQL: client connections to this database besides this one (app servers that still run). */
export async function otherPostgresConnections(db: Db): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*) AS n FROM pg_stat_activity
    WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`.execute(db);
  return Number(rows[0]!.n);
}

export async function listReportIds(db: Db): Promise<number[]> {
  return (await db.selectFrom('report').select('id').execute()).map((row) => row.id);
}

export async function listRetiredReportIds(db: Db): Promise<number[]> {
  return (await db.selectFrom('retired_report_id').select('id').execute()).map((row) => row.id);
}

/** Retires case numbers that have no report in this database; returns how many were new. */
export async function retireReportIds(db: Db, ids: readonly number[]): Promise<number> {
  const present = new Set(await listReportIds(db));
  const retired = new Set(await listRetiredReportIds(db));
  const fresh = [...new Set(ids)].filter((id) => !present.has(id) && !retired.has(id));
  for (let start = 0; start < fresh.length; start += 500) {
    await db
      .insertInto('retired_report_id')
      .values(fresh.slice(start, start + 500).map((id) => ({ id })))
      .execute();
  }
  return fresh.length;
}

export interface EndedSignIns {
  staffSessions: number;
  loginLinks: number;
  adminSessions: number;
  oidcSignIns: number;
}

/** Every staff and board-admin session (and so its CSRF token), login link and OpenID sign-in in progress. */
export async function endAllSignIns(db: Db): Promise<EndedSignIns> {
  const count = (result: { numDeletedRows: bigint }) => Number(result.numDeletedRows);
  return {
    staffSessions: count(await db.deleteFrom('staff_session').executeTakeFirstOrThrow()),
    loginLinks: count(await db.deleteFrom('staff_login_token').executeTakeFirstOrThrow()),
    adminSessions: count(await db.deleteFrom('admin_session').executeTakeFirstOrThrow()),
    oidcSignIns: count(await db.deleteFrom('oidc_transaction').executeTakeFirstOrThrow()),
  };
}

export interface PendingMail {
  id: number;
  messageId: string;
  purpose: string;
  toAddress: string;
  subject: string;
  createdAt: string;
}

/** Mails not sent and not given up. */
export async function listPendingMails(db: Db): Promise<PendingMail[]> {
  const rows = await db
    .selectFrom('outbox')
    .select(['id', 'message_id', 'purpose', 'to_address', 'subject', 'created_at'])
    .where('sent_at', 'is', null)
    .where('dead_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    messageId: row.message_id,
    purpose: row.purpose,
    toAddress: row.to_address,
    subject: row.subject,
    createdAt: row.created_at,
  }));
}

export interface MailState {
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  deadAt: string | null;
}

/** Every mail still in an outbox (waiting or given up), by Message-ID. */
export async function listMailStates(db: Db): Promise<Map<string, MailState>> {
  const rows = await db
    .selectFrom('outbox')
    .select(['message_id', 'attempts', 'next_attempt_at', 'last_error', 'dead_at'])
    .where('sent_at', 'is', null)
    .execute();
  return new Map(
    rows.map((row) => [row.message_id, { attempts: row.attempts, nextAttemptAt: row.next_attempt_at, lastError: row.last_error, deadAt: row.dead_at }]),
  );
}

/** A waiting mail takes the state it had in the replaced database: the attempts made since the backup count. */
export async function continueMail(db: Db, id: number, state: MailState): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ attempts: state.attempts, next_attempt_at: state.nextAttemptAt, last_error: state.lastError })
    .where('id', '=', id)
    .execute();
}

export interface CaseMarks {
  id: number;
  firstReminderAt: string | null;
  directorReminderAt: string | null;
  retentionWarnedAt: string | null;
  ibInformedAt: string | null;
  followUpMailedAt: string | null;
  purgedAt: string | null;
}

/** What of each case records a mail already sent (reminders, warnings, the IB'er told) or its content deleted. */
export async function listCaseMarks(db: Db): Promise<CaseMarks[]> {
  const rows = await db
    .selectFrom('report')
    .select(['id', 'first_reminder_at', 'director_reminder_at', 'retention_warned_at', 'ib_informed_at', 'follow_up_mailed_at', 'purged_at'])
    .execute();
  return rows.map((row) => ({
    id: row.id,
    firstReminderAt: row.first_reminder_at,
    directorReminderAt: row.director_reminder_at,
    retentionWarnedAt: row.retention_warned_at,
    ibInformedAt: row.ib_informed_at,
    followUpMailedAt: row.follow_up_mailed_at,
    purgedAt: row.purged_at,
  }));
}

/** Keeps the mail-sent marks of the replaced database where the restored case has none. */
export async function keepSentMarks(db: Db, marks: CaseMarks): Promise<void> {
  await db
    .updateTable('report')
    .set((eb) => ({
      first_reminder_at: eb.fn.coalesce('first_reminder_at', eb.val(marks.firstReminderAt)),
      director_reminder_at: eb.fn.coalesce('director_reminder_at', eb.val(marks.directorReminderAt)),
      retention_warned_at: eb.fn.coalesce('retention_warned_at', eb.val(marks.retentionWarnedAt)),
      ib_informed_at: eb.fn.coalesce('ib_informed_at', eb.val(marks.ibInformedAt)),
      follow_up_mailed_at: eb.fn.coalesce('follow_up_mailed_at', eb.val(marks.followUpMailedAt)),
    }))
    .where('id', '=', marks.id)
    .execute();
}

export async function listUsedRecoveryCodes(db: Db): Promise<Array<{ codeHash: string; usedAt: string }>> {
  const rows = await db.selectFrom('staff_totp_recovery_code').select(['code_hash', 'used_at']).where('used_at', 'is not', null).execute();
  return rows.map((row) => ({ codeHash: row.code_hash, usedAt: row.used_at! }));
}

/** A recovery code used after the backup stays used. Returns whether it was unused in the restored copy. */
export async function keepRecoveryCodeUsed(db: Db, code: { codeHash: string; usedAt: string }): Promise<boolean> {
  const result = await db
    .updateTable('staff_totp_recovery_code')
    .set({ used_at: code.usedAt })
    .where('code_hash', '=', code.codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export interface PersonRow {
  key: string;
  name: string;
  email: string;
  school: string | null;
}

/** Contacts (by id) and board admins (by address) that are ended, or that are active. */
export async function listPeople(db: Db, which: 'ended' | 'active'): Promise<PersonRow[]> {
  const ended = which === 'ended' ? 'is not' : 'is';
  const contacts = await db.selectFrom('school_contact').select(['id', 'name', 'email', 'school']).where('ended_at', ended, null).execute();
  const admins = await db.selectFrom('board_admin').select(['email', 'address', 'name']).where('ended_at', ended, null).execute();
  return [
    ...contacts.map((row) => ({ key: `contact:${row.id}`, name: row.name, email: row.email, school: row.school })),
    ...admins.map((row) => ({ key: `admin:${row.email}`, name: row.name, email: row.address, school: null })),
  ];
}

/** A database file opened for reading only (a backup, or the file a restore replaces): nothing in it changes. */
export function openForReading(file: string): { db: Db; sqlite: SQLite.Database } {
  const sqlite = new SQLiteDatabase(file, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 0');
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) }), sqlite };
}
