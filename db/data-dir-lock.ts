import path from 'node:path';
import SQLite from 'better-sqlite3';

export const LOCK_FILE = 'klikvrij.lock';

export interface DataDirLock {
  release(): void | Promise<void>;
}

export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';
}

/**
 * Holds an exclusive lock on the data folder for as long as the process runs: a second server on the
 * same folder would send every mail twice. SQLite's own file lock on a small file of its own (not the
 * database, which the backup command reads meanwhile) is released by the operating system when the
 * process ends in any way, kill -9 included, so no stale lock file is ever left to clean up.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const file = path.join(dataDir, LOCK_FILE);
  const sqlite = new SQLite(file);
  try {
    sqlite.pragma('busy_timeout = 0');
    sqlite.pragma('locking_mode = EXCLUSIVE');
    sqlite.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    sqlite.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') {
      throw new DataDirInUseError(
        `DATA_DIR ${dataDir} is already in use by another klikvrij process (it holds ${file}). ` +
          'Stop that process first, or give this one its own DATA_DIR: two servers on one data folder send every mail twice.',
      );
    }
    throw error;
  }
  return {
    release: () => {
      sqlite.close();
    },
  };
}
