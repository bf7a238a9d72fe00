// Online backup of the report database while the server runs:
//
//   npm run backup -- /path/to/klikvrij-2026-03-02.sqlite      (the server's environment: DATA_DIR, …)
//
// Uses SQLite's backup API (better-sqlite3's db.backup) on a read-only connection, so the server
// keeps accepting reports meanwhile. The copy is written next to the target as a .partial file,
// checked with integrity_check, switched to a single self-contained file (journal_mode DELETE),
// and only then renamed into place: a file at the target path is always a complete backup.

import { chmod, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type SQLite from 'better-sqlite3';
import { finishBackupCopy, openForBackup } from '../db/queries/restore.js';
import { loadConfig } from './config.js';
import { DATABASE_FILE } from './context.js';
import { RECEIPT_SECRET } from './receipts/receipt-code.js';
import { TOTP_KEY } from './staff-auth/totp-key.js';
import { MASTER_KEY } from './case-keys/master-key.js';

/** All remaining pages in one step: a step that is cut by a write restarts, and under steady
 * writes a backup in small steps might never finish. One step reads one consistent snapshot (WAL
 * readers never block the server's writes). */
const ALL_PAGES = 0x7fffffff;

export interface BackupResult {
  file: string;
  bytes: number;
  pages: number;
  reports: number;
}

export class BackupError extends Error {
  override name = 'BackupError';
}

export async function backupDatabase(dataDir: string, target: string): Promise<BackupResult> {
  const source = path.join(path.resolve(dataDir), DATABASE_FILE);
  const file = path.resolve(target);
  if (await stat(file).then(() => true, () => false)) {
    throw new BackupError(`${file} already exists; choose a new file name (a backup never overwrites another one)`);
  }
  if (file === source) throw new BackupError('the backup cannot be the database itself');

  let db: SQLite.Database;
  try {
    db = openForBackup(source);
  } catch (error) {
    throw new BackupError(`cannot open ${source}: ${(error as Error).message}`);
  }
  const partial = `${file}.partial-${process.pid}`;
  try {
    const { totalPages } = await db.backup(partial, { progress: () => ALL_PAGES });
    const { integrity, reports } = finishBackupCopy(partial);
    if (integrity !== 'ok') throw new BackupError(`the copy failed integrity_check: ${integrity}`);
    // Children's reports: readable by the owner only, like the data folder itself.
    await chmod(partial, 0o600);
    await rename(partial, file);
    await syncFolder(path.dirname(file));
    return { file, bytes: (await stat(file)).size, pages: totalPages, reports };
  } catch (error) {
    await rm(partial, { force: true });
    await rm(`${partial}-journal`, { force: true });
    throw error;
  } finally {
    db.close();
  }
}

/** npm run backup and restore handle the SQLite file; PostgreSQL has its own tools (README, "Hosting on PostgreSQL"). */
export function refuseOnPostgres(command: 'backup' | 'restore'): number {
  console.error(
    `klikvrij ${command}: the database is PostgreSQL (DATABASE_URL); back it up with pg_dump --format=custom and restore ` +
      'it with pg_restore, then run npm run restore -- --after-pg-restore (README, "Hosting on PostgreSQL"). ' +
      `npm run ${command} with a file handles the SQLite file in DATA_DIR only.`,
  );
  return 2;
}

/** A rename is only durable once the folder itself is on disk. */
export async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const target = argv[0];
  if (!target || argv.length > 1 || target.startsWith('-')) {
    console.error('usage: npm run backup -- <backup-file>   (reads DATA_DIR, default ./data)');
    return 2;
  }
  try {
    // The server's own reading of the environment: the same DATA_DIR default, and the same refusal of a bad setting.
    const { dataDir, databaseUrl } = loadConfig(process.env);
    if (databaseUrl) return refuseOnPostgres('backup');
    const result = await backupDatabase(dataDir, target);
    console.log(
      `klikvrij backup: ${result.reports} reports, ${result.bytes} bytes, integrity ok, written to ${result.file}\n` +
        `Keep ${path.join(dataDir, RECEIPT_SECRET.name)}, ${path.join(dataDir, TOTP_KEY.name)} and the master key ` +
        `(${process.env.MASTER_KEY_FILE ?? path.join(dataDir, MASTER_KEY.name)}) safe as well, but apart from the backup: ` +
        'without them no receipt code and no staff second factor works after a restore, and without the master key the backup cannot be read at all.',
    );
    return 0;
  } catch (error) {
    console.error(`klikvrij backup failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
