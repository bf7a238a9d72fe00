// One migrated SQLite file per test run, made by vitest's globalSetup (test/helpers/global-setup.ts) and
// copied into the data folder of each fresh test app: running every migration for each test cost most
// of an app's start. A copy holds exactly what a fresh start would create before its first row; the
// start then finds every migration applied and goes on as on any empty database (secrets, seed import).
import { constants } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { checkpointWal, migrateToLatest, openDatabase } from '../../db/database.js';
import { DATABASE_FILE } from '../../server/context.js';

/** Where the template lives, for the test workers (set by the global setup, inherited by each worker). */
export const DATABASE_TEMPLATE_ENV = 'KLIKVRIJ_TEST_DATABASE_TEMPLATE';

/** Creates `file` with every migration applied and its WAL folded in, so the file alone is the database. */
export async function createDatabaseTemplate(file: string): Promise<void> {
  const { db, sqlite } = openDatabase(file);
  try {
    await migrateToLatest(db);
    checkpointWal(sqlite);
  } finally {
    await db.destroy();
  }
}

/**
 * Puts the run's migrated template into `dataDir` unless a database is there already (a restart, or a
 * test's own file). Outside a vitest run (no template) nothing happens and the start migrates as usual.
 */
export async function copyDatabaseTemplate(dataDir: string): Promise<void> {
  const template = process.env[DATABASE_TEMPLATE_ENV];
  if (!template) return;
  try {
    await copyFile(template, path.join(dataDir, DATABASE_FILE), constants.COPYFILE_EXCL);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}
