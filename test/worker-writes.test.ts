// Transactions with megabytes run on the worker thread's own SQLite connection (db/worker-writes.ts):
// what they commit the app reads, handed-over bytes move there uncopied, what fails leaves nothing,
// SQLite's codes come through, and writes of the app's connection meanwhile wait for the worker's
// COMMIT instead of meeting SQLITE_BUSY.
import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database.js';
import { groupedTransaction } from '../db/group-commit.js';
import { onCommit, runTransaction } from '../db/transaction.js';
import { handOver, offThreadHandle } from '../db/worker-writes.js';
import { databasePerTest } from './helpers/database-per-test.js';
import { testMail } from './helpers/outbox-rows.js';

const database = databasePerTest('worker-writes');

const subjects = () =>
  database.open.db.selectFrom('outbox').select('subject').orderBy('id').execute().then((rows) => rows.map((row) => row.subject));

/** A promise and the function that settles it. */
function gate(): { opened: Promise<void>; open: () => void } {
  let openIt!: () => void;
  const opened = new Promise<void>((resolve) => (openIt = resolve));
  return { opened, open: openIt };
}

/** Subjects in the database file, read on a connection of its own (the test's may be closed). */
async function subjectsInFile(): Promise<string[]> {
  const reader = openDatabase(database.open.sqlite.name);
  try {
    return (await reader.db.selectFrom('outbox').select('subject').orderBy('id').execute()).map((row) => row.subject);
  } finally {
    await reader.db.destroy();
  }
}

/** The next worker thread this process starts (Node's process 'worker' event). */
function nextThread(): Promise<Worker> {
  return new Promise((resolve) => process.once('worker', resolve));
}

/**
 * A transaction on the worker that writes `first`, then waits for `release` before it writes `then`
 * (when given) and commits; `inside` resolves once `first` is written.
 */
function heldTransaction(
  db: typeof database.open.db,
  first: string,
  then?: string,
): { underWay: Promise<void>; inside: Promise<void>; release: () => void } {
  const hold = gate();
  const inside = gate();
  const underWay = runTransaction(offThreadHandle(db), async (trx) => {
    await trx.insertInto('outbox').values(testMail(first)).execute();
    inside.open();
    await hold.opened;
    if (then) await trx.insertInto('outbox').values(testMail(then)).execute();
  });
  return { underWay, inside: inside.opened, release: hold.open };
}

