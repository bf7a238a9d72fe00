// Anonymity: behind a trusted proxy, a reporter's address (X-Forwarded-For) and browser
// (User-Agent) reach the server, are used by the rate limiter, and are written nowhere: not in the
// database, its WAL, the mail files, any other file in the data folder, or the log. An anonymous
// report keeps the day it arrived, and no row linked to it keeps a more exact time.

import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE, MAIL_FOLDER } from '../../server/context.js';
import { REPORT_RATE_LIMIT } from '../../server/shared/limits.js';
import { normalizeReceiptCode } from '../../server/receipts/receipt-code.js';
import { jpegWithGps } from '../helpers/images.js';
import { multipartBody } from '../helpers/multipart.js';
import { sqliteOf, startTestApp, type TestApp } from '../helpers/test-app.js';
import { expectErrorShape, filesUnder, scanFiles, scanText } from './support.js';

const MARKER_IP = '203.0.113.77';
const OTHER_IP = '198.51.100.23';
const MARKER_AGENT = 'KlikvrijMarkerAgent/7.3 (anonymity-probe-5d1c)';
const PROXY = '127.0.0.1';

let t: TestApp;
/** Moved forward by the test to the hour when held answer mails leave; the real time until then. */
let clock: Date | undefined;
const responses: Array<{ what: string; response: LightMyRequestResponse }> = [];

beforeAll(async () => {
  t = await startTestApp({ env: { TRUST_PROXY: PROXY, PUBLIC_URL: 'https://klikvrij.example.nl' }, now: () => clock ?? new Date() });
});
afterAll(async () => {
  await t?.close();
});

/** A request as the reverse proxy passes it on: from the proxy's address, naming the reporter's. */
async function viaProxy(what: string, options: { url: string; payload: object | Buffer; headers?: Record<string, string> }, clientIp = MARKER_IP) {
  const response = await t.app.inject({
    method: 'POST',
    url: options.url,
    remoteAddress: PROXY,
    payload: options.payload as never,
    headers: { 'x-forwarded-for': clientIp, 'user-agent': MARKER_AGENT, ...options.headers },
  });
  responses.push({ what, response });
  return response;
}

function reportIdOf(receipt: string): number {
  const row = sqliteOf(t)
    .prepare('SELECT id FROM report WHERE receipt_hash = ?')
    .get(t.context.keyedHash(normalizeReceiptCode(receipt)!)) as { id: number } | undefined;
  expect(row).toBeDefined();
  return row!.id;
}

/** Every row that belongs to a report: the report, its messages and screenshots, and its mails. */
function rowsOf(reportId: number): Array<{ table: string; row: Record<string, unknown> }> {
  const select = (table: string, where: string, ...args: unknown[]) =>
    (sqliteOf(t).prepare(`SELECT * FROM ${table} WHERE ${where}`).all(...args) as Array<Record<string, unknown>>).map((row) => ({ table, row }));
  return [
    ...select('report', 'id = ?', reportId),
    ...select('message', 'report_id = ?', reportId),
    ...select('screenshot', 'report_id = ?', reportId).map(({ table, row }) => ({ table, row: { ...row, data: '(image)' } })),
    // Mails are tied to their report by the link to its case, at the end of a line.
    ...select('outbox', "text_body LIKE '%/staff/reports/' || ? || char(10) || '%'", String(reportId)),
  ];
}

/** Any time more exact than the hour: a minute or second that is not zero. */
const EXACT_TIME = /T\d{2}:(?!00:00(?:\.0+)?(?:Z|[+-]\d{2}:?\d{2})?$)\d{2}:\d{2}/;

