// Transactions that carry megabytes (a report with its photos, a reporter's answer with screenshots)
// run on a second SQLite connection, in a worker thread. better-sqlite3 is synchronous: the INSERT of
// a 3.6 MB screenshot and its durable COMMIT (WAL append, fsync, often a checkpoint of the WAL into
// the file) held the event loop for 20-80 ms each, and /healthz, pages and every other request waited
// behind it. The work itself still runs here, as Kysely code on a transaction handle, so it reads and
// writes exactly as before; only its statements execute in the worker. The transaction resolves after
// the worker's COMMIT (synchronous=FULL there too), so a 201 still means "on disk".
//
// SQLite lets one connection write at a time, and the other one waits in its busy handler, asleep on
// its thread. Were that the app thread, it could never send the statements that end the worker's
// transaction: both would wait until busy_timeout. So every write, on either connection, first takes
// the write gate, here in JavaScript: each transaction from BEGIN to its end, and each write outside
// one. Reads take nothing (WAL: readers never wait for the writer).
//
// The work of a transaction sent to the worker must go through its own transaction handle only: a
// query on the app's handle meanwhile could wait for a transaction that waits for this one's gate.
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  CompiledQuery,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import type { Database } from './schema.js';

type Db = Kysely<Database>;

export type WorkerRequest =
  | { id: number; kind: 'query'; sql: string; parameters: readonly unknown[] }
  | { id: number; kind: 'rollback' }
  | { id: number; kind: 'close' };

export type WorkerAnswer = { id: number; inTransaction: boolean } & (
  | { rows: unknown[]; changes?: number; lastInsertRowid?: bigint }
  | { error: { message: string; code?: string } }
);

/** First come, first served: one holder at a time, across both connections. */
export class WriteGate {
  private held = false;
  private readonly waiting: Array<() => void> = [];

  async lock(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  unlock(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.held = false;
  }

  /** Runs `write` holding the gate. */
  async around<T>(write: () => Promise<T>): Promise<T> {
    await this.lock();
    try {
      return await write();
    } finally {
      this.unlock();
    }
  }
}

/**
 * The worker side of one SQLite file, carried by the app's database handle as a Kysely plugin that
 * changes no query (like CaseCrypto), so that every handle derived from it finds it. The thread starts
 * at the first transaction sent to it and is stopped with the app's handle (db.destroy()).
 */
export class WorkerWrites implements KyselyPlugin {
  readonly gate = new WriteGate();
  private thread: Promise<WorkerThread> | undefined;
  private closed = false;
  private readonly handles = new WeakMap<Db, Db>();

  constructor(private readonly file: string) {}

  /** A handle on the worker's connection with the plugins of `db` (its CaseCrypto), this one left out. */
  handleFor(db: Db): Db {
    let handle = this.handles.get(db);
    if (!handle) {
      const plugins = db.getExecutor().plugins.filter((plugin) => plugin !== this);
      handle = new Kysely<Database>({ dialect: new WorkerDialect(this), plugins });
      this.handles.set(db, handle);
    }
    return handle;
  }

  /** Sends one request to the thread (started now if it is not running). */
  async send(request: DistributiveOmit<WorkerRequest, 'id'>): Promise<WorkerAnswer> {
    return (await this.running()).send(request);
  }

  /** The thread, started now if it is not running; none once the database is closed. */
  running(): Promise<WorkerThread> {
    if (this.closed) return Promise.reject(new Error('the database is closed: the SQLite worker thread takes no more writes'));
    if (!this.thread) {
      const thread: Promise<WorkerThread> = startThread(this.file).then(
        (worker) =>
          new WorkerThread(worker, () => {
            if (this.thread === thread) this.thread = undefined;
          }),
      );
      this.thread = thread;
      // A thread that could not start is tried anew at the next request.
      thread.catch(() => {
        if (this.thread === thread) this.thread = undefined;
      });
    }
    return this.thread;
  }

