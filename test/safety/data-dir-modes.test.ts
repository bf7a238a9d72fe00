// Other users of the server machine must not read the database, its WAL, queued mails or the
// secrets: the real server is started as a child process on folders with the modes operators meet.
import fs from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeDataFilesPrivate } from '../../server/data-dir-modes.js';
import { runServerToExit, startChildServer, type ChildServer } from '../helpers/child-server.js';
import { postJson } from './support.js';

const folders: string[] = [];
let server: ChildServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

async function folderWithMode(mode: number): Promise<string> {
  const parent = await mkdtemp(path.join(tmpdir(), 'klikvrij-modes-'));
  folders.push(parent);
  const dataDir = path.join(parent, 'data');
  await mkdir(dataDir);
  await chmod(dataDir, mode);
  return dataDir;
}

/**
 * Every file and folder below `folder` with its permission bits. A file can vanish between the
 * listing and its stat while the server runs (the mail worker renames `*.eml.partial` into place),
 * so a vanished entry is left out rather than failing the walk.
 */
async function modesBelow(folder: string): Promise<Array<{ file: string; mode: number }>> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const modes = await Promise.all(
    entries.map(async (entry) => {
      const file = path.join(entry.parentPath, entry.name);
      const found = await stat(file).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined;
        throw error;
      });
      return found && { file: path.relative(folder, file), mode: found.mode & 0o777 };
    }),
  );
  return modes.filter((entry) => entry !== undefined);
}

/** Names of the mails the file transport has finished writing. */
async function writtenMails(dataDir: string): Promise<string[]> {
  const names = await readdir(path.join(dataDir, 'mail')).catch(() => []);
  return names.filter((name) => name.endsWith('.eml'));
}

/**
 * Runs `walk` while another server changes `victim` at the worst moment: just before the walk's `step`
 * ('statSync', 'chmodSync' or 'readdirSync') reaches it. The change is real and so is the ENOENT that
 * follows; only its timing is forced, since the race it stands for lasts microseconds.
 */
function changedBefore(step: 'statSync' | 'chmodSync' | 'readdirSync', victim: string, change: () => void, walk: () => void): void {
  const real = fs[step] as (file: fs.PathLike, ...rest: unknown[]) => unknown;
  let changed = false;
  (fs as Record<string, unknown>)[step] = (file: fs.PathLike, ...rest: unknown[]) => {
    if (file === victim && !changed) {
      change();
      changed = true;
    }
    return real(file, ...rest);
  };
  syncBuiltinESMExports();
  try {
    walk();
  } finally {
    (fs as Record<string, unknown>)[step] = real;
    syncBuiltinESMExports();
  }
  expect(changed, `the walk reached ${victim}`).toBe(true);
}

/** Files readable by others, as an older version's umask left them: the walk stats and chmods each one. */
async function sharedFiles(dataDir: string, names: readonly string[]): Promise<void> {
  for (const file of names.map((name) => path.join(dataDir, name))) {
    await writeFile(file, 'Subject: x\r\n\r\nx');
    await chmod(file, 0o644);
  }
}

