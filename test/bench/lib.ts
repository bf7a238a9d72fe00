// Shared pieces of the benchmarks. Benchmarks print; they never fail and never run under `npm test`.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** One line of the summary table. `met` is null when a figure has no target (a baseline). */
export interface BenchRow {
  name: string;
  figure: string;
  target: string;
  met: boolean | null;
}

/** What one benchmark hands back: its table rows and free-form notes printed under the table. */
export interface BenchResult {
  rows: BenchRow[];
  notes: string[];
}

/** True when this module is the script node was started with (standalone run of one benchmark). */
export function isMain(moduleUrl: string): boolean {
  const entry = process.argv[1];
  return entry !== undefined && pathToFileURL(path.resolve(entry)).href === moduleUrl;
}

/** Runs one benchmark as a script: prints its rows and notes. */
export async function runStandalone(run: () => Promise<BenchResult>): Promise<void> {
  const result = await run();
  printTable(result.rows);
  for (const note of result.notes) console.log(`  ${note}`);
}

export function tempDir(label: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), `klikvrij-bench-${label}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** p in [0, 100], nearest-rank on a copy sorted ascending. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export function ms(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (value < 0.1) return `${(value * 1000).toFixed(1)} µs`;
  return value >= 100 ? `${value.toFixed(0)} ms` : value >= 10 ? `${value.toFixed(1)} ms` : `${value.toFixed(2)} ms`;
}

export function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

export function ratio(value: number): string {
  return Number.isFinite(value) ? value.toFixed(2) : 'n/a';
}

export function printTable(rows: readonly BenchRow[]): void {
  const header: BenchRow = { name: 'benchmark', figure: 'figure', target: 'target', met: null };
  const cells = [header, ...rows].map((row, i) => [
    row.name,
    row.figure,
    row.target,
    i === 0 ? 'met?' : row.met === null ? '-' : row.met ? 'yes' : 'NO',
  ]);
  const widths = [0, 1, 2, 3].map((col) => Math.max(...cells.map((line) => line[col]!.length)));
  const format = (line: string[]) => line.map((cell, col) => cell.padEnd(widths[col]!)).join(' | ');
  console.log(format(cells[0]!));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const line of cells.slice(1)) console.log(format(line));
}

/** A port that was free a moment ago. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (millis: number) => new Promise<void>((resolve) => setTimeout(resolve, millis));

export interface ChildServer {
  url: string;
  pid: number;
  process: ChildProcess;
  /** Milliseconds from spawn() to the first 200 on /healthz. */
  startMs: number;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts the real server on 127.0.0.1 and a free port, and polls /healthz every few milliseconds until
 * the first 200: from source (`node --import tsx server/server.ts`), or with `compiled` the build that
 * `npm start` runs (`node dist/server/server.js`, made by scripts/build.ts).
 */
export async function startServerProcess(options: {
  dataDir: string;
  compiled?: boolean;
  env?: Record<string, string>;
  pollMs?: number;
  timeoutMs?: number;
  /** Extra node flags, e.g. --cpu-prof when looking into a slow figure (BENCH_SERVER_NODE_ARGS). */
  nodeArgs?: string[];
}): Promise<ChildServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const nodeArgs = options.nodeArgs ?? (process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []);
  const entry = options.compiled ? [...nodeArgs, 'dist/server/server.js'] : ['--import', 'tsx', ...nodeArgs, 'server/server.ts'];
  const child = spawn(process.execPath, entry, {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: options.dataDir,
      LOG_LEVEL: 'warn',
      ...options.env,
      // Debugging aid: extra environment for every server a benchmark starts, as JSON.
      ...(process.env.BENCH_SERVER_ENV ? (JSON.parse(process.env.BENCH_SERVER_ENV) as Record<string, string>) : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: Buffer[] = [];
  child.stdout!.on('data', (chunk: Buffer) => chunks.push(chunk));
  child.stderr!.on('data', (chunk: Buffer) => chunks.push(chunk));
  const output = () => Buffer.concat(chunks).toString('utf8');
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const stop = async () => {
    if (!exited) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exit;
    clearTimeout(timer);
  };

  const deadline = started + (options.timeoutMs ?? 30_000);
  for (;;) {
    if (exited) throw new Error(`server exited before it was ready:\n${output()}`);
    if (performance.now() > deadline) {
      await stop();
      throw new Error(`server not ready in time:\n${output()}`);
    }
    const ok = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) })
      .then(async (response) => {
        await response.arrayBuffer();
        return response.status === 200;
      })
      .catch(() => false);
    if (ok) break;
    await sleep(options.pollMs ?? 5);
  }
  return { url, pid: child.pid!, process: child, startMs: performance.now() - started, output, stop };
}

/** Reads a field of /proc/<pid>/status in bytes (VmRSS, VmHWM); NaN where /proc is missing. */
export function procStatusBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}
