// A migrated SQLite file of its own for each test of a file, for tests of the database helpers that
// need no app around them; removed with its folder after the test. The file is a copy of the run's
// migrated template (test/helpers/database-template.ts), so the migrations it then runs find nothing
// to do: about 5 ms per test instead of about 75 ms for migrating anew.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { migrateToLatest, openDatabase, type OpenDatabase } from '../../db/database.js';
import { DATABASE_FILE } from '../../server/context.js';
import { copyDatabaseTemplate } from './database-template.js';

/** Call at the top of a test file; `open` is the current test's database, `file` its path. */
export function databasePerTest(label: string): { open: OpenDatabase; file: string } {
  const current = {} as { open: OpenDatabase; file: string };
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), `klikvrij-${label}-`));
    await copyDatabaseTemplate(dir);
    current.file = path.join(dir, DATABASE_FILE);
    current.open = openDatabase(current.file);
    // Outside a vitest run (no template) this migrates the new file.
    await migrateToLatest(current.open.db);
  });
  afterEach(async () => {
    await current.open.db.destroy();
    await rm(dir, { recursive: true, force: true });
  });
  return current;
}
