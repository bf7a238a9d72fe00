// Benchmark 7: POST /api/reports on PostgreSQL, with one and with two app servers, against PostgreSQL's
// own floor on this machine: a bare Fastify route that parses the same JSON and commits one INSERT of a
// same-sized row per request through pg, with the app's pool size. Same load as benchmark 1.
//
// The cluster is the benchmark's own (initdb in a temp folder, Debian's binaries) with PostgreSQL's
// durable defaults: fsync on, synchronous_commit on, so every COMMIT, the floor's and the app's, waits
// for the WAL to reach the disk. PostgreSQL shares one WAL flush among the commits that wait together.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { migrateToLatest, openPostgres, POSTGRES_POOL_SIZE } from '../../db/database.js';
import { buildServer } from '../../scripts/build.js';
import { MAX_JSON_BODY_BYTES } from '../../server/shared/limits.js';
import { POSTGRES_BIN, startPrivatePostgres, type PrivatePostgres } from '../helpers/private-postgres.js';
import { autocannon, floorOfBoth, type LoadResult } from './autocannon-run.js';
import { FLOOR_COLUMNS, floorRowValues, REPORT_BODY } from './fixtures.js';
import { cpuMs, isMain, ms, ratio, runStandalone, startServerProcess, tempDir, NPM_START_ENV, type BenchResult, type BenchRow, type ChildServer } from './lib.js';
import { CONNECTIONS, SECONDS, WARMUP_SECONDS } from './report-submission.js';

const TARGET_RATIO = 0.5;

/** The floor's one statement: the columns benchmark 1's floor writes, committed on its own. */
const FLOOR_INSERT = `INSERT INTO report (${FLOOR_COLUMNS.join(', ')}) VALUES (${FLOOR_COLUMNS.map((_, n) => `$${n + 1}`).join(', ')})`;

async function startFloor(url: string): Promise<{ url: string; close: () => Promise<void> }> {
  const pool = new pg.Pool({ connectionString: url, max: POSTGRES_POOL_SIZE });
  // An idle connection the cluster ends (its shutdown at the end of the run) must not end the benchmark.
  pool.on('error', () => undefined);
  const app = Fastify({ logger: false, bodyLimit: MAX_JSON_BODY_BYTES });
  app.post('/api/reports', async (request, reply) => {
    const body = request.body as typeof REPORT_BODY;
    await pool.query(FLOOR_INSERT, floorRowValues(body));
    return reply.code(201).send({ receipt: randomBytes(8).toString('hex') });
  });
  return {
    url: await listen(app),
    close: async () => {
      await app.close();
      await pool.end();
    },
  };
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return `http://127.0.0.1:${port}/api/reports`;
}

/** CPU milliseconds used so far by the HTTP side (the floor's process, or the app servers) and by PostgreSQL. */
type CpuClock = () => { node: number; postgres: number };

interface Measured extends LoadResult {
  /** CPU per answered request over the measured seconds, in milliseconds. */
  cpu: { node: number; postgres: number };
}

/**
 * The load of benchmark 1 (CONNECTIONS for SECONDS, after a warm-up), split evenly over `urls`, one
 * autocannon process each, all at once. req/s adds up; p50 and p99 are the slower half's.
 */
async function load(urls: readonly string[], dir: string, clock: CpuClock): Promise<Measured> {
  const burst = (seconds: number) =>
    Promise.all(
      urls.map((url, i) =>
        autocannon({ url, body: JSON.stringify(REPORT_BODY), bodyFile: path.join(dir, `body-${i}.json`), connections: CONNECTIONS / urls.length, seconds }),
      ),
    );
  await burst(WARMUP_SECONDS);
  const before = clock();
  const parts = await burst(SECONDS);
  const after = clock();
  const sum = (pick: (part: LoadResult) => number) => parts.reduce((total, part) => total + pick(part), 0);
  const worst = (pick: (part: LoadResult) => number) => Math.max(...parts.map(pick));
  const total = sum((part) => part.total);
  return {
    reqPerSec: sum((part) => part.reqPerSec),
    p50: worst((part) => part.p50),
    p99: worst((part) => part.p99),
    total,
    non2xx: sum((part) => part.non2xx),
    errors: sum((part) => part.errors),
    timeouts: sum((part) => part.timeouts),
    cpu: { node: (after.node - before.node) / total, postgres: (after.postgres - before.postgres) / total },
  };
}

function cpuNote(label: string, result: Measured): string {
  return `${label} ${ms(result.cpu.node)} + PostgreSQL ${ms(result.cpu.postgres)}`;
}

