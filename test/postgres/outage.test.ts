// PostgreSQL stopped during a burst of reports, on a cluster of the test's own (a real stop, not a
// refused role). While it is down every report is refused with a 503 in the reporter's language and
// /healthz says down; no answer is a 500, and the server is never restarted. Once PostgreSQL is back
// the server takes reports again by itself, and every receipt it acknowledged with a 201 opens.

import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { startChildServer, type ChildServer } from '../helpers/child-server.js';
import { unopenedReceipts } from '../helpers/followup.js';
import { startPrivatePostgres } from '../helpers/private-postgres.js';
import { makeDataDir } from '../helpers/test-app.js';

/** Reports sent at once, round after round, while PostgreSQL is stopped and started. */
const CONCURRENCY = 4;

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

interface Answer {
  status: number;
  code?: string;
  message?: string;
  receipt?: string;
}

async function report(server: ChildServer, text: string, language: string): Promise<Answer> {
  const response = await fetch(`${server.url}/api/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': language },
    body: JSON.stringify({ role: 'self', description: text }),
  });
  const body = (await response.json()) as { receipt?: string; error?: { code: string; message: string } };
  return { status: response.status, code: body.error?.code, message: body.error?.message, receipt: body.receipt };
}

async function health(server: ChildServer): Promise<number> {
  const response = await fetch(`${server.url}/healthz`);
  await response.arrayBuffer();
  return response.status;
}

describe('PostgreSQL stopped during a burst of reports', () => {
  it('answers 503 in the reporter’s language while it is down, recovers by itself, and loses no acknowledged report', { timeout: 180_000 }, async () => {
    const cluster = await startPrivatePostgres();
    cleanups.push(() => cluster.remove());
    const dataDir = await makeDataDir();
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const server = await startChildServer({
      dataDir,
      env: {
        DATABASE_URL: cluster.url('klikvrij'),
        RATE_LIMIT_REPORTS: '100000',
        // Each receipt is opened from an address of its own below (X-Forwarded-For), past the follow-up limit per address.
        TRUST_PROXY: '127.0.0.1',
      },
    });
    cleanups.push(() => server.stop());

    const answers: Answer[] = [];
    let sent = 0;
    let burst = true;
    // The burst runs in the background through the stop and the start.
    const senders = Array.from({ length: CONCURRENCY }, async (_, lane) => {
      while (burst) {
        const language = lane % 2 === 0 ? 'nl' : 'en';
        answers.push(await report(server, `Melding ${sent++}: ze pakken mijn tas af.`, language).then((answer) => ({ ...answer, language })));
      }
    });
    const acknowledged = () => answers.filter((answer) => answer.status === 201).length;
    const waitFor = async (condition: () => boolean | Promise<boolean>, what: string) => {
      const deadline = Date.now() + 60_000;
      while (!(await condition())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${server.output()}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };

    await waitFor(() => acknowledged() >= 20, 'reports before the stop');
    await cluster.stop();
    const afterStop = answers.length;
    await waitFor(() => answers.length >= afterStop + 20, 'answers while PostgreSQL is down');
    expect(await health(server)).toBe(503);
    const duringOutage = answers.slice(afterStop + CONCURRENCY);
    expect(duringOutage.every((answer) => answer.status === 503)).toBe(true);

    await cluster.start();
    await waitFor(async () => (await health(server)) === 200, '/healthz to say ok again');
    const afterStart = acknowledged();
    await waitFor(() => acknowledged() >= afterStart + 20, 'reports after the start');
    burst = false;
    await Promise.all(senders);

    // Nothing but stored (201) and refused while down (503, storage_unavailable), in the asked language.
    const refused = answers.filter((answer) => answer.status !== 201);
    expect(refused.length).toBeGreaterThanOrEqual(20);
    expect(answers.filter((answer) => answer.status !== 201 && answer.status !== 503)).toEqual([]);
    expect(new Set(refused.map((answer) => answer.code))).toEqual(new Set(['storage_unavailable']));
    const messages = new Set(refused.map((answer) => answer.message));
    expect(messages).toEqual(
      new Set(['We kunnen je bericht nu even niet bewaren. Probeer het over een minuut nog eens.', 'We cannot store your message for a moment. Please try again in a minute.']),
    );

    // Every acknowledged receipt opens after the recovery.
    const receipts = answers.filter((answer) => answer.status === 201).map((answer) => answer.receipt!);
    expect(new Set(receipts).size).toBe(receipts.length);
    expect(await unopenedReceipts(server.url, receipts)).toEqual([]);
    // The same process throughout: never restarted, never crashed.
    expect(server.process.exitCode).toBeNull();
    expect(server.output()).not.toMatch(/uncaught|unhandled/i);
  });
});
