// One overwritten 4 KiB page in the database file: the server refuses to start on it, naming the
// file; a running server finds it with its periodic quick_check, refuses every write with 503 in
// Dutch (reads still answer) and tells the operator on /healthz.

import { randomBytes } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../server/context.js';
import { makeDataDir, sqliteOf, startTestApp, type TestApp } from '../helpers/test-app.js';

const HEALTH_TOKEN = 'operator-health-token-of-the-damage-tests';
const REPORT = { role: 'self', description: 'Ze pakken elke dag mijn pet af op het plein.' };

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!().catch(() => undefined);
});

async function appWithReports(dir: string): Promise<TestApp> {
  const t = await startTestApp({ dataDir: dir, env: { HEALTH_TOKEN, RATE_LIMIT_REPORTS: '1000' } });
  cleanups.push(() => t.close());
  for (let i = 0; i < 40; i++) {
    const response = await t.app.inject({ method: 'POST', url: '/api/reports', payload: { ...REPORT, description: `${REPORT.description} ${i}` } });
    expect(response.statusCode).toBe(201);
  }
  // Everything into the main file, so that the page overwritten below is the one SQLite reads.
  sqliteOf(t).pragma('wal_checkpoint(TRUNCATE)');
  return t;
}

/** Where the report table's root page lies in the file. */
function reportPage(t: TestApp): { page: number; pageSize: number } {
  const { rootpage } = sqliteOf(t).prepare("SELECT rootpage FROM sqlite_master WHERE name = 'report'").get() as { rootpage: number };
  return { page: rootpage, pageSize: sqliteOf(t).pragma('page_size', { simple: true }) as number };
}

/** Overwrites that page with random bytes, as a failing disk might. */
async function overwritePage(dir: string, { page, pageSize }: { page: number; pageSize: number }): Promise<number> {
  const file = await open(path.join(dir, DATABASE_FILE), 'r+');
  try {
    await file.write(randomBytes(pageSize), 0, pageSize, (page - 1) * pageSize);
    await file.sync();
  } finally {
    await file.close();
  }
  return page;
}

async function dataDir(): Promise<string> {
  const dir = await makeDataDir();
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('a damaged database file', () => {
  it('refuses the start, naming the file and what to do', async () => {
    const dir = await dataDir();
    const t = await appWithReports(dir);
    const where = reportPage(t);
    await t.close();
    await overwritePage(dir, where);
    const file = path.join(dir, DATABASE_FILE);
    const start = startTestApp({ dataDir: dir });
    await expect(start).rejects.toThrow(`${file} is damaged (quick_check: `);
    await expect(start).rejects.toThrow(/restore the latest backup/);
  });

  it('is found by the periodic check of a running server, which then refuses writes and tells the operator', async () => {
    const t = await appWithReports(await dataDir());
    expect(t.context.integrity.check()).toBeUndefined();
    const page = await overwritePage(t.dataDir, reportPage(t));
    // Forget the pages SQLite holds in memory: the next read comes from the damaged file.
    sqliteOf(t).pragma('shrink_memory');

    const damage = t.context.integrity.check();
    expect(damage?.problems.join(' ')).toMatch(new RegExp(`[Pp]age ${page}|malformed`));

    const refused = await t.app.inject({ method: 'POST', url: '/api/reports', payload: REPORT });
    expect(refused.statusCode).toBe(503);
    expect(refused.json()).toEqual({
      error: { code: 'storage_damaged', message: 'We kunnen je bericht nu niet bewaren. Probeer het later nog eens.', fields: {} },
    });
    const login = await t.app.inject({ method: 'POST', url: '/api/staff/login', payload: { email: 'bertine.pas@kopakker.nl' } });
    expect(login.statusCode).toBe(503);

    const health = await t.app.inject({ url: '/healthz', headers: { authorization: `Bearer ${HEALTH_TOKEN}` } });
    const body = health.json() as { status: string; problems: string[]; database: { damaged: { problems: string[] } | null } };
    console.log(`damaged page ${page}: POST /api/reports ${refused.statusCode}, operator /healthz ${health.statusCode}: ${body.problems.join(' | ')}`);
    expect(health.statusCode).toBe(503);
    expect(body.status).toBe('failing');
    expect(body.database.damaged?.problems.length).toBeGreaterThan(0);
    expect(body.problems.some((problem) => problem.startsWith('the database file is damaged'))).toBe(true);
  });
});
