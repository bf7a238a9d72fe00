// Under a supervisor: SIGTERM to the pid of `npm start` must reach the server itself, so that it stops
// and frees the port and the data folder (an orphaned server kept both and then doubled every mail
// with the next one). The documented systemd unit runs the same command and passes systemd's check.
// The copy has no dist/ folder, as on a fresh clone: `npm start` builds the pages and the server and
// runs the compiled server, which must serve the pages (precompressed), take a report (and one with a
// screenshot, written by its SQLite worker thread) and write its mails.

import { execFileSync, spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, REPO_ROOT } from '../helpers/child-server.js';
import { pngImage } from '../helpers/images.js';
import { multipartBody } from '../helpers/multipart.js';
import { testDatabaseFor, testOnPostgres } from '../helpers/postgres.js';
import { makeDataDir, startTestApp } from '../helpers/test-app.js';
import { waitUntil } from './mail-faults.js';

const UNIT = path.join(REPO_ROOT, 'deploy/klikvrij.service');
/** Several servers on one PostgreSQL database, one instance per port. */
const POSTGRES_UNIT = path.join(REPO_ROOT, 'deploy/klikvrij@.service');

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

/** A copy of the repository to run `npm start` in: its build must not replace the pages other tests serve. */
async function repositoryCopy(): Promise<string> {
  const copy = await mkdtemp(path.join(tmpdir(), 'klikvrij-start-'));
  cleanups.push(() => rm(copy, { recursive: true, force: true }));
  for (const entry of ['package.json', 'tsconfig.json', 'scripts', 'server', 'db', 'templates', 'web']) {
    await cp(path.join(REPO_ROOT, entry), path.join(copy, entry), { recursive: true });
  }
  await symlink(path.join(REPO_ROOT, 'node_modules'), path.join(copy, 'node_modules'));
  return copy;
}

const answers = (url: string) =>
  fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) }).then(
    (response) => response.status === 200,
    () => false,
  );

function startScript(packageJson: string): string {
  return (JSON.parse(packageJson) as { scripts: Record<string, string> }).scripts.start!;
}

describe('running under a supervisor', () => {
  it('stops the server when the pid of `npm start` gets SIGTERM, freeing port and data folder', { timeout: 180_000 }, async () => {
    const copy = await repositoryCopy();
    const dataDir = await makeDataDir();
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    // In the postgres lane the server behind npm keeps its data where the app started after it looks.
    const database = testOnPostgres() ? { DATABASE_URL: await testDatabaseFor(dataDir) } : {};
    const npm = spawn('npm', ['start'], {
      cwd: copy,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...database },
      stdio: 'ignore',
    });
    const npmExited = new Promise((resolve) => npm.once('exit', resolve));
    cleanups.push(async () => {
      npm.kill('SIGKILL');
      // Whatever still listens on the port belongs to this test: find it and end it by its pid.
      const holders = execFileSync('sh', ['-c', `fuser -n tcp ${port} 2>/dev/null || true`]).toString().trim();
      for (const pid of holders.split(/\s+/).filter(Boolean)) process.kill(Number(pid), 'SIGKILL');
    });

    await waitUntil(() => answers(url), 150_000, 'npm start to serve');
    const page = await fetch(`${url}/`, { headers: { 'accept-encoding': 'br' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-encoding')).toBe('br');
    expect(await page.text()).toMatch(/<script type="module"[^>]* src="\/assets\/main-[\w-]+\.js"/);
    const report = await fetch(`${url}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'self', description: 'Ze pakken elke dag mijn pet af op het plein.' }),
    });
    expect(report.status).toBe(201);
    expect(((await report.json()) as { receipt: string }).receipt).toMatch(/\S{8,}/);
    // A report with a screenshot: on SQLite the compiled server writes it from its worker thread's own connection.
    const withPhoto = multipartBody(
      [['role', 'self'], ['description', 'Ze maken foto’s van mij en zetten die in de groepsapp.']],
      [{ field: 'screenshots', filename: 'app.png', contentType: 'image/png', data: await pngImage(40, 30) }],
    );
    const photoReport = await fetch(`${url}/api/reports`, { method: 'POST', headers: withPhoto.headers, body: withPhoto.payload });
    expect(photoReport.status, await photoReport.clone().text()).toBe(201);
    // The mail worker and nodemailer run inside the compiled server too: the two mails of the seed table, per report.
    const mails = () => readdir(path.join(dataDir, 'mail')).then((names) => names.filter((name) => name.endsWith('.eml')), () => []);
    await waitUntil(async () => (await mails()).length === 4, 30_000, 'the new-report mails');
    npm.kill('SIGTERM');
    await npmExited;
    await waitUntil(async () => !(await answers(url)), 20_000, 'the server behind npm to stop');

    const next = await startTestApp({ dataDir });
    expect(await next.context.db.selectFrom('screenshot').select('width').execute()).toEqual([{ width: 40 }]);
    await next.close();
  });

  it('ships systemd units that systemd accepts and that run what `npm start` execs, on SQLite and on PostgreSQL', async () => {
    const script = startScript(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    // What the script execs after its build, printed by the same shell instead of run.
    const execed = (env: Record<string, string>) =>
      execFileSync('sh', ['-c', script.replace(/^npm run build && /, '').replace(/ exec node /, ' exec echo node ')], {
        env: { PATH: process.env.PATH!, ...env },
        encoding: 'utf8',
      }).trim();
    const sqlite = execed({});
    const postgres = execed({ DATABASE_URL: 'postgres://klikvrij@127.0.0.1/klikvrij' });
    expect(sqlite).toBe('node --max-semi-space-size=2 dist/server/server.js');
    expect(postgres).toBe('node --max-semi-space-size=8 dist/server/server.js');
    // systemd checks the template unit for an instance in test/postgres/deploy.test.ts.
    execFileSync('systemd-analyze', ['verify', UNIT], { stdio: 'pipe' });
    for (const [unitFile, command] of [[UNIT, sqlite], [POSTGRES_UNIT, postgres]] as const) {
      const unit = await readFile(unitFile, 'utf8');
      // The same node flags and file, with the node that systemd runs.
      expect(/^ExecStart=(.+)$/m.exec(unit)?.[1]).toBe(command.replace(/^node /, `${process.execPath} `));
      expect(unit).toMatch(/^KillSignal=SIGTERM$/m);
      expect(unit).toMatch(/^StateDirectoryMode=0700$/m);
    }
  });
});
