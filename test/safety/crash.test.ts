// Crash safety: a report that got a 201 survives kill -9 of the server, with its screenshots and its
// notification mails, and the database stays consistent. The real server runs as a child process.

import { randomInt } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { simpleParser } from 'mailparser';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/database.js';
import { DATABASE_FILE, MAIL_FOLDER } from '../../server/context.js';
import { keyedHasher, normalizeReceiptCode, RECEIPT_SECRET } from '../../server/receipts/receipt-code.js';
import { readSecretFile } from '../../server/secret-file.js';
import { startChildServer, type ChildServer } from '../helpers/child-server.js';
import { jpegWithGps, pngImage } from '../helpers/images.js';
import { multipartBody } from '../helpers/multipart.js';
import { makeDataDir } from '../helpers/test-app.js';
import { httpRequest } from './support.js';

const ROUNDS = 5;
const REPORTS_PER_ROUND = 200;
const CONCURRENCY = 6;
/** Under the rate limit of 30 per address: the stream spreads over loopback source addresses. */
const REPORTS_PER_ADDRESS = 25;
const PUBLIC_URL = 'http://klikvrij.test';

interface Acknowledged {
  receipt: string;
  screenshots: number;
  mails: number;
  round: number;
}

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

describe('crash safety (kill -9 while reports stream in)', () => {
  it('keeps the pragmas a report store needs on the server connection', async () => {
    const dir = await makeDataDir();
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const { db, sqlite } = openDatabase(path.join(dir, DATABASE_FILE));
    try {
      expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(sqlite.pragma('synchronous', { simple: true })).toBe(2);
      expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(sqlite.pragma('secure_delete', { simple: true })).toBe(1);
    } finally {
      await db.destroy();
    }
  });

  it(`loses no acknowledged report over ${ROUNDS} crashes`, { timeout: 180_000 }, async () => {
    const dataDir = await makeDataDir();
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const png = await pngImage(40, 30);
    const jpeg = await jpegWithGps('Crash Test');
    const acknowledged: Acknowledged[] = [];
    const parsedMail = new Map<string, number | null>();

    let server = await startChildServer({ dataDir, env: { PUBLIC_URL } });
    cleanups.push(() => server.crash());

    for (let round = 1; round <= ROUNDS; round++) {
      const stream = await streamAndCrash(server, round, { png, jpeg });
      acknowledged.push(...stream.acknowledged);
      const crashed = await server.exited;
      expect(crashed.signal).toBe('SIGKILL');

      // Restart on the same data folder: SQLite recovers the WAL on open.
      server = await startChildServer({ dataDir, env: { PUBLIC_URL } });
      const check = await verify(dataDir, acknowledged, parsedMail);
      console.log(
        `crash round ${round}: killed after ${stream.killedAfterStarted} started requests ` +
          `(${stream.started} started, ${stream.acknowledged.length} acknowledged with 201, ` +
          `${stream.failed} cut off by the kill, ${stream.refused} refused); after restart ` +
          `${check.found}/${acknowledged.length} acknowledged reports found with all screenshots and mails, ` +
          `${check.reportsInDb} reports in the database (${check.reportsInDb - acknowledged.length} committed but unacknowledged), ` +
          `${check.pendingMails} mails pending, ${check.deliveredMails} delivered; integrity ${check.integrity}`,
      );
      expect(stream.acknowledged.length).toBeGreaterThan(0);
      expect(stream.refused).toBe(0);
      expect(check.integrity).toBe('ok');
      expect(check.foreignKeyProblems).toEqual([]);
      expect(check.missing).toEqual([]);
      expect(check.found).toBe(acknowledged.length);
    }
    await server.stop();
  });
});

