// npm run bench: runs every benchmark and prints one table (name, figure, target, met?).
// Benchmarks print; they never fail: the exit code is 0 whatever the figures (and whatever breaks).
// Each one measures its own baseline in the same run, because absolute times on a shared 2-core
// machine are mostly noise; compare ratios between runs, not milliseconds.
// All traffic stays on 127.0.0.1; every server and database lives in a temp folder that is removed.
//
//   npm run bench                 everything (about two minutes)
//   npm run bench -- 1 3          only benchmarks 1 and 3
//   node --import tsx test/bench/<file>.ts   one benchmark on its own
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { get } from 'node:http';
import path from 'node:path';
import { createBoardDatabase } from './board-data.js';
import * as classPhotos from './class-photos.js';
import * as coldStart from './cold-start.js';
import * as followUpTiming from './follow-up-timing.js';
import * as postgresSubmission from './postgres-submission.js';
import { kb, printTable, REPO_ROOT, startServerProcess, tempDir, type BenchResult, type BenchRow } from './lib.js';
import { assetsOf } from './page-weight.js';
import * as reportSubmission from './report-submission.js';
import * as staffPortal from './staff-portal.js';

const PAGE_WEIGHT = path.join(REPO_ROOT, 'test/bench/page-weight.ts');
const PAGE_TARGETS = [
  { section: 'Pupil report form', name: '4 pupil form HTML+JS+CSS (gzip)', limitKb: 40 },
  { section: 'Staff portal', name: '4 staff portal HTML+JS+CSS (gzip)', limitKb: 120 },
];

const WIRE_PAGES = [
  { name: '4 pupil form on the wire, brotli (plain)', url: '/' },
  { name: '4 staff portal on the wire, brotli (plain)', url: '/staff/' },
];

/** Bytes of one answer as they cross the wire (Node's fetch would decode them first). */
function wireBytes(url: string, acceptEncoding: string): Promise<{ bytes: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': acceptEncoding } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ bytes: chunks.reduce((sum, chunk) => sum + chunk.length, 0), body: Buffer.concat(chunks) }));
      response.on('error', reject);
    }).on('error', reject);
  });
}

/** A page and what its HTML loads at once, fetched from the compiled server as a browser asks for them. */
async function pagesOnTheWire(): Promise<BenchRow[]> {
  const temp = tempDir('wire');
  const server = await startServerProcess({ dataDir: temp.dir, compiled: true });
  try {
    const rows: BenchRow[] = [];
    for (const { name, url } of WIRE_PAGES) {
      const html = (await wireBytes(`${server.url}${url}`, 'identity')).body.toString('utf8');
      const urls = [url, ...assetsOf(html)];
      let compressed = 0;
      let plain = 0;
      for (const each of urls) {
        compressed += (await wireBytes(`${server.url}${each}`, 'br, gzip')).bytes;
        plain += (await wireBytes(`${server.url}${each}`, 'identity')).bytes;
      }
      rows.push({ name, figure: `${kb(compressed)} (${kb(plain)}, ${urls.length} files)`, target: '< plain', met: compressed < plain });
    }
    return rows;
  } finally {
    await server.stop();
    temp.remove();
  }
}

/**
 * Benchmark 4 is test/bench/page-weight.ts (the web side's script), run as a child process after a
 * build when dist/web is missing. Its printout goes into the notes; the table takes each page's
 * "HTML x B, JS y B, CSS z B gzipped" line.
 */
