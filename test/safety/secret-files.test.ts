// receipt-secret and totp-key decide whether every receipt code and every second factor still
// works. A lost, replaced or hand-edited file must never start a server that silently answers 404
// to every child's code or locks TOTP staff out: it refuses to start, naming the file. Two servers
// started at once on one new DATA_DIR (PostgreSQL) both start, with the same keys.

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { appendFile, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSecretFile } from '../../server/secret-file.js';
import { startChildServer } from '../helpers/child-server.js';
import { submitReport } from '../helpers/staff.js';
import { makeDataDir, startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await t?.close();
  t = undefined;
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function dataDir(): Promise<string> {
  const dir = await makeDataDir();
  dirs.push(dir);
  return dir;
}

async function followUp(app: TestApp, receipt: string) {
  return app.app.inject({ method: 'POST', url: '/api/followup', payload: { receipt } });
}

/** A data folder whose database holds one report; the app is closed again. */
async function withReport(): Promise<{ dir: string; receipt: string }> {
  const dir = await dataDir();
  const app = await startTestApp({ dataDir: dir });
  const { receipt } = await submitReport(app);
  await app.close();
  return { dir, receipt };
}

describe('secret files', () => {
  it('made by two servers at once give both the same key: the second never reads the first one\'s file half-written', async () => {
    const file = path.join(await dataDir(), 'totp-key');
    const real = fs.writeSync;
    let second: string | undefined;
    // The other server arrives at the one moment between a key file's creation and its key's write.
    (fs as Record<string, unknown>).writeSync = (descriptor: number, ...rest: unknown[]) => {
      if (second === undefined) {
        second = 'arrived';
        try {
          second = createSecretFile(file).toString('hex');
        } catch (error) {
          second = `refused: ${(error as Error).message}`;
        }
      }
      return (real as (descriptor: number, ...rest: unknown[]) => number)(descriptor, ...rest);
    };
    syncBuiltinESMExports();
    let first: string;
    try {
      first = createSecretFile(file).toString('hex');
    } finally {
      (fs as Record<string, unknown>).writeSync = real;
      syncBuiltinESMExports();
    }
    expect(second).toMatch(/^[0-9a-f]{64}$/);
    expect(first).toBe(second);
    expect(await readFile(file, 'utf8')).toBe(`${first}\n`);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('are created as one line of hex, mode 0600, kept across restarts, and the database keeps a check value, never the key', async () => {
    const { dir, receipt } = await withReport();
    t = await startTestApp({ dataDir: dir });
    expect((await followUp(t, receipt)).statusCode).toBe(200);
    for (const name of ['receipt-secret', 'totp-key']) {
      const file = path.join(dir, name);
      const text = await readFile(file, 'utf8');
      expect(text).toMatch(/^[0-9a-f]{64}\n$/);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      const row = await t.context.db.selectFrom('secret_check').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
      expect(row.check_value).toMatch(/^[0-9a-f]{64}$/);
      expect(row.check_value).not.toBe(text.trim());
    }
  });

  it('still open every receipt code when the file gains whitespace around the key', async () => {
    const { dir, receipt } = await withReport();
    const file = path.join(dir, 'receipt-secret');
    await writeFile(file, `  ${(await readFile(file, 'utf8')).trim()}\r\n\n`);
    t = await startTestApp({ dataDir: dir });
    expect((await followUp(t, receipt)).statusCode).toBe(200);
  });

  it('read the raw 32-byte files older versions wrote, also with a newline an editor added', async () => {
    const dir = await dataDir();
    await writeFile(path.join(dir, 'receipt-secret'), randomBytes(32), { mode: 0o600 });
    await writeFile(path.join(dir, 'totp-key'), randomBytes(32), { mode: 0o600 });
    let app = await startTestApp({ dataDir: dir });
    const { receipt } = await submitReport(app);
    await app.close();
    await appendFile(path.join(dir, 'receipt-secret'), '\n');
    app = t = await startTestApp({ dataDir: dir });
    expect((await followUp(app, receipt)).statusCode).toBe(200);
  });

  it('refuse a start without receipt-secret while reports exist, naming the file and what to do, and create nothing', async () => {
    const { dir } = await withReport();
    const file = path.join(dir, 'receipt-secret');
    await unlink(file);
    const start = startTestApp({ dataDir: dir });
    await expect(start).rejects.toThrow(`${file} is missing, but 1 rows in the database depend on it`);
    await expect(start).rejects.toThrow(/Restore the file from the backup made with the database/);
    await expect(stat(file)).rejects.toThrow(/ENOENT/);
  });

  it('refuse a receipt-secret that is not the one the database was used with', async () => {
    const { dir } = await withReport();
    const file = path.join(dir, 'receipt-secret');
    await writeFile(file, `${randomBytes(32).toString('hex')}\n`);
    await expect(startTestApp({ dataDir: dir })).rejects.toThrow(`${file} is not the key this database was used with (1 rows depend on it)`);
  });

  it('are made anew when nothing depends on them (no second factor yet)', async () => {
    const { dir, receipt } = await withReport();
    await unlink(path.join(dir, 'totp-key'));
    t = await startTestApp({ dataDir: dir });
    expect((await followUp(t, receipt)).statusCode).toBe(200);
    expect(await readFile(path.join(dir, 'totp-key'), 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
  });

  it('refuse a start without totp-key while a staff member has a second factor', async () => {
    const dir = await dataDir();
    const app = await startTestApp({ dataDir: dir });
    await app.context.db
      .insertInto('staff_totp')
      .values({
        email: 'bertine.pas@kopakker.nl',
        secret_sealed: app.context.totpBox.seal(randomBytes(20), 'bertine.pas@kopakker.nl'),
        created_at: new Date().toISOString(),
        enabled_at: new Date().toISOString(),
        last_step: null,
      })
      .execute();
    await app.close();
    await unlink(path.join(dir, 'totp-key'));
    await expect(startTestApp({ dataDir: dir })).rejects.toThrow(`${path.join(dir, 'totp-key')} is missing`);
  });

  it('a refused start of the real server prints the message without a stack and exits with status 1', { timeout: 60_000 }, async () => {
    const { dir } = await withReport();
    await writeFile(path.join(dir, 'receipt-secret'), `${randomBytes(32).toString('hex')}\n`);
    const error = await startChildServer({ dataDir: dir }).catch((reason: Error) => reason);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain(`${path.join(dir, 'receipt-secret')} is not the key this database was used with (1 rows depend on it)`);
    expect(message).not.toMatch(/\n\s+at /);
    expect(message).toMatch(/exit status 1/);
  });
});
