// Two real app servers on one PostgreSQL database (the postgres lane only): one data folder (the key
// files) and so one database; the first start creates the keys, the second finds them.
import { rm } from 'node:fs/promises';
import { openPostgres, type Db } from '../../db/database.js';
import { startChildServer, type ChildServer } from './child-server.js';
import { testDatabaseFor } from './postgres.js';
import { makeDataDir } from './test-app.js';

export interface ServersOnOneDatabase {
  dataDir: string;
  first: ChildServer;
  second: ChildServer;
  /** A connection of the test's own to the servers' database. */
  db: Db;
}

/** Starts both servers with `env`; `cleanups` gets what stops and removes them, to run in reverse. */
export async function startServersOnOneDatabase(env: Record<string, string>, cleanups: Array<() => Promise<unknown>>): Promise<ServersOnOneDatabase> {
  const dataDir = await makeDataDir();
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const first = await startChildServer({ dataDir, env });
  cleanups.push(() => first.stop());
  const second = await startChildServer({ dataDir, env });
  cleanups.push(() => second.stop());
  const db = await openPostgres(await testDatabaseFor(dataDir));
  cleanups.push(() => db.destroy());
  return { dataDir, first, second, db };
}

/** Polls `condition` every 50 ms until it holds; throws naming `what` after `timeoutMs`. */
export async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
