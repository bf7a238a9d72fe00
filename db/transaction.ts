import type { Transaction } from 'kysely';
import type { Db } from './database.js';
import { dialectOf, isStalePreparedStatement } from './dialect.js';
import type { Database } from './schema.js';

/**
 * Work that may only happen once a transaction's rows are on disk, such as waking the mail worker
 * for the mails it just queued: woken earlier, the worker could look before the COMMIT, and a
 * rollback must wake nobody. A hook must not throw (the transaction is committed by then).
 */
export type CommitHook = () => void;

const hooksOf = new WeakMap<Db, Set<CommitHook>>();

/**
 * Runs `hook` after the transaction `trx` commits; never when it rolls back. `trx` must be the
 * transaction given by runTransaction or groupedTransaction: anything else is refused, so a hook is
 * never silently lost. The same hook added twice runs once.
 */
export function onCommit(trx: Db, hook: CommitHook): void {
  const hooks = hooksOf.get(trx);
  if (!hooks) throw new Error('onCommit needs the transaction of runTransaction or groupedTransaction');
  hooks.add(hook);
}

/** Starts collecting the hooks of a transaction (or of one savepoint in a group commit). */
export function collectCommitHooks(trx: Db): Set<CommitHook> {
  const hooks = new Set<CommitHook>();
  hooksOf.set(trx, hooks);
  return hooks;
}

export function runCommitHooks(hooks: Iterable<CommitHook> | undefined): void {
  for (const hook of hooks ?? []) hook();
}

/** Times a PostgreSQL transaction is tried when it fails only because another one ran at the same time. */
export const SERIALIZATION_ATTEMPTS = 10;
/**
 * Before its n-th new try a refused transaction waits a random time up to this, doubled for each try
 * (at most 5.1 s in all, half that on average): tried again at once, it met the next one of a row of
 * conflicting transactions (a retention run purging case after case) on every attempt. Ten tries
 * rather than five: two servers with eleven changes to each of ten cases at once got 2-4 of 110
 * answers 503 with eight, none with ten (test/postgres/case-contention.test.ts).
 */
export const SERIALIZATION_RETRY_WAIT_MS = 10;

/**
 * A transaction of its own, whose commit hooks run after its COMMIT and before it resolves.
 *
 * On SQLite a transaction is serializable by nature (one writer at a time). On PostgreSQL, where
 * several connections (and app servers) write at once, it runs at SERIALIZABLE so that work which
 * reads, then writes (a count against a limit, a marker set once) means the same as on SQLite; when
 * PostgreSQL refuses it for a concurrent one (40001, or a deadlock 40P01) it is run again from the
 * start, after a short random wait, at most SERIALIZATION_ATTEMPTS times (then the error is thrown:
 * isSerializationFailure); so is one that met a prepared statement a migration made stale
 * (db/database.ts, withNamedStatements). The work must therefore have no effect outside the
 * transaction except through onCommit, and tell what it did by its result rather than by changing a
 * variable outside it: an attempt refused at its COMMIT has run to its end.
 */
export async function runTransaction<T>(db: Db, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  const postgres = dialectOf(db) === 'postgres';
  for (let attempt = 1; ; attempt++) {
    let hooks: Set<CommitHook> | undefined;
    try {
      const builder = postgres ? db.transaction().setIsolationLevel('serializable') : db.transaction();
      const result = await builder.execute((trx) => {
        hooks = collectCommitHooks(trx);
        return work(trx);
      });
      runCommitHooks(hooks);
      return result;
    } catch (error) {
      const refused = isSerializationFailure(error);
      if (!postgres || attempt >= SERIALIZATION_ATTEMPTS || !(refused || isStalePreparedStatement(error))) throw error;
      if (refused) await waitBeforeRetry(attempt);
    }
  }
}

/** The random wait before the next try of work PostgreSQL refused `attempt` times (SERIALIZATION_RETRY_WAIT_MS). */
export function waitBeforeRetry(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * SERIALIZATION_RETRY_WAIT_MS * 2 ** (attempt - 1)));
}

/** PostgreSQL refused a transaction for a concurrent one (40001) or a deadlock (40P01): nothing of it was stored. */
export function isSerializationFailure(error: unknown): boolean {
  const { code } = (error ?? {}) as { code?: unknown };
  return code === '40001' || code === '40P01';
}