  /**
   * Stops the thread once the writes under way or waiting for the gate, on either connection, have
   * ended: a transaction is committed or rolled back whole, never cut off between two statements.
   * Writes that come later are refused.
   */
  async close(): Promise<void> {
    await this.gate.lock();
    try {
      this.closed = true;
      const thread = this.thread;
      this.thread = undefined;
      await (await thread?.catch(() => undefined))?.close();
    } finally {
      this.gate.unlock();
    }
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export function workerWritesOf(db: Db): WorkerWrites | undefined {
  return db.getExecutor().plugins.find((plugin): plugin is WorkerWrites => plugin instanceof WorkerWrites);
}

const handedOver = new WeakSet<ArrayBufferLike>();

/**
 * Marks bytes their owner will not touch again: a statement sent to the worker thread then moves them
 * there instead of copying them on the event loop (a 3.6 MB screenshot: 2-20 ms). Afterwards the
 * Buffer is empty here. Bytes sharing their memory with others are copied as before.
 */
export function handOver(bytes: Buffer): Buffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) handedOver.add(bytes.buffer);
  return bytes;
}

/**
 * Runs `task` (a WAL checkpoint) while neither connection writes. A checkpoint meeting the worker's
 * transaction would wait for it in SQLite's busy handler, asleep on the app thread, which alone can
 * send the statements that end that transaction.
 */
export async function betweenWrites<T>(db: Db, task: () => T): Promise<T> {
  const writes = workerWritesOf(db);
  return writes ? writes.gate.around(async () => task()) : task();
}

/**
 * The handle for a transaction that writes megabytes: its statements run in the worker thread. `db`
 * itself on PostgreSQL (whose driver never holds the event loop) and on a handle opened without it.
 */
export function offThreadHandle(db: Db): Db {
  return workerWritesOf(db)?.handleFor(db) ?? db;
}

const THREAD_SOURCE = fileURLToPath(new URL('./worker-writes-thread.ts', import.meta.url));
/** Beside the compiled server (scripts/build.ts makes it from worker-writes-thread.ts). */
const THREAD_BUILT = new URL('./sqlite-worker-writes.js', import.meta.url);

let threadFromSource: Promise<string> | undefined;

/**
 * The thread's code when the app runs from source (tests, tsx): worker-writes-thread.ts compiled once
 * per process with esbuild, as the build does, to a script whose `require` resolves from its source.
 * (tsx loading it in each new thread took about five times as long to start one.)
 */
function compiledThreadSource(): Promise<string> {
  threadFromSource ??= (async () => {
    const esbuild = await import('esbuild');
    const { outputFiles } = await esbuild.build({
      entryPoints: [THREAD_SOURCE],
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      external: ['better-sqlite3'],
      write: false,
      logLevel: 'warning',
    });
    const code = outputFiles[0]!.text;
    return `(function (require) {\n${code}\n})(require('node:module').createRequire(${JSON.stringify(THREAD_SOURCE)}));`;
  })();
  return threadFromSource;
}

async function startThread(file: string): Promise<Worker> {
  const workerData = { file };
  if (!import.meta.url.endsWith('.ts')) return new Worker(THREAD_BUILT, { workerData });
  return new Worker(await compiledThreadSource(), { eval: true, workerData });
}

class WorkerThread {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (answer: WorkerAnswer) => void; reject: (error: Error) => void }>();
  /** Why the thread ended (it crashed, or was closed); its connection and any transaction on it are gone. */
  ended: Error | undefined;