async function pageWeight(): Promise<BenchResult> {
  // Always a fresh build: the compiled server and the precompressed copies must match the source.
  spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'ignore' });
  if (!existsSync(PAGE_WEIGHT)) {
    return { rows: [{ name: '4 page weight', figure: 'test/bench/page-weight.ts missing', target: '', met: null }], notes: [] };
  }
  const child = spawnSync(process.execPath, ['--import', 'tsx', PAGE_WEIGHT], { cwd: REPO_ROOT, encoding: 'utf8' });
  const lines = `${child.stdout}${child.stderr}`.split('\n').filter((line) => line.trim() !== '');
  const rows: BenchRow[] = PAGE_TARGETS.map(({ section, name, limitKb }) => {
    const start = lines.findIndex((line) => line.startsWith(section));
    const end = lines.findIndex((line, i) => i > start && !line.startsWith(' '));
    const totals = lines
      .slice(start, end === -1 ? undefined : end)
      .map((line) => /HTML (\d+) B, JS (\d+) B, CSS (\d+) B gzipped/.exec(line))
      .find((match) => match !== null);
    if (start === -1 || !totals) return { name, figure: 'not found in page-weight.ts output', target: `<= ${limitKb} KB`, met: null };
    const bytes = Number(totals[1]) + Number(totals[2]) + Number(totals[3]);
    const raw = lines
      .slice(start, end === -1 ? undefined : end)
      .map((line) => /^\s+\S+\s+(\d+) B\s+\d+ B gzipped/.exec(line))
      .reduce((sum, match) => sum + (match ? Number(match[1]) : 0), 0);
    return { name, figure: `${kb(bytes)} (raw JS+CSS ${kb(raw)})`, target: `<= ${limitKb} KB`, met: bytes <= limitKb * 1024 };
  });
  // One row per language: the page plus the one catalog it loads, against the pupil-form budget.
  for (const line of lines) {
    const match = /^\s+language (\w+): page (\d+) B \+ catalog (\d+) B = (\d+) B .*?(\d+) B as brotli; .*: (met|NOT MET)$/.exec(line);
    if (!match) continue;
    rows.push({
      name: `4 pupil form in ${match[1]}, page + its catalog (gzip)`,
      figure: `${kb(Number(match[4]))} (catalog ${kb(Number(match[3]))}; brotli ${kb(Number(match[5]))})`,
      target: '<= 40 KB',
      met: match[6] === 'met',
    });
  }
  rows.push(...(await pagesOnTheWire()));
  return {
    rows,
    notes: [
      `[4] page-weight.ts (exit ${child.status}); gzip level 9. "On the wire": the bytes the compiled server sends for the page ` +
        'and the files its HTML loads at once, asked with Accept-Encoding: br, gzip (in brackets: asked without); assets are immutable, so once.',
      ...lines.map((line) => `[4] ${line}`),
    ],
  };
}

interface Bench {
  id: string;
  title: string;
  run: (shared: { boardDb: string }) => Promise<BenchResult>;
}

const BENCHES: Bench[] = [
  { id: '4', title: 'page weight', run: () => pageWeight() },
  { id: '1', title: 'report submission, text only', run: () => reportSubmission.run() },
  { id: '2', title: 'a class with photos', run: () => classPhotos.run() },
  { id: '3', title: 'staff portal at board scale', run: (shared) => staffPortal.run(shared) },
  { id: '5', title: 'cold start', run: (shared) => coldStart.run(shared) },
  { id: '6', title: 'follow-up timing, known vs unknown code', run: () => followUpTiming.run() },
  { id: '7', title: 'report submission on PostgreSQL, one and two app servers', run: () => postgresSubmission.run() },
];

async function main(): Promise<void> {
  const only = process.argv.slice(2).filter((arg) => /^\d$/.test(arg));
  const chosen = BENCHES.filter((bench) => only.length === 0 || only.includes(bench.id));
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  const shared = tempDir('board');
  const boardDb = path.join(shared.dir, 'board.sqlite');
  const started = performance.now();
  try {
    if (chosen.some((bench) => bench.id === '3' || bench.id === '5')) {
      const board = await createBoardDatabase(boardDb);
      notes.push(
        `[3,5] board database: ${board.reports} reports over 20 schools (${board.open} open, ${board.purged} purged by retention), ` +
          `${board.auditEntries} audit entries, ${(board.fileBytes / 1024 / 1024).toFixed(0)} MB, generated in ${(board.generateMs / 1000).toFixed(1)} s.`,
      );
    }
    for (const bench of chosen) {
      const t0 = performance.now();
      process.stdout.write(`running ${bench.id}: ${bench.title} ... `);
      try {
        const result = await bench.run({ boardDb });
        rows.push(...result.rows);
        notes.push(...result.notes);
      } catch (error) {
        rows.push({ name: `${bench.id} ${bench.title}`, figure: 'ERROR', target: '', met: null });
        notes.push(`[${bench.id}] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
      console.log(`${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
  } finally {
    shared.remove();
  }
  console.log(`\nklikvrij benchmarks, ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${(await import('node:os')).availableParallelism()} cores, ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  printTable(rows);
  console.log('');
  for (const note of notes) console.log(note);
  const missed = rows.filter((row) => row.met === false).length;
  console.log(`\n${rows.filter((row) => row.met === true).length} targets met, ${missed} not met (benchmarks never fail the build).`);
}

main()
  .catch((error: unknown) => console.error(error))
  .finally(() => process.exit(0));
