import type { Db } from './database.js';

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

/** A transaction of its own, whose commit hooks run after its COMMIT and before it resolves. */
export async function runTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  let hooks: Set<CommitHook> | undefined;
  const result = await db.transaction().execute((trx) => {
    hooks = collectCommitHooks(trx);
    return work(trx);
  });
  runCommitHooks(hooks);
  return result;
}
