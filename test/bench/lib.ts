// Shared pieces of the benchmarks. Benchmarks print; they never fail and never run under `npm test`.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startChildServer, type ChildServer } from '../helpers/child-server.js';

export { REPO_ROOT, type ChildServer } from '../helpers/child-server.js';

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

/**
 * The allocator settings `npm start` (package.json) and deploy/klikvrij.service give the server: two
 * glibc arenas, and blocks from 128 KiB on always mapped and returned when freed. glibc otherwise raises
 * that threshold after the first large free, and a burst of photos leaves its pixels in the heap.
 */
export const NPM_START_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072' };
/**
 * The node flags `npm start` and the units give the compiled server: V8's young generation in 2 MB halves
 * (16 MB by default) on SQLite (deploy/klikvrij.service), in 8 MB halves with DATABASE_URL (klikvrij@.service).
 */
export function npmStartNodeArgs(env: Readonly<Record<string, string>> = {}): string[] {
  return [`--max-semi-space-size=${env.DATABASE_URL ? 8 : 2}`];
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

export const sleep = (millis: number) => new Promise<void>((resolve) => setTimeout(resolve, millis));

/**
 * The real server for a benchmark (test/helpers/child-server.ts), on a free port, quiet (LOG_LEVEL
 * warn), with the debugging knobs of the environment: BENCH_SERVER_NODE_ARGS (extra node flags, e.g.
 * --cpu-prof when looking into a slow figure) and BENCH_SERVER_ENV (extra environment as JSON).
 */
export function startServerProcess(options: {
  dataDir: string;
  compiled?: boolean;
  env?: Record<string, string>;
  pollMs?: number;
}): Promise<ChildServer> {
  const env = {
    ...options.env,
    ...(process.env.BENCH_SERVER_ENV ? (JSON.parse(process.env.BENCH_SERVER_ENV) as Record<string, string>) : {}),
  };
  return startChildServer({
    dataDir: options.dataDir,
    compiled: options.compiled ?? false,
    pollMs: options.pollMs ?? 5,
    nodeArgs: [...(options.compiled ? npmStartNodeArgs(env) : []), ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [])],
    env,
  });
}

/** Reads a field of /proc/<pid>/status in bytes (VmRSS, VmHWM); NaN where /proc is missing. */
/** CPU time (user + system, ms) a process has used so far, from /proc/<pid>/stat; NaN when it is gone. */
export function procCpuMs(pid: number): number {
  try {
    // The command name (field 2) may hold spaces: count the fields after its closing parenthesis.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15, in clock ticks of 10 ms (USER_HZ is 100 on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

export function procStatusBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ, 100 on Linux). */
const USER_HZ = 100;

/** utime, stime, cutime, cstime and the parent of /proc/<pid>/stat; undefined once the process is gone. */
function procTimes(pid: number): { own: number; reaped: number; ppid: number } | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const tick = (i: number) => Number(fields[i]);
    return { own: tick(11) + tick(12), reaped: tick(13) + tick(14), ppid: tick(1) };
  } catch {
    return undefined;
  }
}

/**
 * CPU milliseconds a process has used so far (user + system, all its threads); with `children`,
 * also those of its live children and of the children it has reaped (a PostgreSQL server and its
 * backends). NaN where /proc is missing.
 */
export function cpuMs(pid: number, options: { children?: boolean } = {}): number {
  const self = procTimes(pid);
  if (!self) return Number.NaN;
  let ticks = self.own;
  if (options.children) {
    ticks += self.reaped;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const child = procTimes(Number(entry));
      if (child?.ppid === pid) ticks += child.own;
    }
  }
  return (ticks * 1000) / USER_HZ;
}
