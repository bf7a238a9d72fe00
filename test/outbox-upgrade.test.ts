// Upgrading from a version that kept sent mails in the outbox (with millisecond times): migration
// 0013 removes them and keeps the unsent ones.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Migrator } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../db/database.js';
import { MIGRATIONS } from '../db/migrations/index.js';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('removes the sent rows older versions left in the outbox and keeps the unsent', async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'klikvrij-upgrade-'));
  const { db, sqlite } = openDatabase(path.join(dir, 'klikvrij.sqlite'));
  const before = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  const { error } = await before.migrateTo('0012-mailed-login-requests');
  expect(error).toBeUndefined();
  const insert = sqlite.prepare(
    `INSERT INTO outbox (school, purpose, to_address, subject, text_body, html_body, message_id, next_attempt_at, created_at, sent_at)
     VALUES ('kopakker', 'new-report', 'a@b.nl', 's', 't', 'h', ?, ?, ?, ?)`,
  );
  insert.run('<sent@klikvrij>', '2026-03-02T08:31:07.123Z', '2026-03-02T08:31:07.123Z', '2026-03-02T08:31:09.456Z');
  insert.run('<unsent@klikvrij>', '2026-03-02T08:00:00.000Z', '2026-03-02T08:00:00.000Z', null);

  await migrateToLatest(db);
  const rows = sqlite.prepare('SELECT message_id, dead_at, priority FROM outbox').all();
  await db.destroy();
  expect(rows).toEqual([{ message_id: '<unsent@klikvrij>', dead_at: null, priority: 1 }]);
});
