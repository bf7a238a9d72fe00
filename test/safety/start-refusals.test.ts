// Operator mistakes at start that the environment's own checks (units.test.ts) cannot see: a port
// another program holds or one only root may take, a HOST that is not this machine's, a DATA_DIR
// that is a file or that the server's user may not write in, a database that does not answer, a
// MASTER_KEY_FILE that is missing, of the wrong length or a folder. Each
// refuses the start with one line naming the variable, no stack trace, exit status 1 (75 for a
// database that may answer in a moment), and leaves DATA_DIR as it was.

import { chmod, chown, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT_TRY_AGAIN } from '../../server/startup-error.js';
import { freePort, runServerToExit } from '../helpers/child-server.js';
import { makeDataDir } from '../helpers/test-app.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!().catch(() => undefined);
});

async function dataDir(): Promise<string> {
  const dir = await makeDataDir();
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** The user nobody: as root the server runs as it where a test needs a user that is not root. */
const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;

function expectOneLine(result: { code: number | null; output: string }, start: string, code = 1): void {
  expect(result.code, result.output).toBe(code);
  expect(result.output.trim().split('\n'), result.output).toHaveLength(1);
  expect(result.output.startsWith(start), result.output).toBe(true);
}

describe('the start refuses, in one line', () => {
  it('a PORT another program listens on, or one below 1024 without root, and a HOST not of this machine', { timeout: 60_000 }, async () => {
    const taken = net.createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => taken.listen(port, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => taken.close(resolve)));
    const dir = await dataDir();

    const busy = await runServerToExit({ DATA_DIR: dir, PORT: String(port) });
    expectOneLine(busy, `PORT ${port}: another program already listens on 127.0.0.1:${port}.`);
    for (const host of ['192.0.2.1', 'geen-host.invalid']) {
      expectOneLine(await runServerToExit({ DATA_DIR: dir, HOST: host }), `HOST ${host}: not an address of this machine.`);
    }
    if (asRoot) await chown(dir, NOBODY, NOBODY);
    const low = await runServerToExit({ DATA_DIR: dir, PORT: '80' }, asRoot ? { uid: NOBODY, gid: NOBODY } : {});
    expectOneLine(low, 'PORT 80: only root may listen on a port below 1024.');
    expect(await readdir(dir)).toEqual([]);
  });

  it('a DATA_DIR that is a file, is below a file, or that its user may not write in', { timeout: 60_000 }, async () => {
    const dir = await dataDir();
    const file = path.join(dir, 'notes.txt');
    await writeFile(file, 'geen map');
    for (const folder of [file, path.join(file, 'data')]) {
      expectOneLine(await runServerToExit({ DATA_DIR: folder }), `DATA_DIR ${folder} cannot be used (`);
    }
    const readOnly = path.join(dir, 'read-only');
    await mkdir(readOnly, { mode: 0o500 });
    await chmod(readOnly, 0o500);
    if (asRoot) await chown(readOnly, NOBODY, NOBODY);
    const refused = await runServerToExit({ DATA_DIR: readOnly }, asRoot ? { uid: NOBODY, gid: NOBODY } : {});
    expectOneLine(refused, `DATA_DIR ${readOnly} cannot be used (EACCES`);
    expect(refused.output).toContain("It must be a folder the server's user owns and may write in, mode 0700");
    expect(await readdir(readOnly)).toEqual([]);
  });

  it("a DATA_DIR holding a file its user may not write, such as a database left by a start as root", { timeout: 60_000 }, async () => {
    const dir = await dataDir();
    await writeFile(path.join(dir, 'klikvrij.sqlite'), 'de database van een start als root');
    await chmod(path.join(dir, 'klikvrij.sqlite'), 0o400);
    // As root the server runs as nobody on a folder of its own, the file left root's; otherwise the file is read-only.
    if (asRoot) await chown(dir, NOBODY, NOBODY);
    const refused = await runServerToExit({ DATA_DIR: dir }, asRoot ? { uid: NOBODY, gid: NOBODY } : {});
    expectOneLine(
      refused,
      asRoot
        ? `DATA_DIR ${dir}: klikvrij.sqlite belongs to another user (uid 0) and this server's user`
        : `DATA_DIR ${dir}: klikvrij.sqlite is this server's user's with mode 0400, and it must read and write it`,
    );
    expect(refused.output).toContain(asRoot ? `chown -R <user> ${dir}` : `chmod 600 ${path.join(dir, 'klikvrij.sqlite')}`);
    expect(await readdir(dir)).toEqual(['klikvrij.sqlite']);
  });

  it('not a key file its own user keeps read-only (0400): the server only reads those', { timeout: 60_000 }, async () => {
    const dir = await dataDir();
    for (const name of ['master-key', 'receipt-secret', 'totp-key']) {
      await writeFile(path.join(dir, name), `${'ab'.repeat(32)}\n`, { mode: 0o400 });
      if (asRoot) await chown(path.join(dir, name), NOBODY, NOBODY);
    }
    if (asRoot) await chown(dir, NOBODY, NOBODY);
    // Past the DATA_DIR check the start goes on to the database, which is made to refuse here so the run ends.
    const port = await freePort();
    const refused = await runServerToExit(
      { DATA_DIR: dir, DATABASE_URL: `postgres://klikvrij:geheim@127.0.0.1:${port}/klikvrij` },
      asRoot ? { uid: NOBODY, gid: NOBODY } : {},
    );
    expectOneLine(refused, `DATABASE_URL postgres://klikvrij:***@127.0.0.1:${port}/klikvrij: cannot connect`, EXIT_TRY_AGAIN);
  });

  it('a DATABASE_URL where no database answers (yet), with status 75 to be started again, without printing its password', { timeout: 60_000 }, async () => {
    const dir = await dataDir();
    const port = await freePort();
    const refused = await runServerToExit({ DATA_DIR: dir, DATABASE_URL: `postgres://klikvrij:zeer-geheim@127.0.0.1:${port}/klikvrij` });
    expectOneLine(refused, `DATABASE_URL postgres://klikvrij:***@127.0.0.1:${port}/klikvrij: cannot connect (connect ECONNREFUSED`, EXIT_TRY_AGAIN);
    expect(refused.output).toContain(`Exiting with status ${EXIT_TRY_AGAIN} to be started again`);
    expect(refused.output).not.toContain('zeer-geheim');
    expect(await readdir(dir)).toEqual([]);
  });

  it('a MASTER_KEY_FILE that is missing, holds no key of the right length, or is a folder, before the database is made', { timeout: 60_000 }, async () => {
    const dir = await dataDir();
    const keys = await dataDir();
    const short = path.join(keys, 'short-key');
    await writeFile(short, `${'ab'.repeat(31)}\n`);
    const cases: Array<[string, string]> = [
      [path.join(keys, 'missing-key'), 'does not exist.'],
      [short, 'does not hold a key (64 hexadecimal characters or 32 bytes).'],
      [keys, 'cannot be read (EISDIR'],
    ];
    for (const [file, problem] of cases) {
      expectOneLine(await runServerToExit({ DATA_DIR: dir, MASTER_KEY_FILE: file }), `MASTER_KEY_FILE ${file} ${problem}`);
    }
    expect(await readdir(dir)).toEqual([]);
  });
});
