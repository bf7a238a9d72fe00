// The worker thread of db/worker-writes.ts: a connection of its own to the report store, with the same
// pragmas as the app's. It runs the statements the app thread sends, one at a time, in the order
// sent, and answers each with its rows (or changes) or its error, and whether a transaction is open.
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { applyReportStorePragmas } from './sqlite-pragmas.js';
import type { WorkerAnswer, WorkerRequest } from './worker-writes.js';

/** Distinct statements kept prepared; the transactions sent here use about ten. */
const STATEMENT_CACHE_SIZE = 100;

const port = parentPort!;
const sqlite = new SQLite((workerData as { file: string }).file);
applyReportStorePragmas(sqlite);
const statements = new Map<string, SQLite.Statement>();

function prepare(sql: string): SQLite.Statement {
  let statement = statements.get(sql);
  if (!statement) {
    statement = sqlite.prepare(sql);
    if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
    statements.set(sql, statement);
  }
  return statement;
}

/**
 * The memory of the statement's bytes, given back to the app thread with the answer. Kept here it would
 * wait for this thread's garbage collector, which its few allocations seldom start: a class's photos
 * (3.6 MB each) stayed in memory for the whole burst. The app thread, busy allocating, frees them soon.
 */
function ownBytes(parameters: readonly unknown[]): ArrayBuffer[] {
  const own = new Set<ArrayBuffer>();
  for (const value of parameters) if (value instanceof Uint8Array && value.buffer instanceof ArrayBuffer) own.add(value.buffer);
  return [...own];
}

function answer(request: WorkerRequest): WorkerAnswer {
  const { id } = request;
  try {
    if (request.kind === 'rollback') {
      // SQLite may have rolled back by itself already (a full disk): then there is nothing to end.
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
      return { id, rows: [], inTransaction: sqlite.inTransaction };
    }
    if (request.kind === 'close') {
      sqlite.close();
      return { id, rows: [], inTransaction: false };
    }
    const statement = prepare(request.sql);
    if (statement.reader) return { id, rows: statement.all(request.parameters) as unknown[], inTransaction: sqlite.inTransaction };
    const { changes, lastInsertRowid } = statement.run(request.parameters);
    return { id, rows: [], changes, lastInsertRowid: BigInt(lastInsertRowid), inTransaction: sqlite.inTransaction };
  } catch (error) {
    const { message, code } = error as { message?: string; code?: unknown };
    return {
      id,
      error: { message: String(message ?? error), ...(typeof code === 'string' ? { code } : {}) },
      inTransaction: sqlite.open && sqlite.inTransaction,
    };
  }
}

port.on('message', (request: WorkerRequest) => {
  const result = answer(request);
  try {
    port.postMessage(result, request.kind === 'query' ? ownBytes(request.parameters) : []);
  } catch {
    // Memory that cannot move (none the app sends should be such) stays here; the answer goes all the same.
    port.postMessage(result);
  }
  if (request.kind === 'close') port.close();
});
