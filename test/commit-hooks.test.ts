// Commit hooks (db/transaction.ts) run after the COMMIT and never after a rollback. What a hook sees
// is checked through a second connection to the same file, which can only read committed rows.
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/database.js';
import { groupedTransaction } from '../db/group-commit.js';
import { onCommit, runTransaction } from '../db/transaction.js';
import { databasePerTest } from './helpers/database-per-test.js';
import { testMail } from './helpers/outbox-rows.js';

const database = databasePerTest('hooks');
let reader: SQLite.Database;
// After the database's own beforeEach, and closed before its afterEach (hooks run as a stack).
beforeEach(() => {
  reader = new SQLite(database.file, { readonly: true });
});
afterEach(() => {
  reader.close();
});

async function insertMail(trx: Db, tag: string): Promise<void> {
  await trx.insertInto('outbox').values(testMail(tag)).execute();
}

/** What another connection can read: committed rows only. */
function committedSubjects(): string[] {
  return (reader.prepare('SELECT subject FROM outbox ORDER BY id').all() as Array<{ subject: string }>).map((row) => row.subject);
}

describe('runTransaction', () => {
  it('runs a hook once, after the COMMIT, before it resolves', async () => {
    const seen: string[][] = [];
    const hook = () => seen.push(committedSubjects());
    await runTransaction(database.open.db, async (trx) => {
      await insertMail(trx, 'queued');
      onCommit(trx, hook);
      onCommit(trx, hook);
      // Inside the transaction the row is not visible to anyone else yet.
      expect(committedSubjects()).toEqual([]);
    });
    expect(seen).toEqual([['queued']]);
  });

  it('never runs a hook of a transaction that rolls back', async () => {
    const seen: string[] = [];
    const failing = runTransaction(database.open.db, async (trx) => {
      await insertMail(trx, 'taken back');
      onCommit(trx, () => seen.push('hook'));
      throw new Error('fails after queueing');
    });
    await expect(failing).rejects.toThrow('fails after queueing');
    expect(seen).toEqual([]);
    expect(committedSubjects()).toEqual([]);
  });

  it('refuses a hook outside such a transaction, so none is silently lost', async () => {
    expect(() => onCommit(database.open.db, () => undefined)).toThrow(/transaction/);
    await database.open.db.transaction().execute(async (trx) => {
      expect(() => onCommit(trx, () => undefined)).toThrow(/transaction/);
    });
  });
});

describe('groupedTransaction', () => {
  it('runs the hooks of the pieces that were kept after their shared COMMIT, none of the one rolled back', async () => {
    const events: string[] = [];
    const piece = (tag: string, fails: boolean) =>
      groupedTransaction(database.open.db, async (trx) => {
        await insertMail(trx, tag);
        onCommit(trx, () => events.push(`hook ${tag}: ${committedSubjects().join(',')}`));
        events.push(`work ${tag}`);
        if (fails) throw new Error(`${tag} fails`);
      });
    const results = await Promise.allSettled([piece('a', false), piece('b', true), piece('c', false)]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    // All three worked before the one COMMIT; then a's and c's hooks ran, each seeing both rows on disk.
    expect(events).toEqual(['work a', 'work b', 'work c', 'hook a: a,c', 'hook c: a,c']);
  });

  it('runs no hook when the shared COMMIT fails', async () => {
    const events: string[] = [];
    const queues = (tag: string) =>
      groupedTransaction(database.open.db, async (trx) => {
        await insertMail(trx, tag);
        onCommit(trx, () => events.push(tag));
      });
    // A deferred foreign key is only checked at COMMIT: a screenshot of a report that does not exist.
    const breaksCommit = groupedTransaction(database.open.db, async (trx) => {
      await sql`PRAGMA defer_foreign_keys = ON`.execute(trx);
      await trx
        .insertInto('screenshot')
        .values({ report_id: 999_999, mime_type: 'image/png', width: 1, height: 1, byte_size: 1, data: Buffer.from([0]) })
        .execute();
      onCommit(trx, () => events.push('broken'));
    });
    const results = await Promise.allSettled([queues('a'), breaksCommit, queues('b')]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(events).toEqual([]);
    expect(committedSubjects()).toEqual([]);
  });

  it('runs the hook of a lone piece after its own COMMIT', async () => {
    const seen: string[][] = [];
    await groupedTransaction(database.open.db, async (trx) => {
      await insertMail(trx, 'alone');
      onCommit(trx, () => seen.push(committedSubjects()));
    });
    expect(seen).toEqual([['alone']]);
  });
});
