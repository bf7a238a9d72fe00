// Two real app servers on one PostgreSQL database and a mail server that takes longer to answer
// after a message than the first retry's back-off (MAIL_RETRY_BASE_MS): as hosted mail servers do
// while they scan a message. A mail one server is still sending must not be taken and sent again
// by the other; each mail arrives once.

import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgres, type Db } from '../../db/database.js';
import { MAIL_RETRY_BASE_MS } from '../../server/notifications/mail-worker.js';
import { startChildServer, type ChildServer } from '../helpers/child-server.js';
import { testDatabaseFor } from '../helpers/postgres.js';
import { startSmtpServer } from '../helpers/smtp.js';
import { makeDataDir } from '../helpers/test-app.js';
import { waitUntil } from '../safety/mail-faults.js';

/** How long the mail server takes to answer each message: well past the first retry. */
const REPLY_AFTER_MS = 3 * MAIL_RETRY_BASE_MS;
/** Reports a 'self' report is routed to (two-servers.test.ts counts the same). */
const MAILS_PER_REPORT = 2;

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

async function report(server: ChildServer, text: string): Promise<void> {
  const response = await fetch(`${server.url}/api/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role: 'self', description: text }),
  });
  expect(response.status, await response.text()).toBe(201);
}

async function outboxRows(db: Db): Promise<number> {
  const row = await db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('rows')).executeTakeFirstOrThrow();
  return Number(row.rows);
}

describe('a mail server slower to answer than the first retry', () => {
  it('gets each mail once from two app servers', { timeout: 120_000 }, async () => {
    const dataDir = await makeDataDir();
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    let started = 0;
    const smtp = await startSmtpServer({
      onMail: async () => {
        started += 1;
        await new Promise((resolve) => setTimeout(resolve, REPLY_AFTER_MS));
      },
    });
    cleanups.push(() => smtp.close());
    const env = { SMTP_URL: smtp.url, PUBLIC_URL: 'https://klikvrij.example.nl' };
    // One after the other: the first start creates the key files both use.
    const servers: ChildServer[] = [];
    for (let i = 0; i < 2; i++) {
      const server = await startChildServer({ dataDir, env });
      cleanups.push(() => server.stop());
      servers.push(server);
    }
    const [first, second] = servers as [ChildServer, ChildServer];
    const db = await openPostgres(await testDatabaseFor(dataDir));
    cleanups.push(() => db.destroy());

    // The first server sends this report's mails; the mail server holds its answers.
    await report(first, 'Melding 1: ze schelden me uit op het plein.');
    await waitUntil(() => started === MAILS_PER_REPORT, 30_000, 'the first mails to reach the mail server');
    // Past the first retry, while those are still under way: a report to the second server wakes its worker.
    await new Promise((resolve) => setTimeout(resolve, MAIL_RETRY_BASE_MS + 500));
    await report(second, 'Melding 2: ze pakken mijn tas af.');

    await waitUntil(async () => (await outboxRows(db)) === 0, 60_000, 'the outbox to be empty');
    // Anything sent twice would have reached the mail server by now.
    await new Promise((resolve) => setTimeout(resolve, REPLY_AFTER_MS));
    const messageIds = smtp.received.map((mail) => mail.messageId);
    expect(messageIds).toHaveLength(2 * MAILS_PER_REPORT);
    expect(new Set(messageIds).size).toBe(2 * MAILS_PER_REPORT);
    expect(started).toBe(2 * MAILS_PER_REPORT);
  });
});
