// Backups: `npm run backup -- <file>` while the real server takes reports. The copy passes
// integrity_check and holds every report acknowledged before the backup began, and putting it back
// (with the receipt secret) gives a server where those receipts work.

import { spawn } from 'node:child_process';
import { copyFile, readdir, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../server/context.js';
import { keyedHasher, normalizeReceiptCode, RECEIPT_SECRET } from '../../server/receipts/receipt-code.js';
import { readSecretFile } from '../../server/secret-file.js';
import { REPO_ROOT, startChildServer, type ChildServer } from '../helpers/child-server.js';
import { pngImage } from '../helpers/images.js';
import { multipartBody } from '../helpers/multipart.js';
import { makeDataDir } from '../helpers/test-app.js';
import { httpRequest, postJson } from './support.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

function runBackup(dataDir: string, file: string, env: Record<string, string> = {}): Promise<{ code: number | null; output: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', 'backup', '--', file], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATA_DIR: dataDir, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('exit', (code) => resolve({ code, output: Buffer.concat(chunks).toString('utf8'), ms: Date.now() - started }));
  });
}

describe('online backup', () => {
  it('copies every acknowledged report while reports keep arriving, and restores', { timeout: 120_000 }, async () => {
    const dataDir = await makeDataDir();
    const backupDir = await makeDataDir();
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }), () => rm(backupDir, { recursive: true, force: true }));
    const server: ChildServer = await startChildServer({ dataDir });
    cleanups.push(() => server.crash());
    const png = await pngImage(400, 300);

    // A steady stream of reports, some with a screenshot, spread over source addresses.
    const acknowledged: Array<{ receipt: string; at: number }> = [];
    const agents: http.Agent[] = [];
    let sent = 0;
    let streaming = true;
    const stream = async (worker: number) => {
      while (streaming) {
        const index = sent++;
        // 25 reports per source address: under the rate limit of 30.
        const slot = Math.floor(index / 25);
        const agent = (agents[slot] ??= new http.Agent({ keepAlive: true, localAddress: `127.0.${3 + Math.floor(slot / 250)}.${1 + (slot % 250)}` } as http.AgentOptions));
        const fields: Array<[string, string]> = [['role', 'self'], ['description', `Melding ${index} van werker ${worker}.`]];
        const request = index % 4 === 0
          ? multipartBody(fields, [{ field: 'screenshots', filename: 'a.png', contentType: 'image/png', data: png }])
          : { payload: Buffer.from(JSON.stringify(Object.fromEntries(fields))), headers: { 'content-type': 'application/json' } };
        const response = await httpRequest(`${server.url}/api/reports`, { method: 'POST', headers: request.headers, body: request.payload, agent });
        expect(response.status, response.body).toBe(201);
        acknowledged.push({ receipt: (JSON.parse(response.body) as { receipt: string }).receipt, at: Date.now() });
      }
    };
    const streams = Promise.all([0, 1, 2, 3].map(stream));
    while (acknowledged.length < 80) await new Promise((resolve) => setTimeout(resolve, 10));

    const before = [...acknowledged];
    const file = path.join(backupDir, 'klikvrij-backup.sqlite');
    const backup = await runBackup(dataDir, file);
    const duringBackup = acknowledged.length - before.length;
    streaming = false;
    await streams;
    for (const agent of agents) agent?.destroy();
    expect(backup.code, backup.output).toBe(0);
    expect(backup.output).toMatch(/receipt-secret/);

    // The copy: whole, self-contained, and holding everything acknowledged before it began.
    expect((await readdir(backupDir)).sort()).toEqual(['klikvrij-backup.sqlite']);
    const keyedHash = keyedHasher(readSecretFile(path.join(dataDir, RECEIPT_SECRET.name))!);
    const copy = new SQLite(file, { readonly: true, fileMustExist: true });
    let inCopy: number;
    let missing: string[];
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.pragma('foreign_key_check')).toEqual([]);
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      const find = copy.prepare('SELECT id FROM report WHERE receipt_hash = ?');
      missing = before.filter(({ receipt }) => !find.get(keyedHash(normalizeReceiptCode(receipt)!))).map(({ receipt }) => receipt);
      inCopy = (copy.prepare('SELECT count(*) AS n FROM report').get() as { n: number }).n;
    } finally {
      copy.close();
    }
    console.log(
      `backup: ${before.length} reports acknowledged before the backup began, ${duringBackup} more while it ran ` +
        `(${backup.ms} ms including npm and tsx start-up), ${acknowledged.length} in total; ` +
        `the copy holds ${inCopy} reports, ${missing.length} of the first ${before.length} missing; integrity ok`,
    );
    expect(missing).toEqual([]);
    expect(inCopy).toBeGreaterThanOrEqual(before.length);
    expect(duringBackup).toBeGreaterThan(0);

    // A backup never overwrites another one.
    const again = await runBackup(dataDir, file);
    expect(again.code).toBe(1);
    expect(again.output).toMatch(/already exists/);
    await server.stop();

    // Restore as the README says: stop, copy the file in, no -wal/-shm, keep receipt-secret and master-key.
    const restored = await makeDataDir();
    cleanups.push(() => rm(restored, { recursive: true, force: true }));
    await copyFile(file, path.join(restored, DATABASE_FILE));
    await copyFile(path.join(dataDir, 'receipt-secret'), path.join(restored, 'receipt-secret'));
    await copyFile(path.join(dataDir, 'master-key'), path.join(restored, 'master-key'));
    const after = await startChildServer({ dataDir: restored });
    cleanups.push(() => after.stop());
    const sample = [before[0]!, before[Math.floor(before.length / 2)]!, before.at(-1)!];
    for (const { receipt } of sample) {
      const lookup = await postJson(`${after.url}/api/followup`, { receipt });
      expect(lookup.status, lookup.body).toBe(200);
    }
    expect((await postJson(`${after.url}/api/reports`, { role: 'self', description: 'Na het terugzetten.' })).status).toBe(201);
    await after.stop();

    // Without the receipt secret no receipt would open the reports again: the server refuses to start.
    const secretless = await makeDataDir();
    cleanups.push(() => rm(secretless, { recursive: true, force: true }));
    await copyFile(file, path.join(secretless, DATABASE_FILE));
    const refused = await startChildServer({ dataDir: secretless }).then(
      async (lost) => {
        await lost.stop();
        return 'started';
      },
      (error: Error) => error.message,
    );
    console.log(`backup: restored copy answers the receipts of ${sample.length} sampled reports; without receipt-secret the start is refused`);
    expect(refused).toContain(`${path.join(secretless, 'receipt-secret')} is missing`);
  });

  it('reads the environment as the server does: a setting the server refuses stops the backup, naming it', async () => {
    const dataDir = await makeDataDir();
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const file = path.join(dataDir, 'never-written.sqlite');
    const refused = await runBackup(dataDir, file, { SMTP_URL: 'http://mail.school.nl' });
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('SMTP_URL');
    expect(await stat(file).then(() => true, () => false)).toBe(false);
  });
});
