// Bad input: property tests throw random and malformed bodies at every public route of one app.
// Whatever arrives, the answer is never a 500, a refusal is always in the documented error shape,
// and a refused request leaves the database exactly as it was.

import net from 'node:net';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EARLIEST_STAFF_DAY,
  LATEST_STAFF_DAY,
  MAX_DESCRIPTION_LENGTH,
  MAX_MULTIPART_FIELD_BYTES,
  MAX_MULTIPART_FIELD_NAME_BYTES,
  MAX_MULTIPART_FIELDS,
  MAX_MULTIPART_HEADER_BYTES,
  MAX_MULTIPART_HEADER_PAIRS,
  MAX_MULTIPART_PARTS,
  MAX_SCREENSHOT_BYTES,
  MAX_SCREENSHOTS,
} from '../../server/shared/limits.js';
import { multipartBoundary, PartHeaderGuard } from '../../server/http/part-header-guard.js';
import { MULTIPART_LIMITS } from '../../server/plugins/multipart.js';
import { findReportByReceiptHash } from '../../db/queries/reports.js';
import { normalizeReceiptCode } from '../../server/receipts/receipt-code.js';
import { pngImage } from '../helpers/images.js';
import { sqliteOf, startTestApp, type TestApp } from '../helpers/test-app.js';
import { asStaff, BERTINE, loginAs, submitReport, type StaffSession } from '../helpers/staff.js';
import { ERROR_CODES, expectErrorShape, hasErrorShape, rowCounts, STAFF_ERROR_CODES, type RowCounts } from './support.js';

let t: TestApp;
let receipt: string;
let png: Buffer;
let counts: RowCounts;
let sent = 0;
const statuses = new Map<number, number>();
let addressCounter = 0;
/** What an API may answer: the HTTP contract for the reporter routes; the staff API adds sessions and roles. */
interface ApiSurface {
  statuses: ReadonlySet<number>;
  codes: readonly string[];
}
const PUBLIC_API: ApiSurface = { statuses: new Set([200, 201, 400, 404, 413, 415, 429]), codes: ERROR_CODES };
const STAFF_API: ApiSurface = { statuses: new Set([...PUBLIC_API.statuses, 202, 401, 403, 409]), codes: STAFF_ERROR_CODES };
/** A request the server never answers is a connection held forever: as bad as a 500. */
const ANSWER_TIMEOUT_MS = 5_000;

beforeAll(async () => {
  t = await startTestApp();
  png = await pngImage(16, 12);
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/reports',
    payload: { role: 'self', description: 'De melding waar de follow-up-fuzz bij hoort.' },
  });
  receipt = response.json().receipt;
  counts = rowCounts(sqliteOf(t));
});