interface DatabaseCounters {
  commits: number;
  rollbacks: number;
  /** Statements the app's servers sent (pg_stat_statements; BEGIN and COMMIT count): round trips. */
  statements: number;
  reports: number;
  /** Mails still in the outbox: each report queues two, the mail workers send and remove them. */
  queued: number;
}

/** What PostgreSQL counted for the app's database: rolled-back transactions are SERIALIZABLE retries (or failures). */
async function counters(admin: pg.Client, database: string, appUrl: string): Promise<DatabaseCounters> {
  // The statistics collector reports a backend's counts when it goes idle; a fresh snapshot reads them now.
  await admin.query('SELECT pg_stat_clear_snapshot()');
  const { rows } = await admin.query<{ xact_commit: string; xact_rollback: string }>(
    'SELECT xact_commit, xact_rollback FROM pg_stat_database WHERE datname = $1',
    [database],
  );
  const app = new pg.Client({ connectionString: appUrl });
  await app.connect();
  try {
    const { rows: counts } = await app.query<{ reports: string; queued: string; statements: string }>(
      `SELECT (SELECT count(*) FROM report) AS reports, (SELECT count(*) FROM outbox) AS queued,
         (SELECT coalesce(sum(calls), 0) FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = $1)
            AND userid = (SELECT oid FROM pg_roles WHERE rolname = current_user) AND query NOT LIKE '%pg_stat_statements%') AS statements`,
      [database],
    );
    const { reports, queued, statements } = counts[0]!;
    return { commits: Number(rows[0]!.xact_commit), rollbacks: Number(rows[0]!.xact_rollback), statements: Number(statements), reports: Number(reports), queued: Number(queued) };
  } finally {
    await app.end();
  }
}

