// One of two real app servers on one PostgreSQL database killed with kill -9 in the middle of a burst
// of reports sent to both in turn (the postgres lane only). Requests to the killed server fail at the
// connection and count as not acknowledged; the burst goes on at the other. Afterwards every report
// answered 201 is in the database and its receipt opens on the survivor, and every routing mail of
// every stored report reaches the mail server: the survivor takes the killed server's queued mails,
// and those it had claimed once their claim's hold (MAIL_CLAIM_MS) runs out. No mail
// arrives twice with a new Message-ID; one may arrive twice with the same Message-ID only if the kill
// fell between the mail server's 250 and the outbox row's removal (at most one per SMTP connection).

import path from 'node:path';
import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgres, type Db } from '../../db/database.js';
import { SMTP_POOL_CONNECTIONS } from '../../server/notifications/mail-transport.js';
import { keyedHasher, normalizeReceiptCode, RECEIPT_SECRET } from '../../server/receipts/receipt-code.js';
import { readSecretFile } from '../../server/secret-file.js';
import { startChildServer, type ChildServer } from '../helpers/child-server.js';
import { unopenedReceipts } from '../helpers/followup.js';
import { testDatabaseFor } from '../helpers/postgres.js';
import { startSmtpServer, type ReceivedMail } from '../helpers/smtp.js';
import { makeDataDir } from '../helpers/test-app.js';

/** Requests under way at once, each lane sending to the two servers in turn. */
const CONCURRENCY = 4;
/** Reports a 'self' report is routed to (two-servers.test.ts counts the same). */
const MAILS_PER_REPORT = 2;
const ACKNOWLEDGED_BEFORE_KILL = 20;
const ACKNOWLEDGED_AFTER_KILL = 20;
const CASE_LINK = /\/staff\/reports\/(\d+)\b/;

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface Answer {
  server: number;
  /** undefined: the connection failed (the killed server), so nothing was acknowledged. */
  status?: number;
  receipt?: string;
}

