// A PostgreSQL that writes down when each row was committed, or logs every INSERT, would keep the second
// an anonymous report came in, which the portal itself never stores: the server refuses to start on it.

import { rm } from 'node:fs/promises';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { closeContext, createContext } from '../../server/context.js';
import { startPrivatePostgres } from '../helpers/private-postgres.js';
import { makeDataDir } from '../helpers/test-app.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

describe('PostgreSQL settings that keep the time of each row', () => {
  it('refuse the start, each named, and the server starts once they are off', { timeout: 120_000 }, async () => {
    const cluster = await startPrivatePostgres();
    cleanups.push(() => cluster.remove());
    const dataDir = await makeDataDir();
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const admin = async (statement: string) => {
      const client = new pg.Client({ connectionString: cluster.url('postgres') });
      await client.connect();
      await client.query(statement);
      await client.end();
    };
    const start = () => createContext(loadConfig({ DATA_DIR: dataDir, DATABASE_URL: cluster.url('klikvrij') }));

    await admin("ALTER DATABASE klikvrij SET log_statement = 'mod'");
    await admin('ALTER DATABASE klikvrij SET log_min_duration_statement = 0');
    const refused = start();
    await expect(refused).rejects.toThrow(/log_statement is mod: PostgreSQL logs every report's INSERT with its time/);
    await expect(refused).rejects.toThrow(/log_min_duration_statement is 0/);
    await expect(refused).rejects.toThrow(/Turn these off in postgresql.conf/);

    await admin('ALTER DATABASE klikvrij RESET log_statement');
    await admin('ALTER DATABASE klikvrij RESET log_min_duration_statement');
    await admin('ALTER SYSTEM SET track_commit_timestamp = on');
    await cluster.stop();
    await cluster.start();
    await expect(start()).rejects.toThrow(/track_commit_timestamp is on: PostgreSQL keeps the second every row was written/);
    // Refused before anything was written: no table of ours in the database.
    const client = new pg.Client({ connectionString: cluster.url('klikvrij') });
    await client.connect();
    const tables = await client.query("SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'report'");
    await client.end();
    expect(tables.rows[0].n).toBe(0);

    await admin('ALTER SYSTEM RESET track_commit_timestamp');
    await cluster.stop();
    await cluster.start();
    const context = await start();
    await closeContext(context);
  });
});
