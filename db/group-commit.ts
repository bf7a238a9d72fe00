import type { ControlledTransaction, Transaction } from 'kysely';
import type { Db } from './database.js';
import type { Database } from './schema.js';
import { dialectOf } from './dialect.js';
import { offThreadHandle } from './worker-writes.js';
import { collectCommitHooks, runCommitHooks, runTransaction, type CommitHook } from './transaction.js';

/**
 * Group commit for the hottest write: a class that reports at the same time.
 *
 * With synchronous=FULL every COMMIT waits for the disk, and that wait (not the INSERTs) is most of
 * what a report costs. Transactions handed in during the same turn of the event loop are therefore
 * written in ONE SQLite transaction with one COMMIT, each inside its own SAVEPOINT:
 *
 * - each piece of work runs exactly once, alone, in order of arrival;
 * - a piece that throws is rolled back to its savepoint and rejects alone; the others go on;
 * - every promise settles only after the COMMIT that made its rows durable, so a 201 still means
 *   "on disk"; if the COMMIT itself fails, every piece of the group rejects and nothing was stored;
 * - when only one piece is waiting (no load) it is a plain transaction, as before;
 * - a piece's commit hooks (onCommit in db/transaction.ts) run after the COMMIT, before it resolves,
 *   and never for a piece that was rolled back.
 *
 * The work must write through the transaction it is given, never through the Kysely instance.
 *
 * On PostgreSQL there is no grouping here: each piece is a plain transaction of its own
 * (runTransaction) on a connection of the pool. PostgreSQL already shares one WAL flush among the
 * commits that arrive together, across connections and app servers, and pieces on several
 * connections run in parallel, where savepoints on one connection would queue them all behind
 * each other. Reports without screenshots are grouped there too, as one statement of many reports
 * rather than one transaction (db/queries/reports.ts, ReportBatch).
 */
export type TransactionWork<T> = (trx: Transaction<Database>) => Promise<T>;

/** Pieces of work in one COMMIT at most: bounds how long one group holds the connection. */
export const MAX_GROUP_SIZE = 64;

interface Pending {
  work: TransactionWork<unknown>;
  /**
   * Written in a transaction of its own, on the worker thread's connection: megabytes of screenshots
   * would hold up everyone grouped with them, and the event loop while SQLite writes them.
   */
  alone: boolean;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

const groups = new WeakMap<Db, GroupCommit>();

/** Runs `work` in a transaction that may share its COMMIT with others arriving at the same moment. */
export function groupedTransaction<T>(
  db: Db,
  work: TransactionWork<T>,
  options: { alone?: boolean } = {},
): Promise<T> {
  if (dialectOf(db) === 'postgres') return runTransaction(db, work);
  let group = groups.get(db);
  if (!group) {
    group = new GroupCommit(db);
    groups.set(db, group);
  }
  return group.run(work, options.alone ?? false);
}

class GroupCommit {
  private waiting: Pending[] = [];
  private scheduled = false;
  private writing = false;

  constructor(private readonly db: Db) {}

  run<T>(work: TransactionWork<T>, alone: boolean): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ work, alone, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  /**
   * setImmediate, not a microtask: requests whose bytes arrived in the same poll phase all reach
   * run() first, and then share one COMMIT.
   */
  private schedule(): void {
    if (this.scheduled || this.writing) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.writeNext();
    });
  }

  private async writeNext(): Promise<void> {
    this.writing = true;
    try {
      // The next piece that must go alone, or else the run of pieces up to it (at most MAX_GROUP_SIZE).
      const firstAlone = this.waiting.findIndex((pending) => pending.alone);
      const size = firstAlone === 0 ? 1 : Math.min(MAX_GROUP_SIZE, firstAlone === -1 ? this.waiting.length : firstAlone);
      const group = this.waiting.splice(0, size);
      if (group.length === 1) await this.writeAlone(group[0]!);
      else if (group.length > 1) await this.writeGroup(group);
    } finally {
      this.writing = false;
      if (this.waiting.length > 0) this.schedule();
    }
  }

  private async writeAlone(pending: Pending): Promise<void> {
    try {
      // Megabytes are written by the worker thread's connection, off the event loop (db/worker-writes.ts).
      pending.resolve(await runTransaction(pending.alone ? offThreadHandle(this.db) : this.db, pending.work));
    } catch (error) {
      pending.reject(error);
    }
  }

  private async writeGroup(group: Pending[]): Promise<void> {
    const done: Array<{ pending: Pending; value: unknown; hooks: Set<CommitHook> }> = [];
    const failed = new Set<Pending>();
    let trx: ControlledTransaction<Database> | undefined;
    try {
      trx = await this.db.startTransaction().execute();
      for (const pending of group) {
        const inner = await trx.savepoint('piece').execute();
        const hooks = collectCommitHooks(inner);
        try {
          const value = await pending.work(inner);
          await inner.releaseSavepoint('piece').execute();
          done.push({ pending, value, hooks });
        } catch (error) {
          failed.add(pending);
          pending.reject(error);
          // Undo this piece only. When SQLite has already rolled the whole transaction back (a full
          // disk), the other pieces fail for this piece's reason, not for the failed ROLLBACK TO.
          try {
            await inner.rollbackToSavepoint('piece').execute();
            await inner.releaseSavepoint('piece').execute();
          } catch {
            throw error;
          }
        }
      }
      await trx.commit().execute();
    } catch (error) {
      await trx?.rollback().execute().catch(() => undefined);
      for (const pending of group) if (!failed.has(pending)) pending.reject(error);
      return;
    }
    for (const { pending, value, hooks } of done) {
      runCommitHooks(hooks);
      pending.resolve(value);
    }
  }
}