async function streamAndCrash(
  server: ChildServer,
  round: number,
  images: { png: Buffer; jpeg: Buffer },
): Promise<{ acknowledged: Acknowledged[]; started: number; failed: number; refused: number; killedAfterStarted: number }> {
  const killAfter = randomInt(10, REPORTS_PER_ROUND - 10);
  const agents = new Map<string, http.Agent>();
  const agentFor = (index: number) => {
    const address = `127.0.0.${10 + Math.floor(index / REPORTS_PER_ADDRESS)}`;
    let agent = agents.get(address);
    if (!agent) {
      agent = new http.Agent({ keepAlive: true, localAddress: address } as http.AgentOptions);
      agents.set(address, agent);
    }
    return agent;
  };

  const acknowledged: Acknowledged[] = [];
  let next = 0;
  let failed = 0;
  let refused = 0;
  let killed = false;

  const sendOne = async (index: number) => {
    const shots = index % 3 === 0 ? [images.png] : index % 7 === 0 ? [images.jpeg, images.png] : [];
    const toVertrouwenspersoonOnly = index % 5 === 0;
    const fields: Array<[string, string]> = [
      ['role', index % 2 === 0 ? 'self' : 'bystander'],
      ['description', `Melding ${round}-${index}: ze lachen me uit in de pauze.`],
      ['kinds', 'verbal'],
      ['recipients', toVertrouwenspersoonOnly ? 'vertrouwenspersoon' : 'default'],
    ];
    const request =
      shots.length > 0
        ? multipartBody(
            fields,
            shots.map((data, i) => ({
              field: 'screenshots',
              filename: `shot-${i}.${data === images.png ? 'png' : 'jpg'}`,
              contentType: data === images.png ? 'image/png' : 'image/jpeg',
              data,
            })),
          )
        : {
            payload: Buffer.from(JSON.stringify({ ...Object.fromEntries(fields), kinds: ['verbal'] })),
            headers: { 'content-type': 'application/json' },
          };
    try {
      const response = await httpRequest(`${server.url}/api/reports`, {
        method: 'POST',
        headers: request.headers,
        body: request.payload,
        agent: agentFor(index),
        timeoutMs: 20_000,
      });
      if (response.status === 201) {
        const { receipt } = JSON.parse(response.body) as { receipt: string };
        acknowledged.push({ receipt, screenshots: shots.length, mails: toVertrouwenspersoonOnly ? 1 : 2, round });
      } else {
        refused += 1;
        console.log(`unexpected ${response.status}: ${response.body}`);
      }
    } catch {
      failed += 1;
    }
  };

  let killScheduled = false;
  let killedAfterStarted = 0;
  const worker = async () => {
    while (!killed && next < REPORTS_PER_ROUND) {
      const index = next++;
      // Not before the first answer: a round must have acknowledged reports to lose.
      if (!killScheduled && index >= killAfter && acknowledged.length > 0) {
        killScheduled = true;
        killedAfterStarted = index + 1;
        // A random moment shortly after this request left: mid-parse, mid-transaction or mid-answer.
        setTimeout(() => {
          if (killed) return;
          killed = true;
          process.kill(server.pid, 'SIGKILL');
        }, randomInt(0, 15));
      }
      await sendOne(index);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  if (!killed) {
    // The stream ended before the timer fired: still crash, as the round promises.
    killed = true;
    killedAfterStarted ||= next;
    process.kill(server.pid, 'SIGKILL');
  }
  for (const agent of agents.values()) agent.destroy();
  return { acknowledged, started: next, failed, refused, killedAfterStarted };
}

const CASE_LINK = /\/staff\/reports\/(\d+)\b/;

async function verify(dataDir: string, acknowledged: readonly Acknowledged[], parsedMail: Map<string, number | null>) {
  const keyedHash = keyedHasher(readSecretFile(path.join(dataDir, RECEIPT_SECRET.name))!);
  const sqlite = new SQLite(path.join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    const integrity = sqlite.pragma('integrity_check', { simple: true }) as string;
    const foreignKeyProblems = sqlite.pragma('foreign_key_check') as unknown[];

    // Outbox first, then the mail folder: a mail leaves the outbox only after its file exists, so
    // every mail is in at least one of the two snapshots.
    const pendingByReport = new Map<number, Set<number>>();
    for (const row of sqlite.prepare('SELECT id, text_body FROM outbox').all() as Array<{ id: number; text_body: string }>) {
      const reportId = Number(CASE_LINK.exec(row.text_body)?.[1]);
      if (!pendingByReport.has(reportId)) pendingByReport.set(reportId, new Set());
      pendingByReport.get(reportId)!.add(row.id);
    }
    const mailFolder = path.join(dataDir, MAIL_FOLDER);
    const files = (await readdir(mailFolder).catch(() => [] as string[])).filter((name) => name.endsWith('.eml'));
    for (const name of files) {
      if (parsedMail.has(name)) continue;
      const mail = await simpleParser(await readFile(path.join(mailFolder, name)));
      const match = CASE_LINK.exec(mail.text ?? '');
      parsedMail.set(name, match ? Number(match[1]) : null);
    }
    const deliveredByReport = new Map<number, Set<number>>();
    for (const [name, reportId] of parsedMail) {
      if (reportId === null) continue;
      if (!deliveredByReport.has(reportId)) deliveredByReport.set(reportId, new Set());
      deliveredByReport.get(reportId)!.add(Number.parseInt(name, 10));
    }

    const findReport = sqlite.prepare('SELECT id FROM report WHERE receipt_hash = ?');
    const countShots = sqlite.prepare('SELECT count(*) AS n FROM screenshot WHERE report_id = ? AND message_id IS NULL');
    const missing: string[] = [];
    let found = 0;
    for (const report of acknowledged) {
      const row = findReport.get(keyedHash(normalizeReceiptCode(report.receipt)!)) as { id: number } | undefined;
      if (!row) {
        missing.push(`${report.receipt} (round ${report.round}): report missing`);
        continue;
      }
      const shots = (countShots.get(row.id) as { n: number }).n;
      const mails = new Set([...(pendingByReport.get(row.id) ?? []), ...(deliveredByReport.get(row.id) ?? [])]);
      if (shots !== report.screenshots) missing.push(`report ${row.id}: ${shots}/${report.screenshots} screenshots`);
      else if (mails.size !== report.mails) missing.push(`report ${row.id}: ${mails.size}/${report.mails} mails`);
      else found += 1;
    }
    const reportsInDb = (sqlite.prepare('SELECT count(*) AS n FROM report').get() as { n: number }).n;
    const pendingMails = [...pendingByReport.values()].reduce((sum, ids) => sum + ids.size, 0);
    return { integrity, foreignKeyProblems, missing, found, reportsInDb, pendingMails, deliveredMails: files.length };
  } finally {
    sqlite.close();
  }
}
