// GET /healthz: up or down for everyone; every check only for the operator's token.

import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../server/config.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';
import { BERTINE, requestLink } from './helpers/staff.js';

const HEALTH_TOKEN = 'the-operator-health-token-0123456789';
const operator = { authorization: `Bearer ${HEALTH_TOKEN}` };

const apps: TestApp[] = [];
afterEach(async () => {
  while (apps.length > 0) await apps.pop()!.close();
});

async function start(env: Record<string, string> = { HEALTH_TOKEN }): Promise<TestApp> {
  const t = await startTestApp({ env });
  apps.push(t);
  return t;
}

describe('GET /healthz', () => {
  it('tells the public only that it is up, whatever the outbox holds', async () => {
    const t = await start();
    const before = await t.app.inject('/healthz');
    expect((await requestLink(t, BERTINE)).statusCode).toBe(202);
    expect((await requestLink(t, 'nobody@example.nl')).statusCode).toBe(202);
    const after = await t.app.inject('/healthz');
    expect(before.statusCode).toBe(200);
    expect(after.statusCode).toBe(200);
    expect(after.body).toBe(before.body);
    expect(after.json()).toEqual({ status: 'ok' });
  });

  it('gives the operator every check with the token, and how long the event loop was held since the last check', async () => {
    const t = await start();
    expect((await requestLink(t, BERTINE)).statusCode).toBe(202);
    const response = await t.app.inject({ url: '/healthz', headers: operator });
    expect(response.statusCode).toBe(200);
    const health = response.json();
    expect(health).toMatchObject({
      status: 'ok',
      problems: [],
      database: { reachable: true, writable: true, error: null },
      mail: { transport: 'file', pending: 1, failing: 0, overdue: 0, dead: 0, pausedSince: null, handedOverUnrecorded: 0 },
    });
    expect(health.disk.freeBytes).toBeGreaterThan(0);

    // The event loop held for 200 ms between two checks: the second one says so (at least that long,
    // on any machine), and the check after it measures its own interval again.
    // (The histogram's step under way when a check starts the next interval is not counted: wait one.)
    await new Promise((resolve) => setTimeout(resolve, 50));
    const held = Date.now();
    while (Date.now() - held < 200);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const blocked = (await t.app.inject({ url: '/healthz', headers: operator })).json().eventLoop;
    expect(blocked.maxMs).toBeGreaterThanOrEqual(180);
    expect(blocked.p99Ms).toBeLessThanOrEqual(blocked.maxMs);
    const next = (await t.app.inject({ url: '/healthz', headers: operator })).json().eventLoop;
    expect(next.maxMs).toBeLessThan(blocked.maxMs);
  });

  it('refuses a wrong token, and any token when none is configured, in the error shape', async () => {
    const t = await start();
    for (const authorization of ['Bearer not-the-token', HEALTH_TOKEN, 'Basic abc']) {
      const response = await t.app.inject({ url: '/healthz', headers: { authorization } });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('unauthorized');
    }
    const without = await start({});
    const response = await without.app.inject({ url: '/healthz', headers: operator });
    expect(response.statusCode).toBe(401);
  });

  it('refuses to start with a HEALTH_TOKEN too short to be a secret, naming it', () => {
    expect(() => loadConfig({ HEALTH_TOKEN: 'short' })).toThrow(ConfigError);
    expect(() => loadConfig({ HEALTH_TOKEN: 'short' })).toThrow(/HEALTH_TOKEN: at least 24 characters/);
  });
});
