import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { groupedTransaction } from '../db/group-commit.js';
import { databasePerTest } from './helpers/database-per-test.js';
import { testMail } from './helpers/outbox-rows.js';

const database = databasePerTest('group');

function insertMail(tag: string) {
  return groupedTransaction(database.open.db, async (trx) => {
    const row = await trx
      .insertInto('outbox')
      .values(testMail(tag))
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
}

const subjects = () =>
  database.open.db.selectFrom('outbox').select('subject').orderBy('id').execute().then((rows) => rows.map((r) => r.subject));

/** Frames in the WAL: every COMMIT appends at least one, so N separate COMMITs leave at least N. */
function walFrames(): number {
  const [result] = database.open.sqlite.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number }>;
  return result!.log;
}

describe('groupedTransaction', () => {
  it('writes work handed in together in one COMMIT, in order, each with its own result', async () => {
    await insertMail('warm-up');
    database.open.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const ids = await Promise.all(Array.from({ length: 10 }, (_, i) => insertMail(`m${i}`)));
    // One COMMIT touching a handful of pages, not ten COMMITs of at least one frame each.
    expect(walFrames()).toBeLessThan(10);
    expect(new Set(ids).size).toBe(10);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(await subjects()).toEqual(['warm-up', ...Array.from({ length: 10 }, (_, i) => `m${i}`)]);
  });

  it('rolls back and rejects only the piece that fails; the others are stored', async () => {
    const failing = groupedTransaction(database.open.db, async (trx) => {
      await trx
        .insertInto('outbox')
        .values({
          school: 'kopakker',
          purpose: 'test',
          to_address: 'a@example.nl',
          subject: 'half-written',
          text_body: '',
          html_body: '',
          message_id: '<half@klikvrij>',
          next_attempt_at: '2026-01-01T00:00:00.000Z',
          created_at: '2026-01-01T00:00:00.000Z',
        })
        .execute();
      throw new Error('fails after writing');
    });
    const results = await Promise.allSettled([insertMail('a'), failing, insertMail('b')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await subjects()).toEqual(['a', 'b']);
  });

  it('rejects every piece of the group when the COMMIT fails, and stores nothing', async () => {
    // A deferred foreign key is only checked at COMMIT: a screenshot of a report that does not exist.
    const breaksCommit = groupedTransaction(database.open.db, async (trx) => {
      await sql`PRAGMA defer_foreign_keys = ON`.execute(trx);
      await trx
        .insertInto('screenshot')
        .values({ report_id: 999_999, mime_type: 'image/png', width: 1, height: 1, byte_size: 1, data: Buffer.from([0]) })
        .execute();
    });
    const results = await Promise.allSettled([insertMail('a'), breaksCommit, insertMail('b')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(await subjects()).toEqual([]);
    // The connection is usable again afterwards.
    await insertMail('after');
    expect(await subjects()).toEqual(['after']);
  });

  it('runs a lone piece as a plain transaction', async () => {
    await expect(insertMail('alone')).resolves.toBeGreaterThan(0);
    expect(await subjects()).toEqual(['alone']);
  });
});
