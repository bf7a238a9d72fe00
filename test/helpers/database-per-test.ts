// A migrated SQLite file of its own for each test of a file, for tests of the database helpers that
// need no app around them; removed with its folder after the test.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { migrateToLatest, openDatabase, type OpenDatabase } from '../../db/database.js';

/** Call at the top of a test file; `open` is the current test's database. */
export function databasePerTest(label: string): { open: OpenDatabase } {
  const current = {} as { open: OpenDatabase };
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), `klikvrij-${label}-`));
    current.open = openDatabase(path.join(dir, 'test.sqlite'));
    await migrateToLatest(current.open.db);
  });
  afterEach(async () => {
    await current.open.db.destroy();
    await rm(dir, { recursive: true, force: true });
  });
  return current;
}
