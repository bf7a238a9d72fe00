// Pages, assets and larger API answers go compressed as the client asks (brotli, gzip or not at all),
// each one decodable to exactly the plain answer; answers that hold a secret never go compressed.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Fastify, { type LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import compression, { COMPRESS_MIN_BYTES } from '../server/plugins/compression.js';
import { WEB_ROOT } from '../server/plugins/web-pages.js';
import { asStaff, BERTINE, loginAs, submitReport, type StaffSession } from './helpers/staff.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

const ENCODINGS = [
  { accept: 'br, gzip', encoding: 'br', decode: brotliDecompressSync },
  { accept: 'gzip', encoding: 'gzip', decode: gunzipSync },
  { accept: 'identity', encoding: undefined, decode: (bytes: Buffer) => bytes },
] as const;

/** The body as the client reads it after undoing the answer's Content-Encoding. */
function decoded(response: LightMyRequestResponse): Buffer {
  const encoding = response.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(response.rawPayload);
  if (encoding === 'gzip') return gunzipSync(response.rawPayload);
  expect(encoding).toBeUndefined();
  return response.rawPayload;
}

let t: TestApp;
let staff: StaffSession;
let caseId: number;
beforeAll(async () => {
  t = await startTestApp();
  // A long story, as reporters write them: the case answer is well above the threshold.
  const story = 'Ze pakken elke dag mijn pet af op het plein en lachen dan heel hard. '.repeat(40);
  caseId = (await submitReport(t, { description: story })).id;
  staff = await loginAs(t, BERTINE);
});
afterAll(() => t?.close());

describe('compressed pages and assets', () => {
  it('serves the pupil page and its script as brotli, gzip or plain, each decoding to the built file', async () => {
    const html = await readFile(path.join(WEB_ROOT, 'index.html'));
    const script = /src="(\/assets\/main-[\w-]+\.js)"/.exec(html.toString())?.[1];
    expect(script).toBeDefined();
    for (const [url, file] of [['/', 'index.html'], [script!, script!.slice(1)]] as const) {
      const original = await readFile(path.join(WEB_ROOT, file));
      for (const { accept, encoding, decode } of ENCODINGS) {
        const response = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': accept } });
        expect(response.statusCode).toBe(200);
        expect(response.headers['content-encoding']).toBe(encoding);
        expect(response.headers.vary).toMatch(/accept-encoding/);
        expect(response.headers['content-type']).toMatch(url === '/' ? /^text\/html/ : /javascript/);
        expect(decode(response.rawPayload).equals(original)).toBe(true);
        if (encoding) expect(response.rawPayload.length).toBeLessThan(original.length / 2);
      }
    }
  });

  it('serves the plain file to a client that sends no Accept-Encoding', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/volgen/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.rawPayload.equals(await readFile(path.join(WEB_ROOT, 'volgen/index.html')))).toBe(true);
  });

  it('answers a page the browser already has with 304, HEAD without a body, and a name outside the build with 404', async () => {
    const first = await t.app.inject({ method: 'GET', url: '/', headers: { 'accept-encoding': 'br' } });
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[\w-]{22}"$/);
    expect(first.headers['cache-control']).toBe('no-cache');
    const again = await t.app.inject({ method: 'GET', url: '/', headers: { 'accept-encoding': 'br', 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
    const head = await t.app.inject({ method: 'HEAD', url: '/volgen' });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-type']).toMatch(/^text\/html/);
    expect(head.rawPayload.length).toBe(0);
    for (const url of ['/bestaat-niet.js', '/assets/../../package.json', '/%2e%2e/%2e%2e/package.json']) {
      const missing = await t.app.inject({ method: 'GET', url });
      expect(missing.statusCode, url).toBe(404);
      expect(missing.json().error.code, url).toBe('not_found');
    }
    const malformed = await t.app.inject({ method: 'GET', url: '/%E0%A4%A' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('invalid_input');
  });
});

describe('compressed API answers', () => {
  it('compresses a case above the threshold as asked, and each decodes to the same JSON', async () => {
    const plain = await asStaff(t, staff, 'GET', `/api/staff/reports/${caseId}`);
    expect(plain.statusCode).toBe(200);
    expect(plain.rawPayload.length).toBeGreaterThan(COMPRESS_MIN_BYTES);
    for (const { accept, encoding } of ENCODINGS) {
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/staff/reports/${caseId}`,
        headers: { cookie: staff.cookie, 'accept-encoding': accept },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-encoding']).toBe(encoding);
      expect(response.headers.vary).toMatch(/accept-encoding/);
      expect(Number(response.headers['content-length'])).toBe(response.rawPayload.length);
      expect(JSON.parse(decoded(response).toString())).toEqual(plain.json());
    }
  });

  it('leaves answers below the threshold as they are', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/schools/default', headers: { 'accept-encoding': 'br, gzip' } });
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.length).toBeLessThan(COMPRESS_MIN_BYTES);
    expect(response.headers['content-encoding']).toBeUndefined();
  });

  it('never compresses the answer that carries the CSRF token', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/staff/me',
      headers: { cookie: staff.cookie, 'accept-encoding': 'br, gzip' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toHaveProperty('csrfToken', staff.csrf);
    expect(response.headers['content-encoding']).toBeUndefined();
  });
});

describe('answers with a secret', () => {
  // Beside text of any length an attacker could choose (a reporter's story): compressing these
  // would let the compressed size tell how much of a guess matches the secret (BREACH).
  const secretAnswers = [
    { csrfToken: 'a'.repeat(43) },
    { secret: 'JBSWY3DPEHPK3PXP', secretGroups: 'JBSW Y3DP', uri: 'otpauth://totp/x' },
    { receipt: 'K7Q2-MX4P-9RTB' },
    { sessionToken: 'b'.repeat(43) },
    { recoveryCodes: ['1234-5678'] },
  ];

  it('goes uncompressed whatever its size, while the same text without it is compressed', async () => {
    const app = Fastify();
    await app.register(compression);
    const story = 'Hij zegt elke dag dat ik stom ben. '.repeat(200);
    app.get('/with/:index', async (request) => ({ ...secretAnswers[Number((request.params as { index: string }).index)], story }));
    app.get('/without', async () => ({ story }));
    app.get('/quoted', async () => ({ story: `${story} "csrfToken": "receipt":` }));
    try {
      for (const [index] of secretAnswers.entries()) {
        const response = await app.inject({ method: 'GET', url: `/with/${index}`, headers: { 'accept-encoding': 'br, gzip' } });
        expect(response.rawPayload.length).toBeGreaterThan(story.length);
        expect(response.headers['content-encoding']).toBeUndefined();
      }
      const without = await app.inject({ method: 'GET', url: '/without', headers: { 'accept-encoding': 'br, gzip' } });
      expect(without.headers['content-encoding']).toBe('br');
      // A reporter's text that merely names a field stays text: it does not switch compression off.
      const quoted = await app.inject({ method: 'GET', url: '/quoted', headers: { 'accept-encoding': 'gzip' } });
      expect(quoted.headers['content-encoding']).toBe('gzip');
    } finally {
      await app.close();
    }
  });
});