async function report(server: ChildServer, index: number, text: string): Promise<Answer> {
  try {
    const response = await fetch(`${server.url}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'self', description: text }),
    });
    const body = (await response.json()) as { receipt?: string };
    return { server: index, status: response.status, receipt: body.receipt };
  } catch {
    return { server: index };
  }
}

async function outboxRows(db: Db): Promise<number> {
  const row = await db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('rows')).executeTakeFirstOrThrow();
  return Number(row.rows);
}

describe('one of two app servers killed with kill -9 mid-burst', () => {
  it('loses no acknowledged report and no mail, and repeats a mail only with its own Message-ID', { timeout: 180_000 }, async () => {
    const dataDir = await makeDataDir();
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const smtp = await startSmtpServer(0);
    cleanups.push(() => smtp.close());
    const env = {
      SMTP_URL: smtp.url,
      PUBLIC_URL: 'https://klikvrij.example.nl',
      RATE_LIMIT_REPORTS: '100000',
      // Each receipt is opened from an address of its own below (X-Forwarded-For), past the follow-up limit per address.
      TRUST_PROXY: '127.0.0.1',
    };
    // One data folder (the key files), so one database; the first start creates the keys.
    const servers = [await startChildServer({ dataDir, env })];
    servers.push(await startChildServer({ dataDir, env }));
    for (const server of servers) cleanups.push(() => server.stop());
    const [victim, survivor] = servers as [ChildServer, ChildServer];
    const db = await openPostgres(await testDatabaseFor(dataDir));
    cleanups.push(() => db.destroy());

    const answers: Answer[] = [];
    let sent = 0;
    let burst = true;
    const senders = Array.from({ length: CONCURRENCY }, async () => {
      while (burst) {
        const n = sent++;
        answers.push(await report(servers[n % 2]!, n % 2, `Melding ${n}: ze duwen me steeds in de gang.`));
      }
    });
    const acknowledged = () => answers.filter((answer) => answer.status === 201);

    // Kill the first server while reports and their mails are under way on both.
    await waitUntil(() => acknowledged().filter((answer) => answer.server === 0).length >= ACKNOWLEDGED_BEFORE_KILL, 60_000, 'reports on both servers');
    process.kill(victim.pid, 'SIGKILL');
    expect((await victim.exited).signal).toBe('SIGKILL');
    // The mails the killed server may have handed over without removing their rows: claimed, still queued.
    const claimedAtKill = new Set(
      (await db.selectFrom('outbox').select('message_id').where('attempts', '>', 0).execute()).map((row) => row.message_id),
    );
    const afterKill = acknowledged().length;
    await waitUntil(() => acknowledged().length >= afterKill + ACKNOWLEDGED_AFTER_KILL, 60_000, 'reports on the survivor');
    burst = false;
    await Promise.all(senders);

    // Only a 201 or a failed connection: nothing else answered.
    expect(answers.filter((answer) => answer.status !== undefined && answer.status !== 201)).toEqual([]);
    const refused = answers.filter((answer) => answer.status === undefined);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((answer) => answer.server === 0)).toBe(true);

    // Every acknowledged report is stored and its receipt opens on the survivor.
    const receipts = acknowledged().map((answer) => answer.receipt!);
    expect(new Set(receipts).size).toBe(receipts.length);
    const keyedHash = keyedHasher(readSecretFile(path.join(dataDir, RECEIPT_SECRET.name))!);
    const reportIdOf = new Map<string, number>();
    for (const row of await db.selectFrom('report').select(['id', 'receipt_hash']).execute()) reportIdOf.set(row.receipt_hash, row.id);
    const missing = receipts.filter((receipt) => !reportIdOf.has(keyedHash(normalizeReceiptCode(receipt)!)));
    expect(missing).toEqual([]);
    const acknowledgedIds = receipts.map((receipt) => reportIdOf.get(keyedHash(normalizeReceiptCode(receipt)!))!);
    expect(await unopenedReceipts(survivor.url, receipts)).toEqual([]);

    // The survivor empties the outbox: the killed server's unsent mails, claimed or not, are sent.
    await waitUntil(async () => (await outboxRows(db)) === 0, 90_000, 'the survivor to empty the outbox');
    await survivor.stop();
    expect(await db.selectFrom('outbox').select('id').execute()).toEqual([]);

    // Every stored report (the acknowledged ones, and any the kill cut off after its COMMIT) has its
    // routing mails, each under one Message-ID of its own.
    const copies = new Map<string, ReceivedMail[]>();
    for (const mail of smtp.received) copies.set(mail.messageId, [...(copies.get(mail.messageId) ?? []), mail]);
    const messageIdsByReport = new Map<number, Set<string>>();
    for (const [messageId, [mail]] of copies) {
      const id = Number(CASE_LINK.exec(mail!.text)?.[1]);
      expect(Number.isInteger(id), mail!.subject).toBe(true);
      messageIdsByReport.set(id, (messageIdsByReport.get(id) ?? new Set()).add(messageId));
    }
    const storedIds = [...reportIdOf.values()];
    expect(storedIds.length).toBeGreaterThanOrEqual(receipts.length);
    const wrongCount = storedIds.filter((id) => messageIdsByReport.get(id)?.size !== MAILS_PER_REPORT);
    expect(wrongCount).toEqual([]);
    expect([...messageIdsByReport.keys()].sort((a, b) => a - b)).toEqual(storedIds.sort((a, b) => a - b));
    expect(acknowledgedIds.every((id) => messageIdsByReport.get(id)?.size === MAILS_PER_REPORT)).toBe(true);

    // A mail arrives twice only as the same mail with the same Message-ID (a receiver drops the
    // copy), only if its row was claimed and still queued when the server died (handed over, not
    // yet removed), and at most one per SMTP connection the killed server had.
    const repeated = [...copies.values()].filter((list) => list.length > 1);
    const bare = (id: string) => id.replace(/^<|>$/g, '');
    const claimedBare = new Set([...claimedAtKill].map(bare));
    for (const list of repeated) {
      expect(list).toHaveLength(2);
      expect(claimedBare.has(bare(list[0]!.messageId)), list[0]!.messageId).toBe(true);
      expect(new Set(list.map((mail) => `${mail.to.join(',')}|${mail.subject}|${mail.text}`)).size).toBe(1);
    }
    expect(repeated.length).toBeLessThanOrEqual(SMTP_POOL_CONNECTIONS);
    expect(survivor.output()).not.toMatch(/uncaught|unhandled/i);
  });
});