describe('anonymous reports behind a trusted proxy', () => {
  it('keeps the address and browser out of every file and the log, and no exact time', { timeout: 60_000 }, async () => {
    const json = await viaProxy('JSON report', {
      url: '/api/reports',
      payload: { role: 'self', description: 'Ze duwen me elke ochtend bij de fietsenstalling.', kinds: ['physical'], name: 'Sanne', email: 'sanne@example.nl' },
    });
    expect(json.statusCode, json.body).toBe(201);

    const { payload, headers } = multipartBody(
      [['role', 'parent'], ['description', 'Mijn zoon krijgt nare berichten in de klassenapp.'], ['kinds[]', 'cyber'], ['platforms', 'whatsapp']],
      [{ field: 'screenshots', filename: 'IMG_0042.jpg', contentType: 'image/jpeg', data: await jpegWithGps('Ouder van Daan') }],
    );
    const multipart = await viaProxy('multipart report', { url: '/api/reports', payload, headers });
    expect(multipart.statusCode, multipart.body).toBe(201);

    const receipt = json.json().receipt as string;
    const lookup = await viaProxy('follow-up look-up', { url: '/api/followup', payload: { receipt } });
    expect(lookup.statusCode, lookup.body).toBe(200);
    const answer = await viaProxy('follow-up answer', { url: '/api/followup/messages', payload: { receipt, text: 'Het was in groep 6, bij de gymzaal.' } });
    expect(answer.statusCode, answer.body).toBe(201);
    const answerWithShot = multipartBody([['receipt', receipt], ['text', 'Hier is nog een plaatje.']], [
      { field: 'screenshots', filename: 'screenshot.jpg', contentType: 'image/jpeg', data: await jpegWithGps('Ouder van Daan') },
    ]);
    const answer2 = await viaProxy('follow-up answer with screenshot', { url: '/api/followup/messages', ...answerWithShot });
    expect(answer2.statusCode, answer2.body).toBe(201);

    // Stored: the day only, for the report and everything tied to it, also while mail waits.
    const reportIds = [reportIdOf(receipt), reportIdOf(multipart.json().receipt)];
    const exactBeforeSending = reportIds.flatMap(rowsOf).filter(({ row }) => Object.values(row).some((value) => typeof value === 'string' && EXACT_TIME.test(value)));
    const pendingMails = reportIds.flatMap(rowsOf).filter(({ table }) => table === 'outbox');
    for (const id of reportIds) {
      const report = rowsOf(id).find(({ table }) => table === 'report')!.row;
      expect(report.received_at).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(report).toMatchObject({ anonymous: 1, reporter_name: null, reporter_email: null, reporter_group: null });
    }
    const messages = rowsOf(reportIds[0]!).filter(({ table }) => table === 'message');
    expect(messages).toHaveLength(2);
    for (const { row } of messages) expect(row.created_at).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // The mails go out (as .eml files: no mail server configured), and their rows leave the outbox:
    // the new-report mails at once, the mails about the answers at the next full hour.
    const sentAtOnce = await t.context.mailWorker.sendDue();
    clock = new Date((Math.floor(Date.now() / 3_600_000) + 1) * 3_600_000);
    const sent = sentAtOnce + (await t.context.mailWorker.sendDue());
    clock = undefined;
    const afterSending = reportIds.flatMap(rowsOf);
    const exactAfterSending = afterSending.filter(({ row }) => Object.values(row).some((value) => typeof value === 'string' && EXACT_TIME.test(value)));
    console.log(
      `anonymity: ${pendingMails.length} mails queued for the 2 anonymous reports with times ` +
        `${[...new Set(pendingMails.map(({ row }) => `${String(row.created_at)}/${String(row.next_attempt_at)}`))].join(', ')}; ` +
        `${sent} sent; rows with an exact time: ${exactBeforeSending.length} while queued, ${exactAfterSending.length} after sending; ` +
        `outbox rows left for these reports: ${afterSending.filter(({ table }) => table === 'outbox').length}`,
    );
    expect(pendingMails).toHaveLength(8);
    expect(exactBeforeSending.map(({ table, row }) => `${table} ${JSON.stringify(row).slice(0, 300)}`)).toEqual([]);
    expect(sentAtOnce).toBe(4);
    expect(sent).toBe(8);
    expect(exactAfterSending.map(({ table, row }) => `${table} ${JSON.stringify(row).slice(0, 300)}`)).toEqual([]);

    // The markers really reached the server: the limiter counts per forwarded address.
    let fromMarker = 2;
    while (fromMarker < REPORT_RATE_LIMIT) {
      const more = await viaProxy('filler report', { url: '/api/reports', payload: { role: 'bystander', description: 'Nog een melding van hetzelfde adres.' } });
      expect(more.statusCode).toBe(201);
      fromMarker += 1;
    }
    const limited = await viaProxy('report over the limit', { url: '/api/reports', payload: { role: 'self', description: 'Een te veel.' } });
    expectErrorShape(limited.statusCode, limited.body, 'rate_limited');
    expect(limited.statusCode).toBe(429);
    const other = await viaProxy('report from another address', { url: '/api/reports', payload: { role: 'self', description: 'Een ander adres.' } }, OTHER_IP);
    expect(other.statusCode).toBe(201);
    await t.context.mailWorker.sendDue();

    // Every reporter answer: no cookie, never cached.
    for (const { what, response } of responses) {
      expect(response.headers['set-cookie'], what).toBeUndefined();
      expect(response.headers['cache-control'], what).toBe('no-store');
    }

    // Byte by byte, everything the server wrote.
    const files = await filesUnder(t.dataDir);
    const mailFiles = files.filter((file) => file.startsWith(path.join(t.dataDir, MAIL_FOLDER)));
    expect(files).toContain(path.join(t.dataDir, DATABASE_FILE));
    expect(mailFiles.length).toBeGreaterThanOrEqual(8);
    const markers = [MARKER_IP, MARKER_AGENT, 'KlikvrijMarkerAgent', OTHER_IP];
    // A logged route with the same proxy headers: its access line must not carry them either.
    await t.app.inject({ method: 'GET', url: '/healthz', remoteAddress: PROXY, headers: { 'x-forwarded-for': MARKER_IP, 'user-agent': MARKER_AGENT } });
    const log = t.logOutput();
    // Reporter routes write no access line at all (its time would pin a report).
    expect(log).toContain('/healthz');
    expect(log).not.toContain('/api/reports');
    expect(log).not.toContain('/api/followup');
    const hits = [...(await scanFiles(files, markers)), ...scanText('log', log, markers)];
    const bytes = files.length;
    console.log(
      `anonymity: ${responses.length} requests via the proxy (the limiter answered 429 after ${fromMarker} from the marker address, ` +
        `then served another); scanned ${bytes} files (${mailFiles.length} mails) and ${log.length} characters of log ` +
        `for ${markers.length} markers: ${hits.length} hits`,
    );
    expect(hits).toEqual([]);
  });
});
