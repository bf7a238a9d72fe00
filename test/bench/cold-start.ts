// Benchmark 5: from process start (`node --import tsx server/server.ts`) to the first 200 on /healthz,
// with a board's database of 100,000 reports, versus the same on an empty data folder. tsx compiles
// the TypeScript on the way (cached on disk after the first start): part of every start here.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DATABASE_FILE } from '../../server/context.js';
import { boardSchoolsFile, createBoardDatabase } from './board-data.js';
import { isMain, median, ms, ratio, REPO_ROOT, runStandalone, startServerProcess, tempDir, type BenchResult } from './lib.js';

const RUNS = 3;

async function startOnce(dataDir: string, schoolsFile: string): Promise<number> {
  const server = await startServerProcess({ dataDir, env: { SCHOOLS_FILE: schoolsFile }, pollMs: 2 });
  await server.stop();
  return server.startMs;
}

/** Node with the tsx loader and nothing else: the floor under any start. */
function nodeWithTsx(): number {
  const started = performance.now();
  spawnSync(process.execPath, ['--import', 'tsx', '-e', '0'], { cwd: REPO_ROOT });
  return performance.now() - started;
}

/** `boardDb`: an existing board database to copy (run-all builds one for benchmarks 3 and 5). */
export async function run(options: { boardDb?: string } = {}): Promise<BenchResult> {
  const temp = tempDir('cold');
  try {
    const schoolsFile = path.join(temp.dir, 'schools.json');
    writeFileSync(schoolsFile, boardSchoolsFile());
    const boardDir = path.join(temp.dir, 'board');
    mkdirSync(boardDir, { mode: 0o700 });
    const boardFile = path.join(boardDir, DATABASE_FILE);
    if (options.boardDb) copyFileSync(options.boardDb, boardFile);
    else await createBoardDatabase(boardFile);

    // One start that is not counted: fills tsx's compile cache and the OS file cache.
    await startOnce(path.join(temp.dir, 'warm-up'), schoolsFile);
    const empty: number[] = [];
    const board: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      empty.push(await startOnce(path.join(temp.dir, `empty-${i}`), schoolsFile));
      board.push(await startOnce(boardDir, schoolsFile));
    }
    const floor = median([nodeWithTsx(), nodeWithTsx(), nodeWithTsx()]);
    const e = median(empty);
    const b = median(board);
    return {
      rows: [
        { name: '5 cold start, 100k reports', figure: ms(b), target: '< 1 s', met: b < 1000 },
        { name: '5 cold start, empty data dir', figure: ms(e), target: 'baseline', met: null },
        { name: '5 cold start board / empty', figure: ratio(b / e), target: '', met: null },
      ],
      notes: [
        `[5] median of ${RUNS} starts each (board: ${board.map(ms).join(', ')}; empty: ${empty.map(ms).join(', ')}); ` +
          `node + tsx loader alone: ${ms(floor)}. The empty start creates the database and runs every migration.`,
      ],
    };
  } finally {
    temp.remove();
  }
}

if (isMain(import.meta.url)) await runStandalone(() => run());