describe('DATA_DIR modes', () => {
  it('refuses to start on a folder other users can read, saying how to fix it, and creates nothing in it', { timeout: 120_000 }, async () => {
    for (const mode of [0o755, 0o750]) {
      const dataDir = await folderWithMode(mode);
      const { code, output } = await runServerToExit({ DATA_DIR: dataDir });
      expect(code, output).toBe(1);
      expect(output).toContain(`DATA_DIR ${dataDir} is open to other users`);
      expect(output).toContain(`chmod 700 ${dataDir}`);
      expect(output).not.toMatch(/\n\s+at /);
      expect(await readdir(dataDir)).toEqual([]);
    }
  });

  it('creates the database, its WAL, mails and secrets for its own user only, in a fresh folder', { timeout: 120_000 }, async () => {
    const dataDir = await folderWithMode(0o700);
    server = await startChildServer({ dataDir, freshDatabase: true });
    expect((await postJson(`${server.url}/api/reports`, { role: 'self', description: 'Ze duwen me elke dag.' })).status).toBe(201);
    await expect.poll(async () => (await writtenMails(dataDir)).length, { timeout: 10_000 }).toBeGreaterThan(0);
    const modes = await modesBelow(dataDir);
    expect(modes.map((entry) => entry.file)).toEqual(expect.arrayContaining(['klikvrij.sqlite', 'klikvrij.sqlite-wal', 'receipt-secret', 'totp-key', 'mail']));
    expect(modes.filter((entry) => (entry.mode & 0o077) !== 0)).toEqual([]);
  });

  it('takes back files left readable by others (a copied database, an old mail folder) at start', { timeout: 120_000 }, async () => {
    const dataDir = await folderWithMode(0o700);
    server = await startChildServer({ dataDir });
    await server.stop();
    server = undefined;
    // As a restore with `cp` under umask 022 leaves them.
    await copyFile(path.join(dataDir, 'klikvrij.sqlite'), path.join(dataDir, 'klikvrij.sqlite.copy'));
    await chmod(path.join(dataDir, 'klikvrij.sqlite'), 0o644);
    await mkdir(path.join(dataDir, 'mail'), { recursive: true });
    await chmod(path.join(dataDir, 'mail'), 0o755);
    await writeFile(path.join(dataDir, 'mail', 'old.eml'), 'Subject: x\r\n\r\nx', { mode: 0o644 });
    await chmod(path.join(dataDir, 'mail', 'old.eml'), 0o644);

    server = await startChildServer({ dataDir });
    const modes = await modesBelow(dataDir);
    expect(modes.filter((entry) => (entry.mode & 0o077) !== 0)).toEqual([]);
    expect(modes.find((entry) => entry.file === 'klikvrij.sqlite')?.mode).toBe(0o600);
    expect(modes.find((entry) => entry.file === 'mail')?.mode).toBe(0o700);
  });

  it.each(['statSync', 'chmodSync'] as const)(
    'skips a mail another server renames away while the start makes the folder private (before its %s), and takes back the rest',
    async (step) => {
      const dataDir = await folderWithMode(0o700);
      await mkdir(path.join(dataDir, 'mail'), { mode: 0o755 });
      await sharedFiles(dataDir, ['copied.sqlite', 'mail/1.eml', 'mail/2.eml.partial', 'mail/3.eml']);
      await chmod(path.join(dataDir, 'mail'), 0o755);

      const partial = path.join(dataDir, 'mail', '2.eml.partial');
      changedBefore(step, partial, () => fs.renameSync(partial, partial.replace(/\.partial$/, '')), () => makeDataFilesPrivate(dataDir));

      const modes = await modesBelow(dataDir);
      expect(modes.map((entry) => entry.file).sort()).toEqual(['copied.sqlite', 'mail', 'mail/1.eml', 'mail/2.eml', 'mail/3.eml']);
      // The renamed mail is the other server's to make private (it writes under umask 077); all else is taken back.
      expect(modes.filter((entry) => entry.file !== 'mail/2.eml' && (entry.mode & 0o077) !== 0)).toEqual([]);
    },
  );

  it('skips a folder another server removes while the start makes the folder private (before it is listed), and takes back the rest', async () => {
    const dataDir = await folderWithMode(0o700);
    for (const folder of ['mail', 'mail/old', 'z-after']) await mkdir(path.join(dataDir, folder));
    await sharedFiles(dataDir, ['copied.sqlite', 'mail/1.eml', 'mail/old/2.eml', 'z-after/3.eml']);
    for (const folder of ['mail', 'mail/old', 'z-after']) await chmod(path.join(dataDir, folder), 0o755);

    const old = path.join(dataDir, 'mail', 'old');
    changedBefore('readdirSync', old, () => fs.rmSync(old, { recursive: true }), () => makeDataFilesPrivate(dataDir));

    const modes = await modesBelow(dataDir);
    expect(modes.map((entry) => entry.file).sort()).toEqual(['copied.sqlite', 'mail', 'mail/1.eml', 'z-after', 'z-after/3.eml']);
    expect(modes.filter((entry) => (entry.mode & 0o077) !== 0)).toEqual([]);
  });
});
