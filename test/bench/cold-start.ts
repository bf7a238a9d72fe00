// Benchmark 5: from process start to the first 200 on /healthz, with a board's database of 100,000
// reports and on an empty data folder, for the compiled server that `npm start` runs
// (`node dist/server/server.js`) and for the TypeScript source under tsx (`node --import tsx
// server/server.ts`, how the server started before the build step), in the same run. tsx compiles the
// TypeScript on the way (cached on disk after the first start), which the compiled start skips.
// Then the idle memory of each: RSS a moment after the first 200, nothing else asked. Both run with
// the allocator settings `npm start` and the systemd unit give the server (NPM_START_ENV).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildServer } from '../../scripts/build.js';
import { DATABASE_FILE } from '../../server/context.js';
import { boardSchoolsFile, copyBoardDatabase, createBoardDatabase } from './board-data.js';
import { isMain, mb, NPM_START_ENV, median, ms, procStatusBytes, ratio, REPO_ROOT, runStandalone, sleep, startServerProcess, tempDir, type BenchResult } from './lib.js';

const RUNS = 3;
const START_RATIO_TARGET = 0.5;
const IDLE_RSS_TARGET_BYTES = 120 * 1024 * 1024;
/** How long a started server sits untouched before its RSS is read. */
const IDLE_MS = 2_000;

type Entry = 'compiled' | 'tsx';

async function startOnce(entry: Entry, dataDir: string, schoolsFile: string): Promise<number> {
  const server = await startServerProcess({ dataDir, compiled: entry === 'compiled', env: { ...NPM_START_ENV, SCHOOLS_FILE: schoolsFile }, pollMs: 2 });
  await server.stop();
  return server.startMs;
}

async function idleRss(entry: Entry, dataDir: string, schoolsFile: string): Promise<number> {
  const server = await startServerProcess({ dataDir, compiled: entry === 'compiled', env: { ...NPM_START_ENV, SCHOOLS_FILE: schoolsFile } });
  try {
    await sleep(IDLE_MS);
    return procStatusBytes(server.pid, 'VmRSS');
  } finally {
    await server.stop();
  }
}

/** Node alone, and node with the tsx loader: the floors under either start. */
function bareStart(args: string[]): number {
  const started = performance.now();
  spawnSync(process.execPath, [...args, '-e', '0'], { cwd: REPO_ROOT });
  return performance.now() - started;
}

/** `boardDb`: an existing board database to copy (run-all builds one for benchmarks 3 and 5). */
export async function run(options: { boardDb?: string } = {}): Promise<BenchResult> {
  const temp = tempDir('cold');
  try {
    // Always from the current source, so the figure never belongs to an older build.
    await buildServer();
    const schoolsFile = path.join(temp.dir, 'schools.json');
    writeFileSync(schoolsFile, boardSchoolsFile());
    const boardDir = path.join(temp.dir, 'board');
    mkdirSync(boardDir, { mode: 0o700 });
    const boardFile = path.join(boardDir, DATABASE_FILE);
    if (options.boardDb) copyBoardDatabase(options.boardDb, boardFile);
    else await createBoardDatabase(boardFile);

    const entries: Entry[] = ['compiled', 'tsx'];
    // One start each that is not counted: fills tsx's compile cache and the OS file cache.
    for (const entry of entries) await startOnce(entry, path.join(temp.dir, `warm-up-${entry}`), schoolsFile);
    const starts = { compiled: { empty: [] as number[], board: [] as number[] }, tsx: { empty: [] as number[], board: [] as number[] } };
    // Interleaved, so a change in the machine's load falls on both alike.
    for (let i = 0; i < RUNS; i++) {
      for (const entry of entries) {
        starts[entry].empty.push(await startOnce(entry, path.join(temp.dir, `empty-${entry}-${i}`), schoolsFile));
        starts[entry].board.push(await startOnce(entry, boardDir, schoolsFile));
      }
    }
    const rss = { compiled: await idleRss('compiled', boardDir, schoolsFile), tsx: await idleRss('tsx', boardDir, schoolsFile) };
    const nodeFloor = median([bareStart([]), bareStart([]), bareStart([])]);
    const tsxFloor = median([bareStart(['--import', 'tsx']), bareStart(['--import', 'tsx']), bareStart(['--import', 'tsx'])]);
    const board = { compiled: median(starts.compiled.board), tsx: median(starts.tsx.board) };
    const empty = { compiled: median(starts.compiled.empty), tsx: median(starts.tsx.empty) };
    const startRatio = board.compiled / board.tsx;
    const list = (values: number[]) => values.map(ms).join(', ');
    return {
      rows: [
        { name: '5 cold start, 100k reports, compiled (npm start)', figure: ms(board.compiled), target: '< 1 s', met: board.compiled < 1000 },
        { name: '5 cold start, 100k reports, from TypeScript (tsx)', figure: ms(board.tsx), target: 'baseline', met: null },
        { name: '5 compiled / tsx start, 100k reports', figure: ratio(startRatio), target: `<= ${START_RATIO_TARGET}`, met: startRatio <= START_RATIO_TARGET },
        { name: '5 idle RSS, compiled, 100k reports', figure: `${mb(rss.compiled)} (tsx ${mb(rss.tsx)})`, target: `<= ${mb(IDLE_RSS_TARGET_BYTES)}`, met: rss.compiled <= IDLE_RSS_TARGET_BYTES },
        { name: '5 cold start, empty data dir, compiled', figure: `${ms(empty.compiled)} (tsx ${ms(empty.tsx)})`, target: 'baseline', met: null },
      ],
      notes: [
        `[5] median of ${RUNS} starts each; compiled board: ${list(starts.compiled.board)}, empty: ${list(starts.compiled.empty)}; ` +
          `tsx board: ${list(starts.tsx.board)}, empty: ${list(starts.tsx.empty)}. ` +
          `node alone: ${ms(nodeFloor)}, node + tsx loader alone: ${ms(tsxFloor)}. The empty start creates the database and runs every migration. ` +
          `Idle RSS is read ${IDLE_MS / 1000} s after the first 200 on the board database.`,
      ],
    };
  } finally {
    temp.remove();
  }
}

if (isMain(import.meta.url)) await runStandalone(() => run());
