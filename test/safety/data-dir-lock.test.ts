// Two servers on one DATA_DIR would send every mail twice: the second is refused with a clear message,
// and the lock never outlives its process (kill -9 included).

import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { startChildServer, type ChildServer } from '../helpers/child-server.js';
import { makeDataDir, startTestApp } from '../helpers/test-app.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

async function dataDir(): Promise<string> {
  const dir = await makeDataDir();
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function child(dir: string): Promise<ChildServer> {
  const server = await startChildServer({ dataDir: dir });
  cleanups.push(() => server.crash());
  return server;
}

describe('one server per data folder', () => {
  it('refuses a second process on the same DATA_DIR, naming the folder, while the first keeps serving', { timeout: 90_000 }, async () => {
    const dir = await dataDir();
    const first = await child(dir);

    const second = child(dir);
    await expect(second).rejects.toThrow(/server exited before it was ready/);
    const message = await second.catch((error: Error) => error.message);
    expect(message).toContain(`DATA_DIR ${dir} is already in use by another klikvrij process`);
    expect(message).not.toMatch(/\n\s+at /);
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);

    // kill -9 leaves no stale lock behind: the next server starts at once.
    await first.crash();
    const third = await child(dir);
    expect((await fetch(`${third.url}/healthz`)).status).toBe(200);
    await third.stop();
  });

  it('refuses a second app in the same process too', async () => {
    const dir = await dataDir();
    const first = await startTestApp({ dataDir: dir });
    cleanups.push(() => first.close());
    await expect(startTestApp({ dataDir: dir })).rejects.toThrow(/already in use/);
    await first.close();
    const again = await startTestApp({ dataDir: dir });
    await again.close();
  });
});