async function createDatabase(cluster: PrivatePostgres, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: cluster.url('postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`).finally(() => admin.end());
  return cluster.url(name);
}

function loadRows(label: string, result: LoadResult, floor: LoadResult | undefined): BenchRow[] {
  const rows: BenchRow[] = [
    { name: `7 ${label} req/s`, figure: `${result.reqPerSec.toFixed(0)} req/s`, target: floor ? '' : 'baseline', met: null },
    { name: `7 ${label} p50 / p99`, figure: `${ms(result.p50)} / ${ms(result.p99)}`, target: floor ? '' : 'baseline', met: null },
  ];
  if (floor) {
    const r = result.reqPerSec / floor.reqPerSec;
    rows.push({ name: `7 ${label} vs floor, ratio`, figure: ratio(r), target: `>= ${TARGET_RATIO}`, met: r >= TARGET_RATIO });
  }
  return rows;
}

function problemsOf(label: string, result: LoadResult): string[] {
  return result.non2xx + result.errors + result.timeouts > 0
    ? [`[7] WARNING ${label}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`]
    : [];
}

export async function run(): Promise<BenchResult> {
  if (!existsSync(path.join(POSTGRES_BIN, 'initdb'))) {
    return { rows: [{ name: '7 report submission on PostgreSQL', figure: 'not run: no PostgreSQL binaries', target: '', met: null }], notes: [`[7] ${POSTGRES_BIN}/initdb is missing (Debian's postgresql package).`] };
  }
  // Always from the current source, so the figure never belongs to an older build.
  await buildServer();
  const temp = tempDir('postgres');
  // pg_stat_statements counts the statements (round trips) the app sends per report.
  const cluster = await startPrivatePostgres({ durable: true, settings: { shared_preload_libraries: 'pg_stat_statements' } });
  const admin = new pg.Client({ connectionString: cluster.url('postgres') });
  const servers: ChildServer[] = [];
  try {
    await admin.connect();
    const settings = await admin.query<{ name: string; setting: string }>(
      `SELECT name, setting FROM pg_settings WHERE name IN ('server_version', 'fsync', 'synchronous_commit', 'wal_sync_method', 'full_page_writes', 'commit_delay', 'shared_buffers', 'max_connections', 'shared_preload_libraries') ORDER BY name`,
    );

    // The floor before and after the app, in fresh databases of the app's schema, averaged (as in benchmark 1).
    const postmaster = await cluster.serverPid();
    const postgresCpu = () => cpuMs(postmaster, { children: true });
    const ownCpu = () => {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1000;
    };
    const floorRun = async (name: string) => {
      const url = await createDatabase(cluster, name);
      const schema = await openPostgres(url);
      await migrateToLatest(schema).finally(() => schema.destroy());
      const floor = await startFloor(url);
      const dir = path.join(temp.dir, name);
      mkdirSync(dir);
      return load([floor.url], dir, () => ({ node: ownCpu(), postgres: postgresCpu() })).finally(() => floor.close());
    };
    const before = await floorRun('floor_before');

    // The compiled server as `npm start` runs it; a second one on the same database and data folder (the key files).
    const dataDir = path.join(temp.dir, 'app');
    mkdirSync(dataDir, { mode: 0o700 });
    const env = { ...NPM_START_ENV, DATABASE_URL: cluster.url('klikvrij'), RATE_LIMIT_REPORTS: '100000000' };
    const statistics = new pg.Client({ connectionString: cluster.url('klikvrij') });
    await statistics.connect();
    await statistics.query('CREATE EXTENSION pg_stat_statements').finally(() => statistics.end());
    servers.push(await startServerProcess({ dataDir, compiled: true, env }));
    const appUrl = (server: ChildServer) => `${server.url}/api/reports`;
    const serversCpu: CpuClock = () => ({ node: servers.reduce((total, server) => total + cpuMs(server.pid), 0), postgres: postgresCpu() });
    const c0 = await counters(admin, 'klikvrij', cluster.url('klikvrij'));
    const oneDir = path.join(temp.dir, 'one');
    mkdirSync(oneDir);
    const one = await load([appUrl(servers[0]!)], oneDir, serversCpu);
    const c1 = await counters(admin, 'klikvrij', cluster.url('klikvrij'));
    servers.push(await startServerProcess({ dataDir, compiled: true, env }));
    const c2 = await counters(admin, 'klikvrij', cluster.url('klikvrij'));
    const twoDir = path.join(temp.dir, 'two');
    mkdirSync(twoDir);
    const two = await load(servers.map(appUrl), twoDir, serversCpu);
    const c3 = await counters(admin, 'klikvrij', cluster.url('klikvrij'));
    await Promise.all(servers.map((server) => server.stop()));

    const after = await floorRun('floor_after');
    const floor: Measured = {
      ...floorOfBoth(before, after),
      cpu: { node: (before.cpu.node + after.cpu.node) / 2, postgres: (before.cpu.postgres + after.cpu.postgres) / 2 },
    };
    const phase = (from: DatabaseCounters, to: DatabaseCounters) => {
      const reports = to.reports - from.reports;
      const mailsSent = 2 * reports - (to.queued - from.queued);
      return (
        `${reports} reports stored (warm-up included), ${to.rollbacks - from.rollbacks} transactions rolled back ` +
        `(SERIALIZABLE retries and failures) against ${to.commits - from.commits} committed; ${mailsSent} mails sent meanwhile; ` +
        `${((to.statements - from.statements) / reports).toFixed(1)} statements (round trips) per report, the mail workers' included`
      );
    };
    return {
      rows: [
        ...loadRows('PostgreSQL floor (parse+INSERT)', floor, undefined),
        ...loadRows('report on PostgreSQL, 1 app server', one, floor),
        ...loadRows('report on PostgreSQL, 2 app servers', two, floor),
      ],
      notes: [
        `[7] Private cluster, PostgreSQL's defaults: ${settings.rows.map((row) => `${row.name}=${row.setting}`).join(', ')}. ` +
          `Pool of ${POSTGRES_POOL_SIZE} connections per app server and for the floor. ${CONNECTIONS} connections, ${SECONDS} s after ` +
          `${WARMUP_SECONDS} s warm-up; two servers: ${CONNECTIONS / 2} connections on each, one autocannon each, req/s added up, p50/p99 the slower one's.`,
        `[7] Floor before/after: ${before.reqPerSec.toFixed(0)} / ${after.reqPerSec.toFixed(0)} req/s.`,
        `[7] CPU per answered request (user + system, the measured seconds): ${cpuNote('floor: its process', floor)}; ` +
          `${cpuNote('one app server', one)}; ${cpuNote('two app servers', two)}.`,
        `[7] One server: ${one.total} answered; ${phase(c0, c1)}.`,
        `[7] Two servers: ${two.total} answered; ${phase(c2, c3)}.`,
        ...problemsOf('floor', floor),
        ...problemsOf('one server', one),
        ...problemsOf('two servers', two),
      ],
    };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await admin.end().catch(() => undefined);
    await cluster.remove();
    temp.remove();
  }
}

if (isMain(import.meta.url)) await runStandalone(run);
