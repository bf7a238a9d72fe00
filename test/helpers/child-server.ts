import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyDatabaseTemplate } from './database-template.js';
import { testOnPostgres, testDatabaseFor } from './postgres.js';

/** The repository root: the child runs the server from here, as in production. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ChildServer {
  readonly port: number;
  readonly url: string;
  readonly pid: number;
  readonly process: ChildProcess;
  /** Milliseconds from spawn() to the first 200 on /healthz. */
  readonly startMs: number;
  /** Everything the child wrote to stdout and stderr so far. */
  output: () => string;
  /** Resolves when the child has exited, with its exit code or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** kill -9: no clean-up, no flush, like a power cut for the process. */
  crash: () => Promise<void>;
  /** SIGTERM and wait: the server's own clean stop. */
  stop: () => Promise<void>;
}

/** A port that was free a moment ago (bind to 0, read it, close). */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The build `npm start` runs (scripts/build.ts), and the folders its bundle is made from. */
const SERVER_BUNDLE = path.join(REPO_ROOT, 'dist/server/server.js');
const BUNDLED_FOLDERS = ['server', 'db', 'templates'];
let bundleChecked = false;

/** Refuses a missing build, or one older than a file it is made from: a test would run yesterday's server. */
function assertBundleIsCurrent(): void {
  if (bundleChecked) return;
  const built = statSync(SERVER_BUNDLE, { throwIfNoEntry: false })?.mtimeMs;
  if (built === undefined) throw new Error('dist/server/server.js is missing: run npm run build first');
  for (const folder of BUNDLED_FOLDERS) {
    for (const file of readdirSync(path.join(REPO_ROOT, folder), { recursive: true, encoding: 'utf8' })) {
      const changed = statSync(path.join(REPO_ROOT, folder, file)).mtimeMs;
      if (changed > built) throw new Error(`dist/server/server.js is older than ${folder}/${file}: run npm run build first`);
    }
  }
  bundleChecked = true;
}

/** node's arguments to run the compiled server (the build `npm start` runs), refused when it is not current. */
export function compiledServerArgs(nodeArgs: string[] = []): string[] {
  assertBundleIsCurrent();
  return [...nodeArgs, SERVER_BUNDLE];
}

/**
 * Runs the compiled server (as startChildServer does) until it exits, for starts that must fail: its
 * exit code and everything it wrote. PORT is a free one unless `env` names another; `uid` and `gid` run it
 * as another user (root only).
 */
export async function runServerToExit(
  env: Record<string, string>,
  options: { uid?: number; gid?: number } = {},
): Promise<{ code: number | null; output: string }> {
  const port = String(await freePort());
  return new Promise((resolve) => {
    const child = spawn(process.execPath, compiledServerArgs(), {
      ...options,
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: port, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.once('exit', (code) => resolve({ code, output: Buffer.concat(chunks).toString('utf8') }));
  });
}

/**
 * Starts the real server as a child process on its own port and data folder, and resolves once
 * GET /healthz answers 200. By default the build that `npm start` runs (`node dist/server/server.js`,
 * made by scripts/build.ts, refused when older than its sources): a start from source compiles the
 * TypeScript on the way and took about three times as long. With `compiled: false` from source
 * (`node --import tsx server/server.ts`). The child never inherits the caller's stdio; its output is kept.
 */
export async function startChildServer(options: {
  dataDir: string;
  port?: number;
  env?: Record<string, string>;
  readyTimeoutMs?: number;
  compiled?: boolean;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeArgs?: string[];
  /** How often /healthz is asked while the server starts (a start-up benchmark asks often). */
  pollMs?: number;
  /**
   * Start as a first install does, on a folder without a database: the server creates and migrates it.
   * Otherwise an existing folder without a database gets a copy of the run's migrated template first,
   * as startTestApp's do (test/helpers/database-template.ts), instead of migrating from scratch at each start.
   */
  freshDatabase?: boolean;
}): Promise<ChildServer> {
  const onPostgres = testOnPostgres() || options.env?.DATABASE_URL !== undefined;
  // A folder that does not exist yet is the server's to create, as on a first install.
  if (!onPostgres && !options.freshDatabase && existsSync(options.dataDir)) await copyDatabaseTemplate(options.dataDir);
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: options.dataDir,
    LOG_LEVEL: 'warn',
    // The postgres lane: the folder's own database on PostgreSQL, dropped at the end of the run.
    ...(testOnPostgres() && !options.env?.DATABASE_URL ? { DATABASE_URL: await testDatabaseFor(options.dataDir) } : {}),
    ...options.env,
  };
  const nodeArgs = options.nodeArgs ?? [];
  const entry = (options.compiled ?? true) ? compiledServerArgs(nodeArgs) : ['--import', 'tsx', ...nodeArgs, 'server/server.ts'];
  const child = spawn(process.execPath, entry, {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: Buffer[] = [];
  child.stdout!.on('data', (chunk: Buffer) => chunks.push(chunk));
  child.stderr!.on('data', (chunk: Buffer) => chunks.push(chunk));
  const output = () => Buffer.concat(chunks).toString('utf8');
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  let hasExited = false;
  let exitStatus: number | null = null;
  void exited.then(({ code }) => {
    hasExited = true;
    exitStatus = code;
  });

  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  for (;;) {
    if (hasExited) throw new Error(`server exited before it was ready (exit status ${exitStatus}):\n${output()}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready within the timeout:\n${output()}`);
    }
    const healthy = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) })
      .then(async (response) => {
        await response.arrayBuffer();
        return response.status === 200;
      })
      .catch(() => false);
    if (healthy) break;
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 50));
  }

  return {
    port,
    url,
    pid: child.pid!,
    process: child,
    startMs: performance.now() - started,
    output,
    exited,
    async crash() {
      if (!hasExited) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (!hasExited) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
