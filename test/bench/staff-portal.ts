// Benchmark 3: the staff portal's queries on a board's database (100,000 reports over 20 schools),
// through the portal's own query functions in db/queries, opened with the product's pragmas.
// Baseline: SELECT 1 and a primary-key lookup through the same Kysely instance.
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, sql, SqliteDialect } from 'kysely';
import { withCaseCrypto, type CaseCrypto } from '../../db/case-crypto.js';
import { openDatabase, type Db } from '../../db/database.js';
import { loadCaseCrypto } from '../../server/case-keys/master-key.js';
import { listChecklistTicks } from '../../db/queries/case-checklist-ticks.js';
import { listNotes } from '../../db/queries/case-notes.js';
import { listSteps } from '../../db/queries/case-steps.js';
import { countUnopenedReports, findSchoolReport, listClosedUnpurged, listInboxReports, listUnopenedForReminders } from '../../db/queries/reports.js';
import { listScreenshotInfo } from '../../db/queries/screenshots.js';
import { listMessagesOfReport } from '../../db/queries/messages.js';
import { countSchoolReports } from '../../db/queries/statistics.js';
import { findReportById } from '../helpers/rows.js';
import type { Database } from '../../db/schema.js';
import { MAX_STATISTICS_RANGE_MONTHS, STAFF_INBOX_PAGE_SIZE } from '../../server/shared/limits.js';
import { statisticsRange } from '../../server/cases/statistics.js';
import { localDay, schoolYearOf } from '../../server/schools/school-days.js';
import { BOARD_SCHOOLS, copyBoardDatabase, createBoardDatabase } from './board-data.js';
import { isMain, median, ms, ratio, runStandalone, tempDir, type BenchResult, type BenchRow } from './lib.js';

/** What the maintenance job asks for with the default 12 months: closed at least 12 × 28 days ago. */
const RETENTION_CUTOFF = new Date(Date.now() - 12 * 28 * 24 * 60 * 60 * 1000).toISOString();

const RUNS = 21;
const WARM_UP = 3;
/** Tables big enough that reading all of them is a problem at board scale. */
const BIG_TABLES = ['report', 'audit_log', 'case_step', 'message', 'screenshot', 'outbox'];

type Query = (db: Db) => Promise<unknown>;

async function timeMedian(db: Db, query: Query): Promise<number> {
  for (let i = 0; i < WARM_UP; i++) await query(db);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await query(db);
    times.push(performance.now() - started);
  }
  return median(times);
}

/** Runs the query once through a Kysely that records each statement, and returns the plan lines that read a big table whole. */
async function fullScans(sqlite: SQLite.Database, crypto: CaseCrypto, query: Query): Promise<string[]> {
  const statements: Array<{ text: string; params: unknown[] }> = [];
  const recording = new Kysely<Database>({
    dialect: new SqliteDialect({
      database: {
        close: () => undefined,
        prepare(text: string) {
          const statement = sqlite.prepare(text);
          const record = (params: readonly unknown[]) => statements.push({ text, params: [...params] });
          return {
            reader: statement.reader,
            all: (params: readonly unknown[]) => (record(params), statement.all(...params)),
            run: (params: readonly unknown[]) => (record(params), statement.run(...params)),
            iterate: (params: readonly unknown[]) => (record(params), statement.iterate(...params)),
          };
        },
      },
    }),
  });
  await query(withCaseCrypto(recording as Db, crypto));
  const partial = new Set(
    sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE '% WHERE %'").pluck().all() as string[],
  );
  const lines: string[] = [];
  for (const { text, params } of statements) {
    const plan = sqlite.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...params) as Array<{ detail: string }>;
    for (const { detail } of plan) {
      const scan = /^SCAN (\w+)/.exec(detail);
      if (!scan || !BIG_TABLES.includes(scan[1]!)) continue;
      const index = /USING (?:COVERING )?INDEX (\w+)/.exec(detail)?.[1];
      lines.push(index && partial.has(index) ? `${detail} (a partial index: only the rows it holds)` : detail);
    }
  }
  return [...new Set(lines)];
}