afterAll(async () => {
  const byStatus = [...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}: ${n}`).join(', ');
  console.log(`fuzz: ${sent} requests sent in total (${byStatus}); rows now ${JSON.stringify(rowCounts(sqliteOf(t)))}`);
  await t?.close();
});

/** A fresh source address per request, so the rate limiter never hides a handler from the fuzzer. */
function nextAddress(): string {
  addressCounter += 1;
  return `10.${(addressCounter >> 16) & 255}.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
}

/**
 * Sends one request and checks the three promises: no 5xx, a refusal in the error shape, and no row
 * written by a refused request. Throws (so fast-check shrinks) with what was sent.
 */
async function send(
  options: InjectOptions & { url: string },
  describe: () => string = () => '',
  api: ApiSurface = PUBLIC_API,
): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const response = await Promise.race([
    t.app.inject({ remoteAddress: nextAddress(), ...options }),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ANSWER_TIMEOUT_MS} ms: ${options.method ?? 'GET'} ${options.url}\n${describe().slice(0, 600)}`)), ANSWER_TIMEOUT_MS);
    }),
  ]).finally(() => clearTimeout(timer));
  sent += 1;
  statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
  const what = () => `${options.method ?? 'GET'} ${options.url} -> ${response.statusCode} ${response.body.slice(0, 300)}\n${describe().slice(0, 600)}`;
  if (response.statusCode >= 500) throw new Error(`server error: ${what()}`);
  if (options.method !== 'GET' && !api.statuses.has(response.statusCode)) {
    throw new Error(`status outside the HTTP contract: ${what()}`);
  }
  const after = rowCounts(sqliteOf(t));
  if (response.statusCode >= 400) {
    if (!hasErrorShape(response.body, api.codes)) throw new Error(`not the error shape: ${what()}`);
    if (JSON.stringify(after) !== JSON.stringify(counts)) {
      throw new Error(`refused request changed the database ${JSON.stringify(counts)} -> ${JSON.stringify(after)}: ${what()}`);
    }
  }
  counts = after;
  return response.statusCode;
}

/** fast-check options with a short report: a counterexample can be megabytes of multipart. */
function runs(numRuns: number): fc.Parameters<unknown> {
  return {
    numRuns,
    reporter(details) {
      if (!details.failed) return;
      const example = fc.stringify(details.counterexample).slice(0, 1500);
      throw new Error(
        `property failed after ${details.numRuns} runs (seed ${details.seed}, path ${details.counterexamplePath}):\n` +
          `${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)}\n` +
          `counterexample (cut): ${example}`,
      );
    },
  };
}

// ---- generators ----

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];
const FIELD_NAMES = [
  'role', 'description', 'anonymous', 'name', 'group', 'email', 'school', 'kinds', 'kinds[]', 'places', 'places[]',
  'platforms', 'platforms[]', 'frequency', 'equal', 'sameTarget', 'hurtful', 'target', 'perpetrators', 'recipients',
  'urgent', 'screenshots', 'receipt', 'text',
];
const GOOD_VALUES = [
  'self', 'bystander', 'parent', 'other', 'true', 'false', 'verbal', 'cyber', 'online', 'whatsapp', 'weekly',
  'vertrouwenspersoon', 'default', 'kopakker', '3', '8', '0', '9', 'ouder@example.nl',
];
const NASTY_CHARS = ['\u0000', '\u0007', '\u001b', '\u007f', '\u202e', '\u202d', '\u2066', '\u2069', '\u200f', '\ufeff', '\r', '\n', '\t', '"', '\\', '%', '😀', '👩‍👧', 'é', '\ud800'];

const nastyString = fc.string({ unit: fc.constantFrom(...NASTY_CHARS), maxLength: 40 });
const edgeLengths = fc
  .tuple(
    fc.constantFrom(199, 200, 201, 1999, 2000, 2001, 4999, 5000, 5001, 20_000, 20_001),
    fc.constantFrom('a', 'é', '😀', '\u202e', '\u0000'),
  )
  .map(([length, char]) => char.repeat(length));
const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 3, arbitrary: nastyString },
  { weight: 3, arbitrary: fc.constantFrom(...GOOD_VALUES, ...PROTOTYPE_KEYS) },
  { weight: 1, arbitrary: edgeLengths },
);
const fieldName = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...FIELD_NAMES) },
  { weight: 2, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: nastyString },
);
const jsonFieldValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.array(hostileString, { maxLength: 12 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom(...PROTOTYPE_KEYS, 'a'), fc.jsonValue({ maxDepth: 2 })) },
);
const jsonObject = fc.dictionary(fieldName, jsonFieldValue, { maxKeys: 12 });
const nearValidReport = fc
  .tuple(jsonObject, fc.subarray(['role', 'description'] as const))
  .map(([extra, drop]) => {
    const base: Record<string, unknown> = { role: 'self', description: 'Ze pakken mijn spullen af.' };
    for (const key of drop) delete base[key];
    // Object.assign would run the __proto__ setter; defineProperty keeps hostile keys as own keys.
    for (const [key, value] of Object.entries(extra)) {
      Object.defineProperty(base, key, { value, enumerable: true, writable: true, configurable: true });
    }
    return base;
  });
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=',
  'multipart/form-data; boundary=xyz',
  'multipart/mixed; boundary=xyz',
  'image/png',
  'application/octet-stream',
  '',
  '*/*',
  'application/json\u0000',
  'APPLICATION/JSON',
);
const postRoute = fc.constantFrom('/api/reports', '/api/followup', '/api/followup/messages');

// Multipart, byte by byte: each part with its own headers, so boundaries, header counts and
// line endings can all be wrong on purpose.
interface PartSpec {
  name: string;
  filename: string | undefined;
  contentType: string | undefined;
  extraHeaders: string[];
  dispositionLast: boolean;
  body: Buffer;
  lineEnd: string;
}

const partBody = fc.oneof(
  { weight: 6, arbitrary: hostileString.map((text) => Buffer.from(text)) },
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)) },
  { weight: 1, arbitrary: fc.constant(null).map(() => png) },
  { weight: 1, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }).map((cut) => png.subarray(0, Math.floor(png.length * cut))) },
);
const headerLine = fc.oneof(
  fc.constantFrom('Content-Type: text/plain', 'Content-Transfer-Encoding: base64', 'X-Foo: bar', 'Content-Type: image/png'),
  fc.string({ maxLength: 30 }).map((value) => `X-Random: ${value}`),
  fc.nat(20_000).map((size) => `X-Big: ${'h'.repeat(size)}`),
  nastyString,
);
const partSpec: fc.Arbitrary<PartSpec> = fc.record({
  name: fieldName,
  filename: fc.option(fc.oneof(fc.constantFrom('shot.png', '../../etc/passwd', 'a"b.png', ''), fc.string({ maxLength: 20 })), { nil: undefined }),
  contentType: fc.option(fc.constantFrom('image/png', 'application/octet-stream', 'text/plain; charset=utf-8', 'application/json', 'image/svg+xml'), { nil: undefined }),
  extraHeaders: fc.array(headerLine, { maxLength: MAX_MULTIPART_HEADER_PAIRS + 5 }),
  dispositionLast: fc.boolean(),
  body: partBody,
  lineEnd: fc.constantFrom('\r\n', '\r\n', '\r\n', '\n'),
});
const boundaryText = fc.oneof(
  fc.constantFrom('----WebKitFormBoundary7MA4YWxkTrZu0gW', 'x', '--', 'a b', 'b"q'),
  fc.string({ unit: fc.constantFrom(...'abcXYZ0129-_'), minLength: 1, maxLength: 70 }),
);

function serializeMultipart(boundary: string, parts: readonly PartSpec[], closing: boolean): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const nl = part.lineEnd;
    let disposition = `Content-Disposition: form-data; name="${part.name}"`;
    if (part.filename !== undefined) disposition += `; filename="${part.filename}"`;
    const headers = [...part.extraHeaders];
    if (part.contentType) headers.unshift(`Content-Type: ${part.contentType}`);
    if (part.dispositionLast) headers.push(disposition);
    else headers.unshift(disposition);
    chunks.push(Buffer.from(`--${boundary}${nl}${headers.join(nl)}${nl}${nl}`), part.body, Buffer.from(nl));
  }
  if (closing) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

const multipartRequest = fc
  .record({
    boundary: boundaryText,
    declared: fc.oneof(
      { weight: 8, arbitrary: fc.constant('same') },
      { weight: 1, arbitrary: fc.constant('missing') },
      { weight: 1, arbitrary: fc.constant('quoted') },
      { weight: 1, arbitrary: boundaryText },
    ),
    base: fc.boolean(),
    parts: fc.array(partSpec, { maxLength: 12 }),
    closing: fc.boolean(),
    cut: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined, freq: 4 }),
  })
  .map(({ boundary, declared, base, parts, closing, cut }) => {
    const allParts: PartSpec[] = base
      ? [
          { name: 'role', filename: undefined, contentType: undefined, extraHeaders: [], dispositionLast: false, body: Buffer.from('self'), lineEnd: '\r\n' },
          { name: 'description', filename: undefined, contentType: undefined, extraHeaders: [], dispositionLast: false, body: Buffer.from('Ze lachen me uit.'), lineEnd: '\r\n' },
          ...parts,
        ]
      : parts;
    let payload = serializeMultipart(boundary, allParts, closing || cut !== undefined);
    if (cut !== undefined) payload = payload.subarray(0, Math.floor(payload.length * cut));
    const type =
      declared === 'same'
        ? `multipart/form-data; boundary=${boundary}`
        : declared === 'missing'
          ? 'multipart/form-data'
          : declared === 'quoted'
            ? `multipart/form-data; boundary="${boundary}"`
            : `multipart/form-data; boundary=${declared}`;
    return { payload, type, summary: `${type} parts=${allParts.length} bytes=${payload.length} cut=${cut}` };
  });

const receiptish = fc.oneof(
  fc.constant(null).map(() => receipt),
  fc.constant(null).map(() => receipt.replaceAll('-', ' ')),
  fc.constant(null).map(() => receipt.replaceAll('-', '.')),
  fc.constant('0000-0000-0000-0000'),
  fc.constant('١٢٣٤-٥٦٧٨-٩٠١٢-٣٤٥٦'),
  fc.stringMatching(/^\d{4}-\d{4}-\d{4}-\d{4}$/),
  hostileString,
);

describe('every public route survives random and malformed input', () => {
  it('POST /api/reports with random JSON objects', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(nearValidReport, jsonObject), async (body) => {
        const payload = JSON.stringify(body);
        await send({ method: 'POST', url: '/api/reports', payload, headers: { 'content-type': 'application/json' } }, () => payload);
      }),
      runs(4000),
    );
  });

  it('POST routes with raw bodies under random content types', { timeout: 120_000 }, async () => {
    const rawBody = fc.oneof(
      fc.jsonValue().map((value) => JSON.stringify(value) ?? ''),
      fc.jsonValue().map((value) => (JSON.stringify(value) ?? '').slice(0, -1)),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.uint8Array({ maxLength: 500 }).map((bytes) => Buffer.from(bytes)),
      fc.constantFrom('{"__proto__": {"polluted": 1}}', '{"constructor": {"prototype": {"polluted": 1}}}', '{', 'null', '[]', '""', '1e999', '{"role":"self","description":"x"'),
    );
    await fc.assert(
      fc.asyncProperty(postRoute, contentType, rawBody, async (url, type, payload) => {
        await send({ method: 'POST', url, payload, headers: type === '' ? {} : { 'content-type': type } }, () => `${type} ${String(payload)}`);
      }),
      runs(1500),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('POST /api/reports and /api/followup/messages with malformed multipart', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/api/reports', '/api/reports', '/api/followup/messages'), multipartRequest, async (url, request) => {
        const payload = url === '/api/followup/messages'
          ? Buffer.concat([serializeMultipart(request.type.split('boundary=')[1]?.replaceAll('"', '') ?? 'x', [
              { name: 'receipt', filename: undefined, contentType: undefined, extraHeaders: [], dispositionLast: false, body: Buffer.from(receipt), lineEnd: '\r\n' },
            ], false), request.payload])
          : request.payload;
        await send({ method: 'POST', url, payload, headers: { 'content-type': request.type } }, () => request.summary);
      }),
      runs(5000),
    );
  });

  it('POST /api/reports with thousands of parts and huge part headers', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: MAX_MULTIPART_PARTS + 1, max: 4000 }), fc.boolean(), async (count, asFiles) => {
        const boundary = 'klikvrij-fuzz';
        const parts: PartSpec[] = Array.from({ length: count }, (_, i) => ({
          name: asFiles ? 'screenshots' : `x${i}`,
          filename: asFiles ? `s${i}.png` : undefined,
          contentType: asFiles ? 'image/png' : undefined,
          extraHeaders: [],
          dispositionLast: false,
          body: asFiles ? png : Buffer.from('1'),
          lineEnd: '\r\n',
        }));
        const status = await send(
          { method: 'POST', url: '/api/reports', payload: serializeMultipart(boundary, parts, true), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } },
          () => `${count} parts`,
        );
        expect(status).toBe(413);
      }),
      runs(25),
    );
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: MAX_MULTIPART_HEADER_BYTES + 1, max: 200_000 }), async (size) => {
        const boundary = 'klikvrij-fuzz';
        const payload = Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="role"\r\nX-Huge: ${'h'.repeat(size)}\r\n\r\nself\r\n` +
            `--${boundary}\r\nContent-Disposition: form-data; name="description"\r\n\r\nZe lachen me uit.\r\n--${boundary}--\r\n`,
        );
        const status = await send({ method: 'POST', url: '/api/reports', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
        expect(status).toBe(413);
      }),
      runs(25),
    );
  });

  it('POST /api/followup and /api/followup/messages with random JSON', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/api/followup', '/api/followup/messages'),
        fc.record({ receipt: fc.oneof(receiptish, jsonFieldValue), text: fc.oneof(hostileString, jsonFieldValue) }, { requiredKeys: [] }),
        jsonObject,
        async (url, known, extra) => {
          const body = { ...extra };
          for (const [key, value] of Object.entries(known)) {
            Object.defineProperty(body, key, { value, enumerable: true, writable: true, configurable: true });
          }
          const payload = JSON.stringify(body);
          await send({ method: 'POST', url, payload, headers: { 'content-type': 'application/json' } }, () => payload);
        },
      ),
      runs(2000),
    );
  });

  it('GET /healthz and random paths with hostile headers', { timeout: 120_000 }, async () => {
    const segment = fc.oneof(
      fc.constantFrom('..', '.', '%2e%2e', '%2f', '%00', '%E0%A4%A', '%ZZ', '%', 'index.html', 'assets', 'healthz', 'api', 'staff', ';', '~', '%u0041'),
      fc.string({ unit: fc.constantFrom(...'abcABC019-_.~'), maxLength: 30 }),
      fc.string({ maxLength: 10 }).map((text) => encodeURIComponent(text)),
      fc.nat(400).map((length) => 'p'.repeat(length)),
    );
    const path = fc.oneof(
      { weight: 1, arbitrary: fc.constant('/healthz') },
      { weight: 4, arbitrary: fc.array(segment, { maxLength: 6 }).map((segments) => `/${segments.join('/')}`) },
      { weight: 1, arbitrary: fc.webPath().map((value) => (value.startsWith('/') ? value : `/${value}`)) },
    );
    const query = fc.option(fc.string({ maxLength: 30 }).map((text) => `?${encodeURIComponent(text)}&a=%ZZ&b[]=1`), { nil: '' });
    const headerValue = fc.oneof(fc.string({ unit: fc.constantFrom(...'abc ;=/,*"'), maxLength: 40 }), fc.nat(30_000).map((n) => 'v'.repeat(n)));
    await fc.assert(
      fc.asyncProperty(path, query, fc.dictionary(fc.constantFrom('accept', 'accept-encoding', 'range', 'if-none-match', 'x-forwarded-for', 'cookie', 'x-anything'), headerValue), async (p, q, headers) => {
        await send({ method: 'GET', url: `${p}${q}`, headers }, () => JSON.stringify(headers).slice(0, 200));
      }),
      runs(1000),
    );
  });

  it('stores a valid report alike whether it came as JSON or as multipart', { timeout: 120_000 }, async () => {
    const text = (max: number) =>
      fc.string({ unit: fc.oneof(fc.constantFrom('a', 'Z', ' ', '\n', 'é', 'ß', '😀', '\u202e', '\u0007', '\t'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })), minLength: 1, maxLength: max });
    const report = fc.record(
      {
        role: fc.constantFrom('self', 'bystander', 'parent', 'other'),
        description: text(300).filter((value) => /[A-Za-zé]/.test(value)),
        kinds: fc.uniqueArray(fc.constantFrom('physical', 'verbal', 'exclusion', 'belongings', 'cyber', 'threat', 'other'), { maxLength: 7 }),
        places: fc.uniqueArray(fc.constantFrom('playground', 'classroom', 'online'), { maxLength: 3 }),
        frequency: fc.constantFrom('once', 'sometimes', 'weekly', 'daily'),
        hurtful: fc.constantFrom('true', 'false'),
        target: text(50),
        recipients: fc.constantFrom('default', 'vertrouwenspersoon'),
      },
      { requiredKeys: ['role', 'description'] },
    );
    const storedBy = async (code: string) => {
      const row = await findReportByReceiptHash(t.context.db, t.context.keyedHash(normalizeReceiptCode(code)!));
      const { role, description, kinds, places, frequency, hurtful, target, recipients, indication } = row!;
      return { role, description, kinds, places, frequency, hurtful, target, recipients, indication };
    };
    await fc.assert(
      fc.asyncProperty(report, async (fields) => {
        const jsonPayload = JSON.stringify(fields);
        const fromJson = await t.app.inject({ method: 'POST', url: '/api/reports', remoteAddress: nextAddress(), payload: jsonPayload, headers: { 'content-type': 'application/json' } });
        const boundary = 'klikvrij-differential';
        const parts: PartSpec[] = Object.entries(fields).flatMap(([name, value]) =>
          (Array.isArray(value) ? value : [value]).map((item) => ({
            name: Array.isArray(value) ? `${name}[]` : name,
            filename: undefined,
            contentType: undefined,
            extraHeaders: [],
            dispositionLast: false,
            body: Buffer.from(String(item)),
            lineEnd: '\r\n',
          })),
        );
        const fromMultipart = await t.app.inject({
          method: 'POST',
          url: '/api/reports',
          remoteAddress: nextAddress(),
          payload: serializeMultipart(boundary, parts, true),
          headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        });
        sent += 2;
        counts = rowCounts(sqliteOf(t));
        expect(fromMultipart.statusCode, `${fromMultipart.body} for ${jsonPayload}`).toBe(fromJson.statusCode);
        if (fromJson.statusCode === 201) {
          expect(await storedBy(fromMultipart.json().receipt)).toEqual(await storedBy(fromJson.json().receipt));
        } else {
          expect(fromJson.json()).toEqual(fromMultipart.json());
        }
      }),
      runs(150),
    );
  });
});

