// npm run rotate-key on PostgreSQL, where the DATA_DIR lock is off: every app server on the database
// holds the servers' lock shared for as long as it runs. A rotation beside a running server would let
// that server go on wrapping new case keys under the old master key, which no later run re-wraps (the
// database's check value already names the new key): those cases would not open after the restart.
// So the command refuses while a server runs, and a server started during a rotation waits for it.

import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { takeServerLockAlone } from '../../db/server-lock.js';
import { findSchoolReport } from '../../db/queries/reports.js';
import { MASTER_KEY } from '../../server/case-keys/master-key.js';
import { rotateMasterKey } from '../../server/rotate-key.js';
import { submitReport } from '../helpers/staff.js';
import { makeDataDir, startTestApp, type TestApp } from '../helpers/test-app.js';
import { testDatabaseFor } from '../helpers/postgres.js';

const DESCRIPTION = 'Ze pakken elke dag mijn pet af op het plein.';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!().catch(() => undefined);
});

async function appOn(dataDir: string): Promise<TestApp> {
  const t = await startTestApp({ dataDir });
  cleanups.push(() => t.close());
  return t;
}

describe('rotate-key on PostgreSQL', () => {
  it('refuses while an app server runs on the database, and rotates once every server is stopped', async () => {
    const dataDir = await makeDataDir();
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const running = await appOn(dataDir);
    const { id } = await submitReport(running);
    const config = { dataDir, databaseUrl: await testDatabaseFor(dataDir) };
    const keyFile = path.join(dataDir, MASTER_KEY.name);
    const key = await readFile(keyFile);

    await expect(rotateMasterKey(config)).rejects.toThrow(/An app server still runs on this database.*Stop every server first/);
    expect((await readFile(keyFile)).equals(key)).toBe(true);
    // Nothing changed under the running server: a new report and the old one open.
    const { id: later } = await submitReport(running);
    for (const reportId of [id, later]) expect((await findSchoolReport(running.context.db, 'kopakker', reportId))!.description).toBe(DESCRIPTION);

    await running.close();
    cleanups.pop();
    const result = await rotateMasterKey(config);
    expect(result.rewrapped).toBe(2);
    expect((await readFile(keyFile)).equals(key)).toBe(false);
    const restarted = await appOn(dataDir);
    for (const reportId of [id, later]) expect((await findSchoolReport(restarted.context.db, 'kopakker', reportId))!.description).toBe(DESCRIPTION);
  });

  it('holds a server that starts during a rotation until the rotation is done', async () => {
    const dataDir = await makeDataDir();
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const first = await appOn(dataDir);
    await first.close();
    cleanups.pop();

    // A rotation under way holds the servers' lock alone.
    const rotation = (await takeServerLockAlone(await testDatabaseFor(dataDir)))!;
    expect(rotation).toBeDefined();
    let started = false;
    const starting = appOn(dataDir).then((app) => {
      started = true;
      return app;
    });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(started).toBe(false);
    await rotation.release();
    const app = await starting;
    expect((await submitReport(app)).id).toBeGreaterThan(0);
    // While it runs, no rotation gets the lock.
    expect(await takeServerLockAlone(await testDatabaseFor(dataDir))).toBeUndefined();
  });
});