  constructor(
    private readonly worker: Worker,
    onExit: () => void,
  ) {
    // Held open only while a request is under way: an idle thread never keeps the process alive.
    this.worker.unref();
    this.worker.on('message', (answer: WorkerAnswer) => {
      const waiter = this.pending.get(answer.id);
      this.pending.delete(answer.id);
      if (this.pending.size === 0) this.worker.unref();
      waiter?.resolve(answer);
    });
    const fail = (error: Error) => {
      this.ended ??= error;
      onExit();
      for (const waiter of this.pending.values()) waiter.reject(error);
      this.pending.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the SQLite worker thread ended (exit code ${code})`)));
  }

  send(request: DistributiveOmit<WorkerRequest, 'id'>): Promise<WorkerAnswer> {
    if (this.ended) return Promise.reject(this.ended);
    const id = this.nextId++;
    return new Promise<WorkerAnswer>((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject });
      const moved = request.kind === 'query' ? movableBytes(request.parameters) : [];
      this.worker.postMessage({ ...request, id }, moved);
    });
  }

  async close(): Promise<void> {
    await this.send({ kind: 'close' }).catch(() => undefined);
    await this.worker.terminate();
  }
}

function movableBytes(parameters: readonly unknown[]): ArrayBuffer[] {
  const moved = new Set<ArrayBuffer>();
  for (const value of parameters) {
    if (value instanceof Uint8Array && value.buffer instanceof ArrayBuffer && handedOver.has(value.buffer)) moved.add(value.buffer);
  }
  return [...moved];
}

/** An error the worker's connection raised, with SQLite's code (SQLITE_FULL, SQLITE_CORRUPT, …). */
export class SqliteWorkerError extends Error {
  override name = 'SqliteError';

  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/** Blobs come back from the thread as Uint8Array; the app reads Buffers, as from better-sqlite3. */
function asBuffers(rows: unknown[]): UnknownRow[] {
  for (const row of rows as Array<Record<string, unknown>>) {
    for (const [column, value] of Object.entries(row)) {
      if (value instanceof Uint8Array && !Buffer.isBuffer(value)) row[column] = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    }
  }
  return rows as UnknownRow[];
}

/**
 * The worker's connection as Kysely sees it: one per transaction, holding the gate from BEGIN to its
 * end. A transaction stays on the thread it began on: when that thread ends under it, its statements
 * fail, rather than run on a new thread's connection outside any transaction.
 */
class WorkerConnection implements DatabaseConnection {
  private holdsGate = false;
  private thread: WorkerThread | undefined;

  constructor(private readonly writes: WorkerWrites) {}

  async begin(): Promise<void> {
    await this.writes.gate.lock();
    this.holdsGate = true;
    try {
      this.thread = await this.writes.running();
      // IMMEDIATE: the write lock now, so no statement of this transaction meets another writer.
      await this.run(CompiledQuery.raw('BEGIN IMMEDIATE'));
    } catch (error) {
      this.release(false);
      throw error;
    }
  }

  async commit(): Promise<void> {
    const answer = await this.statement(CompiledQuery.raw('COMMIT')).catch((error: unknown) => {
      // The thread ended: its connection, and the transaction with it, are gone.
      this.release(false);
      throw error;
    });
    // A COMMIT that failed may leave the transaction open (then a ROLLBACK follows and releases).
    this.release(answer.inTransaction);
    if ('error' in answer) throw new SqliteWorkerError(answer.error.message, answer.error.code);
  }

  async rollback(): Promise<void> {
    // Let go already: the transaction ended with its failed COMMIT (SQLite rolled it back, or its
    // thread ended). The gate, and the worker's connection, may be another transaction's by now: a
    // ROLLBACK sent now would end that one.
    if (!this.holdsGate) return;
    try {
      // A thread that ended took its transaction with it: nothing is left to roll back.
      if (!this.thread?.ended) await this.request({ kind: 'rollback' });
    } finally {
      this.release(false);
    }
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.holdsGate) return this.run(query);
    return this.writes.gate.around(() => this.run(query));
  }

  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('the worker connection does not stream');
  }

  private async request(request: DistributiveOmit<WorkerRequest, 'id'>): Promise<WorkerAnswer> {
    return this.thread ? this.thread.send(request) : this.writes.send(request);
  }

  private async statement(query: CompiledQuery): Promise<WorkerAnswer> {
    return this.request({ kind: 'query', sql: query.sql, parameters: query.parameters });
  }

  private async run<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const answer = await this.statement(query);
    if ('error' in answer) throw new SqliteWorkerError(answer.error.message, answer.error.code);
    const { rows, changes, lastInsertRowid } = answer;
    return {
      rows: asBuffers(rows) as R[],
      ...(changes === undefined ? {} : { numAffectedRows: BigInt(changes) }),
      ...(lastInsertRowid === undefined ? {} : { insertId: lastInsertRowid }),
    };
  }

  private release(stillOpen: boolean): void {
    if (!this.holdsGate || stillOpen) return;
    this.holdsGate = false;
    this.thread = undefined;
    this.writes.gate.unlock();
  }
}

class WorkerDriver implements Driver {
  constructor(private readonly writes: WorkerWrites) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new WorkerConnection(this.writes);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as WorkerConnection).begin();
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as WorkerConnection).commit();
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as WorkerConnection).rollback();
  }

  async releaseConnection(): Promise<void> {}

  /** The thread belongs to the app's handle, which stops it (db/database.ts). */
  async destroy(): Promise<void> {}
}

class WorkerDialect implements Dialect {
  constructor(private readonly writes: WorkerWrites) {}

  createAdapter() {
    return new SqliteAdapter();
  }

  createDriver(): Driver {
    return new WorkerDriver(this.writes);
  }

  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }

  createIntrospector(db: Kysely<any>) {
    return new SqliteIntrospector(db);
  }
}