describe('every staff route survives random and malformed input from a logged-in session', () => {
  let session: StaffSession;
  let reportId: number;
  beforeAll(async () => {
    reportId = (await submitReport(t)).id;
    session = await loginAs(t, BERTINE);
    counts = rowCounts(sqliteOf(t));
  });

  /** The session's cookie and CSRF token, unless the fuzzer chose to drop or spoil them. */
  const credentials = fc.constantFrom('both', 'both', 'both', 'no-csrf', 'wrong-csrf', 'none');
  function headersFor(choice: string, extra: Record<string, string> = {}): Record<string, string> {
    if (choice === 'none') return extra;
    const headers: Record<string, string> = { cookie: session.cookie, ...extra };
    if (choice === 'both') headers['x-csrf-token'] = session.csrf;
    if (choice === 'wrong-csrf') headers['x-csrf-token'] = `${session.csrf.slice(0, -1)}x`;
    return headers;
  }
  const caseId = fc.oneof(
    fc.constant(null).map(() => String(reportId)),
    fc.constantFrom('0', '-1', '1e3', '9007199254740993', '99999999999999999999', '%00', 'abc', '1.5', ' 1', '0x1'),
    fc.nat().map(String),
  );
  const dayish = fc.oneof(
    fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)),
    fc.constantFrom('9999-12-31', '0000-01-01', '275760-09-13', '2025-02-30', '2025-13-01', '1999-12-31', '2100-01-01', '2024-02-29', '', 'gisteren'),
    hostileString,
  );

  it('GET /api/staff/statistics and the inbox with random dates and filters', { timeout: 120_000 }, async () => {
    const filter = fc.dictionary(
      fc.constantFrom('from', 'to', 'status', 'step', 'kind', 'place', 'indication', 'unread', 'before', 'limit', '__proto__'),
      fc.oneof(dayish, hostileString, fc.constantFrom('new', 'none', '3a', 'pesten', 'true', '1-99', '0', '101', '100')),
      { maxKeys: 6 },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/api/staff/statistics', '/api/staff/reports', '/api/staff/audit'), filter, async (url, query) => {
        const search = new URLSearchParams(Object.entries(query)).toString();
        await send({ method: 'GET', url: `${url}?${search}`, headers: headersFor('both') }, () => search, STAFF_API);
      }),
      runs(1500),
    );
  });

  it('every staff change with random JSON, ids and credentials', { timeout: 120_000 }, async () => {
    const change = fc.constantFrom(
      ['POST', 'indication'], ['POST', 'steps'], ['POST', 'close'], ['POST', 'reopen'], ['PUT', 'checklist'],
      ['POST', 'notes'], ['POST', 'messages'], ['PUT', 'reporter-status'], ['PUT', 'assignee'], ['POST', 'links'], ['POST', 'unlink'],
      ['POST', 'meldcode'], ['POST', 'meldcode/entries'],
    ) as fc.Arbitrary<['POST' | 'PUT', string]>;
    const staffFields = fc.dictionary(
      fc.oneof(
        fc.constantFrom('indication', 'note', 'step', 'referral', 'outcome', 'text', 'status', 'assignee', 'list', 'item', 'ticked', 'email', 'school', 'reportId'),
        fieldName,
      ),
      fc.oneof(jsonFieldValue, fc.constantFrom('pesten', 'plagen', '1', '3a', '5', 'ggd', 'resolved', 'received', 'in_progress', BERTINE)),
      { maxKeys: 6 },
    );
    await fc.assert(
      fc.asyncProperty(change, caseId, staffFields, credentials, async ([method, action], id, body, creds) => {
        const payload = JSON.stringify(body);
        const url = `/api/staff/reports/${id}/${action}`;
        await send({ method, url, payload, headers: headersFor(creds, { 'content-type': 'application/json' }) }, () => payload, STAFF_API);
      }),
      runs(2500),
    );
  });

  it('GET case pages and screenshots, sign-in and second-factor routes with random input', { timeout: 120_000 }, async () => {
    const route = fc.oneof(
      caseId.map((id) => ({ method: 'GET' as const, url: `/api/staff/reports/${id}` })),
      fc.tuple(caseId, caseId).map(([id, shot]) => ({ method: 'GET' as const, url: `/api/staff/reports/${id}/screenshots/${shot}` })),
      fc.constantFrom('/api/staff/login', '/api/staff/sessions', '/api/staff/school', '/api/staff/second-factor/verify', '/api/staff/second-factor/setup', '/api/staff/second-factor/enable', '/api/staff/second-factor/disable')
        .map((url) => ({ method: 'POST' as const, url })),
    );
    const body = fc.dictionary(
      fc.oneof(fc.constantFrom('email', 'token', 'school', 'code'), fieldName),
      fc.oneof(jsonFieldValue, fc.constantFrom('kopakker', 'de-linde', '123456', '000000', BERTINE, 'x'.repeat(101))),
      { maxKeys: 4 },
    );
    await fc.assert(
      fc.asyncProperty(route, body, credentials, async ({ method, url }, fields, creds) => {
        const payload = JSON.stringify(fields);
        const headers = headersFor(creds, method === 'POST' ? { 'content-type': 'application/json' } : {});
        await send({ method, url, headers, ...(method === 'POST' ? { payload } : {}) }, () => payload, STAFF_API);
      }),
      runs(1500),
    );
    // The session the fuzzer used is still the one it logged in with: nothing above broke it, but for
    // the one refusal that must end it: STAFF_TOTP_MAX_FAILURES wrong codes for turning TOTP on or off
    // (a random '123456' after a random setup). Then the lockout is in the log and the next test signs in anew.
    const me = await asStaff(t, session, 'GET', '/api/staff/me');
    if (me.statusCode === 401) {
      const lockouts = await t.context.db.selectFrom('audit_log').select('action').where('action', '=', 'totp.lockout').execute();
      expect(lockouts.length, me.body).toBeGreaterThan(0);
      session = await loginAs(t, BERTINE);
    } else {
      expect(me.statusCode).toBe(200);
    }
  });

  it('answers statistics at the edges of the accepted dates, and 400 just past them', async () => {
    const statistics = (query: string) => asStaff(t, session, 'GET', `/api/staff/statistics?${query}`);
    for (const query of [`from=${EARLIEST_STAFF_DAY}`, `to=${EARLIEST_STAFF_DAY}`, `from=${LATEST_STAFF_DAY}`, `to=${LATEST_STAFF_DAY}`]) {
      expect((await statistics(query)).statusCode, query).toBe(200);
    }
    for (const query of ['from=9999-12-31', 'to=0001-01-01', 'from=1999-12-31', 'to=2100-01-01']) {
      const response = await statistics(query);
      expect(response.statusCode, query).toBe(400);
      expectErrorShape(response.statusCode, response.body, 'invalid_input');
    }
  });
});

