// Benchmark 1: POST /api/reports (JSON, text only) under 50 connections, against the physical floor:
// a bare Fastify route that parses the same JSON and does one durable INSERT of a same-sized row.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { migrateToLatest, openDatabase } from '../../db/database.js';
import { buildApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { closeContext, createContext } from '../../server/context.js';
import { MAX_JSON_BODY_BYTES } from '../../server/shared/limits.js';
import { autocannon, floorOfBoth, type LoadResult } from './autocannon-run.js';
import { measureSealCost } from './encryption-cost.js';
import { FLOOR_COLUMNS, floorRowValues, REPORT_BODY } from './fixtures.js';
import { isMain, ms, ratio, runStandalone, tempDir, type BenchResult } from './lib.js';

/** The load of benchmark 1, which benchmark 7 (PostgreSQL) uses too. */
export const CONNECTIONS = 50;
export const SECONDS = 5;
export const WARMUP_SECONDS = 1;

/** The floor: Fastify's JSON parser, one INSERT in WAL with synchronous=FULL (openDatabase), 201. */
async function startFloor(dataDir: string): Promise<{ app: FastifyInstance; close: () => Promise<void> }> {
  const { db, sqlite } = openDatabase(path.join(dataDir, 'floor.sqlite'));
  await migrateToLatest(db);
  const insert = sqlite.prepare(`INSERT INTO report (${FLOOR_COLUMNS.join(', ')}) VALUES (${FLOOR_COLUMNS.map(() => '?').join(', ')})`);
  const app = Fastify({ logger: false, bodyLimit: MAX_JSON_BODY_BYTES });
  app.post('/api/reports', async (request, reply) => {
    const body = request.body as typeof REPORT_BODY;
    const receipt = randomBytes(8).toString('hex');
    insert.run(...floorRowValues(body));
    return reply.code(201).send({ receipt });
  });
  return {
    app,
    close: async () => {
      await app.close();
      await db.destroy();
    },
  };
}

async function load(url: string, bodyFile: string, seconds: number): Promise<LoadResult> {
  return autocannon({ url, body: JSON.stringify(REPORT_BODY), bodyFile, connections: CONNECTIONS, seconds });
}

async function measure(app: FastifyInstance, bodyFile: string): Promise<LoadResult> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}/api/reports`;
  await load(url, bodyFile, WARMUP_SECONDS);
  return load(url, bodyFile, SECONDS);
}

export async function run(): Promise<BenchResult> {
  const temp = tempDir('submit');
  try {
    const bodyFile = path.join(temp.dir, 'body.json');

    // The floor is measured before and after the app (in fresh folders) and averaged, so a machine
    // that gets busier or quieter during the run moves both sides of the ratio alike.
    const floorRun = async (label: string) => {
      const dir = path.join(temp.dir, label);
      mkdirSync(dir);
      const floor = await startFloor(dir);
      return measure(floor.app, bodyFile).finally(() => floor.close());
    };
    const before = await floorRun('floor-before');

    const dataDir = path.join(temp.dir, 'app');
    // RATE_LIMIT_REPORTS: every request comes from 127.0.0.1; the limiter still runs on each request.
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', RATE_LIMIT_REPORTS: '100000000' });
    const context = await createContext(config);
    if (context.dialect !== 'sqlite') throw new Error('benchmark 1 measures SQLite: unset DATABASE_URL');
    const sqlite = context.sqlite;
    const app = await buildApp(context);
    // As in server.ts: the mail worker runs and turns each report's two outbox rows into mail files.
    context.mailWorker.start();
    let real: LoadResult;
    let stored: number;
    let pending: number;
    try {
      real = await measure(app, bodyFile);
      const count = (table: 'report' | 'outbox', where = '') =>
        (sqlite.prepare(`SELECT count(*) AS n FROM ${table} ${where}`).get() as { n: number }).n;
      stored = count('report');
      pending = count('outbox', 'WHERE sent_at IS NULL');
    } finally {
      await app.close();
      await closeContext(context);
    }

    const after = await floorRun('floor-after');
    const seal = await measureSealCost(temp.dir);
    // Share of each second of submission spent on encryption, at the rate the app reached in this run.
    const sealShare = (seal.usPerReport / 1e6) * real.reqPerSec;
    const base = floorOfBoth(before, after);
    const r = real.reqPerSec / base.reqPerSec;
    const problems = [real, base]
      .map((x, i) => (x.non2xx + x.errors + x.timeouts > 0 ? `${i === 0 ? 'app' : 'floor'}: ${x.non2xx} non-2xx, ${x.errors} errors, ${x.timeouts} timeouts` : ''))
      .filter(Boolean);
    return {
      rows: [
        { name: '1 report (JSON) req/s', figure: `${real.reqPerSec.toFixed(0)} req/s`, target: '', met: null },
        { name: '1 report vs floor, ratio', figure: ratio(r), target: '>= 0.5', met: r >= 0.5 },
        { name: '1 report p50 latency', figure: ms(real.p50), target: '', met: null },
        { name: '1 report p99 latency', figure: ms(real.p99), target: '< 25 ms', met: real.p99 < 25 },
        {
          name: '1 encryption cost (seal / report time)',
          figure: `${(sealShare * 100).toFixed(1)} % (${seal.usPerReport.toFixed(0)} µs of ${(1e6 / real.reqPerSec).toFixed(0)} µs)`,
          target: '< 10 %',
          met: sealShare < 0.1,
        },
        { name: '1 floor (parse+INSERT) req/s', figure: `${base.reqPerSec.toFixed(0)} req/s`, target: 'baseline', met: null },
        { name: '1 floor p50 / p99', figure: `${ms(base.p50)} / ${ms(base.p99)}`, target: 'baseline', met: null },
      ],
      notes: [
        `[1] ${CONNECTIONS} connections, ${SECONDS} s after ${WARMUP_SECONDS} s warm-up; ${real.total} reports answered, ` +
          `${stored} stored in total (warm-up included), ${pending} mails still in the outbox at the end (the mail worker ` +
          `runs as in server.ts and sends them after the burst). Floor before/after: ${before.reqPerSec.toFixed(0)} / ${after.reqPerSec.toFixed(0)} req/s.`,
        `[1] Encryption: a case key made, wrapped and INSERTed and the report's text sealed, ${seal.reports} times through Kysely ` +
          `(disk sync left out: the key shares the report's COMMIT), against the app's time per report at ${real.reqPerSec.toFixed(0)} req/s; ` +
          'the app figures above already include encryption.',
        ...problems.map((p) => `[1] WARNING ${p}`),
      ],
    };
  } finally {
    temp.remove();
  }
}

if (isMain(import.meta.url)) await runStandalone(run);