describe('transactions on the worker thread', () => {
  it('runs on a connection of its own and commits what the app then reads, blobs as Buffers', async () => {
    const bytes = Buffer.from(Array.from({ length: 300_000 }, (_, i) => i % 251));
    const seenByApp: string[][] = [];
    const id = await runTransaction(offThreadHandle(database.open.db), async (trx) => {
      const row = await trx.insertInto('outbox').values(testMail('with-bytes')).returning('id').executeTakeFirstOrThrow();
      // Not committed yet: the app's connection does not see the row, so these are two connections.
      seenByApp.push(await subjects());
      await trx.insertInto('health_probe').values({ id: 1, checked_at: bytes.toString('base64') }).execute();
      return row.id;
    });
    expect(seenByApp).toEqual([[]]);
    expect(await subjects()).toEqual(['with-bytes']);
    expect(id).toBeGreaterThan(0);

    const read = await runTransaction(offThreadHandle(database.open.db), (trx) =>
      trx.selectNoFrom((eb) => eb.val(bytes).as('blob')).executeTakeFirstOrThrow(),
    );
    expect(Buffer.isBuffer(read.blob)).toBe(true);
    expect(Buffer.compare(read.blob as Buffer, bytes)).toBe(0);
  });

  it('moves handed-over bytes to the thread instead of copying them, and copies all others', async () => {
    const pattern = (i: number) => (i * 13) % 256;
    const moved = handOver(Buffer.from(Array.from({ length: 1_000_000 }, (_, i) => pattern(i))));
    const kept = Buffer.from(Array.from({ length: 1_000 }, (_, i) => pattern(i)));
    const expected = Buffer.from(moved);
    const read = await runTransaction(offThreadHandle(database.open.db), (trx) =>
      trx.selectNoFrom((eb) => [eb.val(moved).as('moved'), eb.val(kept).as('kept')]).executeTakeFirstOrThrow(),
    );
    expect(Buffer.compare(read.moved as Buffer, expected)).toBe(0);
    // Moved: nothing is left of it here.
    expect(moved.length).toBe(0);
    expect(kept.length).toBe(1_000);
    expect(Buffer.compare(read.kept as Buffer, kept)).toBe(0);
  });

  it('rolls back all of a transaction whose work throws, and passes SQLite\'s error code on', async () => {
    const failing = runTransaction(offThreadHandle(database.open.db), async (trx) => {
      await trx.insertInto('outbox').values(testMail('undone')).execute();
      // The same Message-ID twice: the unique index refuses it inside the worker.
      await trx.insertInto('outbox').values(testMail('undone')).execute();
    });
    await expect(failing).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_UNIQUE' });
    expect(await subjects()).toEqual([]);
    // The gate was given back: the app's connection writes at once.
    await database.open.db.insertInto('outbox').values(testMail('after')).execute();
    expect(await subjects()).toEqual(['after']);
  });

  it('runs commit hooks after the worker\'s COMMIT, never after a rollback', async () => {
    const ran: string[] = [];
    await runTransaction(offThreadHandle(database.open.db), async (trx) => {
      await trx.insertInto('outbox').values(testMail('kept')).execute();
      onCommit(trx, () => ran.push('kept'));
    });
    await runTransaction(offThreadHandle(database.open.db), async (trx) => {
      onCommit(trx, () => ran.push('undone'));
      throw new Error('no');
    }).catch(() => undefined);
    expect(ran).toEqual(['kept']);
  });

  it('lets the app read meanwhile, and the app\'s writes wait for the worker\'s COMMIT and then succeed', async () => {
    const hold = gate();
    const inside = gate();
    const order: string[] = [];
    const worker = runTransaction(offThreadHandle(database.open.db), async (trx) => {
      await trx.insertInto('outbox').values(testMail('worker')).execute();
      inside.open();
      await hold.opened;
      order.push('worker commits');
    }).then(() => order.push('worker committed'));
    await inside.opened;
    // A read is not held up by the worker's open transaction.
    expect(await subjects()).toEqual([]);
    order.push('read');

    // A write outside a transaction, a transaction, and a grouped one (as reports are written).
    const single = database.open.db.insertInto('outbox').values(testMail('single')).execute().then(() => order.push('single'));
    const transaction = runTransaction(database.open.db, (trx) => trx.insertInto('outbox').values(testMail('trx')).execute()).then(() =>
      order.push('transaction'),
    );
    const grouped = groupedTransaction(database.open.db, (trx) => trx.insertInto('outbox').values(testMail('grouped')).execute()).then(() =>
      order.push('grouped'),
    );
    // Turns of the event loop for the writes to reach the gate (and SQLite, were there none).
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    hold.open();
    await Promise.all([worker, single, transaction, grouped]);

    expect(order.slice(0, 3)).toEqual(['read', 'worker commits', 'worker committed']);
    expect(order.slice(3).sort()).toEqual(['grouped', 'single', 'transaction']);
    expect((await subjects()).sort()).toEqual(['grouped', 'single', 'trx', 'worker']);
  });

  it('writes a screenshot report through the grouped path on the worker while short ones keep their shared COMMIT', async () => {
    const alone = groupedTransaction(database.open.db, (trx) => trx.insertInto('outbox').values(testMail('photo')).execute(), { alone: true });
    const short = Array.from({ length: 3 }, (_, i) =>
      groupedTransaction(database.open.db, (trx) => trx.insertInto('outbox').values(testMail(`text-${i}`)).execute()),
    );
    await Promise.all([alone, ...short]);
    expect((await subjects()).sort()).toEqual(['photo', 'text-0', 'text-1', 'text-2']);
  });

  it('finishes a transaction under way when the database is closed, and refuses, storing nothing, what comes after', async () => {
    const { db } = database.open;
    const { underWay, inside, release } = heldTransaction(db, 'first', 'second');
    await inside;
    let closed = false;
    const closing = db.destroy().then(() => (closed = true));
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    // The close waits for the transaction: its rows are all stored or none, never a part.
    expect(closed).toBe(false);
    release();
    await underWay;
    await closing;
    expect(await subjectsInFile()).toEqual(['first', 'second']);

    await expect(runTransaction(offThreadHandle(db), (trx) => trx.insertInto('outbox').values(testMail('late')).execute())).rejects.toThrow(
      /closed/,
    );
    expect(await subjectsInFile()).toEqual(['first', 'second']);
    // For the test's own afterEach, which closes it again.
    database.open = openDatabase(database.open.sqlite.name);
  });

  it('fails a transaction whose thread ended under it, storing none of it, and the next one goes to a new thread', async () => {
    const { db } = database.open;
    const started = nextThread();
    const { underWay, inside, release } = heldTransaction(db, 'first', 'second');
    await inside;
    // As a crash of the thread would: its connection, and the transaction open on it, are gone.
    await (await started).terminate();
    release();
    await expect(underWay).rejects.toThrow(/worker thread ended/);
    expect(await subjects()).toEqual([]);

    await db.insertInto('outbox').values(testMail('app')).execute();
    await runTransaction(offThreadHandle(db), (trx) => trx.insertInto('outbox').values(testMail('worker')).execute());
    expect(await subjects()).toEqual(['app', 'worker']);
  });

  it('a transaction whose COMMIT failed with its thread gone rolls back nothing of the next one', async () => {
    const { db } = database.open;
    const started = nextThread();
    // Nothing more to write once released: its COMMIT is what meets the ended thread.
    const { underWay: failing, inside, release } = heldTransaction(db, 'lost');
    await inside;
    // The next transaction waits for the gate; it begins the moment the failing one lets go.
    const next = runTransaction(offThreadHandle(db), async (trx) => {
      await trx.insertInto('outbox').values(testMail('next-1')).execute();
      for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
      await trx.insertInto('outbox').values(testMail('next-2')).execute();
    });
    await (await started).terminate();
    release();
    await expect(failing).rejects.toThrow(/worker thread ended/);
    await next;
    expect(await subjects()).toEqual(['next-1', 'next-2']);
  });
});