describe('every multipart limit is set and holds at its edge', () => {
  const boundary = 'klikvrij-edge';
  const type = `multipart/form-data; boundary=${boundary}`;
  const field = (name: string, value: string, headers: string[] = []) =>
    Buffer.from(`--${boundary}\r\n${[`Content-Disposition: form-data; name="${name}"`, ...headers].join('\r\n')}\r\n\r\n${value}\r\n`);
  const file = (data: Buffer, name = 'screenshots') =>
    Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="s.png"\r\nContent-Type: image/png\r\n\r\n`), data, Buffer.from('\r\n')]);
  const close = Buffer.from(`--${boundary}--\r\n`);
  const base = [field('role', 'self'), field('description', 'Ze lachen me uit in de gang.')];
  const unknownFields = (count: number) => Array.from({ length: count }, (_, i) => field(`extra${i}`, '1'));
  const post = (parts: Buffer[]) =>
    t.app.inject({ method: 'POST', url: '/api/reports', remoteAddress: nextAddress(), payload: Buffer.concat([...parts, close]), headers: { 'content-type': type } });

  async function expectAccepted(parts: Buffer[]) {
    const response = await post(parts);
    sent += 1;
    expect(response.statusCode, response.body).toBe(201);
    counts = rowCounts(sqliteOf(t));
  }
  async function expectRefused(parts: Buffer[], status: number, code: string, field?: string) {
    const before = rowCounts(sqliteOf(t));
    const response = await post(parts);
    sent += 1;
    expectErrorShape(response.statusCode, response.body, code);
    expect(response.statusCode).toBe(status);
    if (field) expect(Object.keys(response.json().error.fields)).toContain(field);
    expect(rowCounts(sqliteOf(t))).toEqual(before);
  }

  it('sets every busboy limit explicitly, from server/shared/limits.ts', () => {
    expect(MULTIPART_LIMITS).toEqual({
      fieldNameSize: MAX_MULTIPART_FIELD_NAME_BYTES,
      fieldSize: MAX_MULTIPART_FIELD_BYTES,
      fields: MAX_MULTIPART_FIELDS,
      fileSize: MAX_SCREENSHOT_BYTES,
      files: MAX_SCREENSHOTS,
      parts: MAX_MULTIPART_PARTS,
      headerPairs: MAX_MULTIPART_HEADER_PAIRS,
      headerSize: MAX_MULTIPART_HEADER_BYTES,
    });
  });

  it(`fields: ${MAX_MULTIPART_FIELDS} accepted, one more refused`, async () => {
    await expectAccepted([...base, ...unknownFields(MAX_MULTIPART_FIELDS - 2)]);
    await expectRefused([...base, ...unknownFields(MAX_MULTIPART_FIELDS - 1)], 413, 'payload_too_large');
  });

  it(`parts: ${MAX_MULTIPART_PARTS} accepted, one more refused`, async () => {
    const files = Array.from({ length: MAX_SCREENSHOTS }, () => file(png));
    await expectAccepted([...base, ...unknownFields(MAX_MULTIPART_FIELDS - 2), ...files]);
    // The 66th part: busboy counts it against `parts` before it looks at what kind of part it is.
    await expectRefused([...base, ...unknownFields(MAX_MULTIPART_FIELDS - 2), ...files, field('one-more', '1')], 413, 'payload_too_large');
  });

  it(`header pairs: ${MAX_MULTIPART_HEADER_PAIRS} in a part accepted, one more refused, wherever the disposition is`, async () => {
    const padding = (count: number) => Array.from({ length: count }, (_, i) => `X-Pad-${i}: ${i}`);
    await expectAccepted([field('role', 'self', padding(MAX_MULTIPART_HEADER_PAIRS - 1)), base[1]!]);
    await expectRefused([field('role', 'self', padding(MAX_MULTIPART_HEADER_PAIRS)), base[1]!], 413, 'payload_too_large');
    // The disposition as the 21st line: busboy would drop it and the part with it.
    const last = (count: number) =>
      Buffer.from(`--${boundary}\r\n${[...padding(count), 'Content-Disposition: form-data; name="target"'].join('\r\n')}\r\n\r\nmijn zusje\r\n`);
    await expectAccepted([...base, last(MAX_MULTIPART_HEADER_PAIRS - 1)]);
    await expectRefused([...base, last(MAX_MULTIPART_HEADER_PAIRS)], 413, 'payload_too_large');
  });

  it(`header block: ${MAX_MULTIPART_HEADER_BYTES} bytes accepted, one more refused`, async () => {
    // busboy counts the part's bytes from the boundary line's CRLF up to the blank line.
    const withHeaderBytes = (size: number) => {
      const disposition = 'Content-Disposition: form-data; name="target"';
      const fixed = `\r\n${disposition}\r\nX-Pad: `.length;
      return Buffer.from(`--${boundary}\r\n${disposition}\r\nX-Pad: ${'p'.repeat(size - fixed)}\r\n\r\nmijn zusje\r\n`);
    };
    await expectAccepted([...base, withHeaderBytes(MAX_MULTIPART_HEADER_BYTES)]);
    await expectRefused([...base, withHeaderBytes(MAX_MULTIPART_HEADER_BYTES + 1)], 413, 'payload_too_large');
  });

  it(`field size: ${MAX_MULTIPART_FIELD_BYTES} bytes accepted, one more refused, never cut`, async () => {
    await expectAccepted([...base, field('notes', 'n'.repeat(MAX_MULTIPART_FIELD_BYTES))]);
    await expectRefused([...base, field('notes', 'n'.repeat(MAX_MULTIPART_FIELD_BYTES + 1))], 413, 'payload_too_large', 'notes');
    await expectRefused([field('role', 'self'), field('description', '€'.repeat(Math.ceil((MAX_MULTIPART_FIELD_BYTES + 1) / 3)))], 413, 'payload_too_large', 'description');
    // Under the byte limit but over the character limit: refused by the schema, not shortened.
    await expectRefused([field('role', 'self'), field('description', 'a'.repeat(MAX_DESCRIPTION_LENGTH + 1))], 400, 'invalid_input', 'description');
  });

  it(`field name: ${MAX_MULTIPART_FIELD_NAME_BYTES} bytes accepted, one more refused`, async () => {
    await expectAccepted([...base, field('n'.repeat(MAX_MULTIPART_FIELD_NAME_BYTES), '1')]);
    await expectRefused([...base, field('n'.repeat(MAX_MULTIPART_FIELD_NAME_BYTES + 1), '1')], 413, 'payload_too_large');
  });

  it(`file size: ${MAX_SCREENSHOT_BYTES} bytes accepted, one more refused`, { timeout: 60_000 }, async () => {
    const exact = Buffer.concat([png, Buffer.alloc(MAX_SCREENSHOT_BYTES - png.length)]);
    await expectAccepted([...base, file(exact)]);
    await expectRefused([...base, file(Buffer.concat([exact, Buffer.alloc(1)]))], 413, 'payload_too_large', 'screenshots.0');
  });

  it('refuses a part without a form-data disposition at once, however large (busboy would hang on it)', async () => {
    for (const size of [10, 16 * 1024, 70_000, 1_000_000]) {
      for (const headers of ['X-No-Disposition: 1', 'Content-Disposition: attachment; name="target"', 'Content-Disposition : form-data; name="target"']) {
        const stray = Buffer.from(`--${boundary}\r\n${headers}\r\n\r\n${'z'.repeat(size)}\r\n`);
        const started = Date.now();
        await expectRefused([...base, stray], 400, 'invalid_input');
        expect(Date.now() - started).toBeLessThan(5_000);
      }
    }
  });

  it('answers a body cut off anywhere, or with another boundary, with 400 in the error shape', async () => {
    const whole = Buffer.concat([...base, file(png), close]);
    // Only the CRLF after the closing `--boundary--` may go missing: the body is complete without it.
    const cuts = [...Array.from({ length: Math.ceil(whole.length / 7) }, (_, i) => 1 + i * 7), ...Array.from({ length: 24 }, (_, i) => whole.length - 24 + i)];
    for (const cut of cuts.filter((at) => at > 0 && at < whole.length - 2)) {
      const response = await t.app.inject({ method: 'POST', url: '/api/reports', remoteAddress: nextAddress(), payload: whole.subarray(0, cut), headers: { 'content-type': type } });
      sent += 1;
      expectErrorShape(response.statusCode, response.body);
    }
    for (const declared of ['multipart/form-data', 'multipart/form-data; boundary=other', 'multipart/form-data; boundary="a b"x']) {
      const response = await t.app.inject({ method: 'POST', url: '/api/reports', remoteAddress: nextAddress(), payload: whole, headers: { 'content-type': declared } });
      sent += 1;
      expectErrorShape(response.statusCode, response.body, 'invalid_input');
    }
    expect(rowCounts(sqliteOf(t))).toEqual(counts);
  });
});

afterAll(() => {
  expect(sent).toBeGreaterThanOrEqual(10_000);
});

describe('the part header guard reads a body the same however it is split', () => {
  it('gives the same verdict for random bodies cut into random chunks', { timeout: 60_000 }, async () => {
    const verdict = (boundary: string, chunks: Buffer[]) => {
      const guard = new PartHeaderGuard(boundary, { pairs: MAX_MULTIPART_HEADER_PAIRS, bytes: MAX_MULTIPART_HEADER_BYTES });
      for (const chunk of chunks) guard.push(chunk);
      return guard.exceeded ?? 'ok';
    };
    const verdicts = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(multipartRequest, fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 40 }), async (request, sizes) => {
        const boundary = multipartBoundary(request.type);
        if (boundary === null) return;
        const whole = verdict(boundary, [request.payload]);
        const chunks: Buffer[] = [];
        for (let at = 0, i = 0; at < request.payload.length; i++) {
          const size = sizes[i % sizes.length]!;
          chunks.push(request.payload.subarray(at, at + size));
          at += size;
        }
        expect(verdict(boundary, chunks)).toBe(whole);
        verdicts.set(whole, (verdicts.get(whole) ?? 0) + 1);
      }),
      runs(2000),
    );
    console.log(`guard: chunked and whole verdicts agree; verdicts seen ${JSON.stringify(Object.fromEntries(verdicts))}`);
  });

  it('holds over a real socket that delivers the body a few bytes at a time', { timeout: 60_000 }, async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as net.AddressInfo).port;
    const boundary = 'klikvrij-trickle';
    const part = (name: string, value: string, extra: string[] = []) =>
      `--${boundary}\r\n${[`Content-Disposition: form-data; name="${name}"`, ...extra].join('\r\n')}\r\n\r\n${value}\r\n`;
    const trickle = async (body: string, chunk: number): Promise<{ status: number; body: string }> => {
      const socket = net.connect(port, '127.0.0.1');
      socket.setNoDelay(true);
      await new Promise((resolve) => socket.once('connect', resolve));
      const received: Buffer[] = [];
      socket.on('data', (data: Buffer) => received.push(data));
      const closed = new Promise((resolve) => socket.once('close', resolve));
      const bytes = Buffer.from(body);
      socket.write(
        `POST /api/reports HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${bytes.length}\r\n\r\n`,
      );
      for (let at = 0; at < bytes.length && !socket.destroyed; at += chunk) {
        socket.write(bytes.subarray(at, at + chunk));
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      await closed;
      const text = Buffer.concat(received).toString('utf8');
      sent += 1;
      return { status: Number(text.slice(9, 12)), body: text.slice(text.indexOf('\r\n\r\n') + 4) };
    };
    const base = part('role', 'self') + part('description', 'Ze lachen me uit in de gang.');
    const padding = (count: number) => Array.from({ length: count }, (_, i) => `X-Pad-${i}: ${i}`);
    const good = await trickle(`${base}${part('target', 'mijn zusje', padding(MAX_MULTIPART_HEADER_PAIRS - 1))}--${boundary}--\r\n`, 3);
    expect(good.status, good.body).toBe(201);
    const tooMany = await trickle(`${base}${part('target', 'mijn zusje', padding(MAX_MULTIPART_HEADER_PAIRS))}--${boundary}--\r\n`, 3);
    expectErrorShape(tooMany.status, tooMany.body, 'payload_too_large');
    const stray = await trickle(`${base}--${boundary}\r\nX-No-Disposition: 1\r\n\r\n${'z'.repeat(40_000)}\r\n--${boundary}--\r\n`, 997);
    expectErrorShape(stray.status, stray.body, 'invalid_input');
    console.log(`guard over a socket: ${good.status} at ${MAX_MULTIPART_HEADER_PAIRS} header pairs, ${tooMany.status} at one more, ${stray.status} for a 40 kB part without disposition`);
  });
});