/** `boardDb`: an existing board database to copy (run-all builds one for benchmarks 3 and 5). */
export async function run(options: { boardDb?: string } = {}): Promise<BenchResult> {
  const temp = tempDir('staff');
  try {
    const file = path.join(temp.dir, 'board.sqlite');
    if (options.boardDb) copyBoardDatabase(options.boardDb, file);
    else await createBoardDatabase(file);
    const opened = openDatabase(file);
    const { sqlite } = opened;
    // The handle the app's context makes: case content opens with the case keys under the master key.
    const crypto = await loadCaseCrypto(opened.db, { dataDir: temp.dir });
    const db = withCaseCrypto(opened.db, crypto);
    try {
      // The biggest school, a staff member who may read confidential reports too (the vertrouwenspersoon).
      const { school } = sqlite.prepare('SELECT school, count(*) AS n FROM report GROUP BY school ORDER BY n DESC LIMIT 1').get() as { school: string };
      const visibility = { school, includeConfidential: true, wholeSchool: true, includeMeldcode: false };
      // The aandachtsfunctionaris: the Meldcode cases only, a handful among the school's thousands.
      const meldcodeOnly = { school, includeConfidential: false, wholeSchool: false, includeMeldcode: true };
      const filters = { status: 'closed', kind: 'cyber' };
      // A page deep in the filtered keyset: the cursor sits at 90% of the school's reports.
      const keyset = sqlite
        .prepare('SELECT substr(received_at, 1, 10) AS day, id FROM report WHERE school = ? AND urgent = 0 ORDER BY day DESC, id DESC')
        .all(school) as Array<{ day: string; id: number }>;
      const deepRow = keyset[Math.floor(keyset.length * 0.9)]!;
      const deep = { urgent: 0, day: deepRow.day, id: deepRow.id };
      const caseId = keyset[Math.floor(keyset.length * 0.5)]!.id;
      const limit = STAFF_INBOX_PAGE_SIZE + 1;
      // The widest range the statistics page allows, ending with the current school year.
      const thisYear = schoolYearOf(localDay(new Date()));
      const statisticsRange2y = statisticsRange(`${Number(thisYear.first.slice(0, 4)) - MAX_STATISTICS_RANGE_MONTHS / 12 + 1}-08-01`, thisYear.last);

      const queries: Array<{ name: string; target: number | null; query: Query }> = [
        { name: '3 baseline SELECT 1', target: null, query: (d) => sql`SELECT 1`.execute(d) },
        { name: '3 baseline primary-key lookup', target: null, query: (d) => findReportById(d, caseId) },
        {
          name: '3 inbox first page (+ unread count)',
          target: 20,
          query: async (d) => {
            await listInboxReports(d, visibility, {}, { limit });
            await countUnopenedReports(d, visibility);
          },
        },
        {
          name: '3 inbox first page (+ unread count), Meldcode cases only',
          target: 20,
          query: async (d) => {
            await listInboxReports(d, meldcodeOnly, {}, { limit });
            await countUnopenedReports(d, meldcodeOnly);
          },
        },
        {
          name: '3 inbox filtered, deep keyset page',
          target: 20,
          query: (d) => listInboxReports(d, visibility, filters, { after: deep, limit }),
        },
        {
          name: '3 case page (report + 5 lists)',
          target: 20,
          query: async (d) => {
            await findSchoolReport(d, school, caseId);
            await Promise.all([
              listSteps(d, caseId),
              listNotes(d, caseId),
              listChecklistTicks(d, caseId),
              listMessagesOfReport(d, caseId),
              listScreenshotInfo(d, caseId),
            ]);
          },
        },
        {
          name: '3 statistics page, all 20 schools (2 years)',
          target: 150,
          query: async (d) => {
            for (const each of BOARD_SCHOOLS) await countSchoolReports(d, each, statisticsRange2y, true);
          },
        },
        { name: '3 statistics page, one school (2 years)', target: null, query: (d) => countSchoolReports(d, school, statisticsRange2y, true) },
        { name: '3 maintenance: unopened reminders', target: null, query: (d) => listUnopenedForReminders(d) },
        { name: '3 maintenance: closed unpurged', target: null, query: (d) => listClosedUnpurged(d, RETENTION_CUTOFF) },
      ];

      const rows: BenchRow[] = [];
      const notes: string[] = [];
      const times = new Map<string, number>();
      for (const { name, target, query } of queries) {
        const t = await timeMedian(db, query);
        times.set(name, t);
        rows.push({ name, figure: ms(t), target: target === null ? (name.includes('baseline') ? 'baseline' : '') : `< ${target} ms`, met: target === null ? null : t < target });
        for (const line of await fullScans(sqlite, crypto, query)) notes.push(`[3] full scan in "${name.slice(2)}": ${line}`);
      }
      const pk = times.get('3 baseline primary-key lookup')!;
      const inbox = times.get('3 inbox first page (+ unread count)')!;
      rows.push({ name: '3 inbox first page / pk lookup', figure: ratio(inbox / pk), target: '', met: null });
      const counts = sqlite.prepare('SELECT (SELECT count(*) FROM report) AS reports, (SELECT count(*) FROM audit_log) AS audit').get() as { reports: number; audit: number };
      notes.unshift(
        `[3] ${counts.reports} reports, ${counts.audit} audit entries; school ${school} has ${keyset.length} non-urgent reports; median of ${RUNS} runs after ${WARM_UP} warm-up runs. ` +
          'The statistics query is the page\'s own (db/queries/statistics.ts), once per school.',
      );
      return { rows, notes };
    } finally {
      await db.destroy();
    }
  } finally {
    temp.remove();
  }
}

if (isMain(import.meta.url)) await runStandalone(() => run());
