// Headers: every page and every API answer carries a CSP without unsafe-inline/unsafe-eval that
// forbids framing, nosniff and no-referrer; and every built page, loaded in headless Chromium from
// the app on a real port, raises no CSP violation and asks no other host for anything.

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_BODY_BYTES } from '../../server/shared/limits.js';
import { WEB_ROOT } from '../../server/plugins/web-pages.js';
import { REPO_ROOT } from '../helpers/child-server.js';
import { closeContexts, sharedChromium } from '../helpers/chromium.js';
import { pngImage } from '../helpers/images.js';
import { multipartBody } from '../helpers/multipart.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { filesUnder, httpRequest, type HttpResponse } from './support.js';

let t: TestApp;
let origin: string;
let address = 0;

beforeAll(async () => {
  // `npm test` builds first; a bare `vitest run test/safety` on a fresh checkout builds here.
  if (!existsSync(path.join(WEB_ROOT, 'index.html'))) {
    execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts'], { cwd: REPO_ROOT, stdio: 'ignore', timeout: 180_000 });
  }
  t = await startTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const bound = t.app.server.address();
  origin = `http://127.0.0.1:${typeof bound === 'object' && bound ? bound.port : 0}`;
}, 240_000);
afterAll(async () => {
  await t?.close();
});

/** Requests from distinct loopback addresses, so the rate limiter answers only where we ask it to. */
function from(): string {
  address += 1;
  return `127.0.1.${address}`;
}

function post(pathname: string, body: Buffer | string, contentType: string, localAddress = from()): Promise<HttpResponse> {
  return httpRequest(`${origin}${pathname}`, { method: 'POST', headers: { 'content-type': contentType }, body, localAddress });
}

function expectSecurityHeaders(what: string, response: HttpResponse): void {
  const csp = String(response.headers['content-security-policy'] ?? '');
  expect(csp, `${what}: no CSP`).not.toBe('');
  expect(csp, what).toMatch(/(^|;)\s*frame-ancestors 'none'/);
  expect(csp, what).toMatch(/(^|;)\s*default-src 'self'/);
  expect(csp, what).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  expect(response.headers['x-content-type-options'], what).toBe('nosniff');
  expect(response.headers['referrer-policy'], what).toBe('no-referrer');
}

describe('security headers on every response', () => {
  it('are on every page, asset and API answer, including every kind of error', { timeout: 60_000 }, async () => {
    const pageFiles = (await filesUnder(WEB_ROOT)).map((file) => path.relative(WEB_ROOT, file).split(path.sep).join('/'));
    const gets = ['/', '/healthz', '/bestaat-niet', '/api/reports', '/%E0%A4%A', `/${'x'.repeat(300)}`, '/..%2f..%2fpackage.json', ...pageFiles.map((file) => `/${file}`)];
    for (const page of pageFiles.filter((file) => file.endsWith('/index.html'))) gets.push(`/${page.slice(0, -'index.html'.length)}`);

    const answers: Array<[string, HttpResponse]> = [];
    for (const pathname of gets) answers.push([`GET ${pathname}`, await httpRequest(`${origin}${pathname}`, { localAddress: from() })]);
    answers.push([`HEAD /`, await httpRequest(`${origin}/`, { method: 'HEAD', localAddress: from() })]);
    answers.push([`OPTIONS /api/reports`, await httpRequest(`${origin}/api/reports`, { method: 'OPTIONS', localAddress: from() })]);

    const report = { role: 'self', description: 'Ze verstoppen steeds mijn jas.' };
    const created = await post('/api/reports', JSON.stringify(report), 'application/json');
    const receipt = (JSON.parse(created.body) as { receipt: string }).receipt;
    const png = await pngImage();
    const shot = multipartBody([['role', 'self'], ['description', 'Met plaatje.']], [{ field: 'screenshots', filename: 'a.png', contentType: 'image/png', data: png }]);
    const sixShots = multipartBody([['role', 'self'], ['description', 'Te veel plaatjes.']], Array.from({ length: 6 }, () => ({ field: 'screenshots', filename: 'a.png', contentType: 'image/png', data: png })));
    const svg = multipartBody([['role', 'self'], ['description', 'SVG.']], [{ field: 'screenshots', filename: 'a.svg', contentType: 'image/svg+xml', data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') }]);
    answers.push(
      ['POST /api/reports 201', created],
      ['POST /api/reports multipart 201', await post('/api/reports', shot.payload, shot.headers['content-type']!)],
      ['POST /api/reports 400', await post('/api/reports', '{}', 'application/json')],
      ['POST /api/reports broken JSON', await post('/api/reports', '{"role":', 'application/json')],
      ['POST /api/reports 413 JSON', await post('/api/reports', JSON.stringify({ ...report, pad: 'x'.repeat(MAX_JSON_BODY_BYTES) }), 'application/json')],
      ['POST /api/reports 413 files', await post('/api/reports', sixShots.payload, sixShots.headers['content-type']!)],
      ['POST /api/reports 415 text', await post('/api/reports', 'role=self', 'text/plain')],
      ['POST /api/reports 415 svg', await post('/api/reports', svg.payload, svg.headers['content-type']!)],
      ['POST /api/reports cut multipart', await post('/api/reports', shot.payload.subarray(0, 100), shot.headers['content-type']!)],
      ['POST /api/followup 200', await post('/api/followup', JSON.stringify({ receipt }), 'application/json')],
      ['POST /api/followup 404', await post('/api/followup', JSON.stringify({ receipt: '0000-0000-0000-0000' }), 'application/json')],
      ['POST /api/followup 400', await post('/api/followup', JSON.stringify({}), 'application/json')],
      ['POST /api/followup/messages 201', await post('/api/followup/messages', JSON.stringify({ receipt, text: 'Het was in de gang.' }), 'application/json')],
      ['POST /api/followup/messages 400', await post('/api/followup/messages', JSON.stringify({ receipt }), 'application/json')],
    );
    let limited: HttpResponse | undefined;
    for (let i = 0; i < 40 && limited?.status !== 429; i++) limited = await post('/api/reports', JSON.stringify(report), 'application/json', '127.0.2.1');
    answers.push(['POST /api/reports 429', limited!]);

    const statuses = new Map<number, number>();
    for (const [what, response] of answers) {
      expectSecurityHeaders(`${what} (${response.status})`, response);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    }
    const seen = [...statuses.keys()].sort();
    console.log(`headers: ${answers.length} responses checked (${pageFiles.length} built files), statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    for (const status of [200, 201, 400, 404, 413, 415, 429]) expect(seen).toContain(status);
  });
});

describe('the built pages in a browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await sharedChromium();
  }, 60_000);
  afterAll(async () => {
    if (browser) await closeContexts(browser);
  });

  it('load every built page with no CSP violation and no request to another host', { timeout: 120_000 }, async () => {
    const pages = (await filesUnder(WEB_ROOT)).filter((file) => file.endsWith('.html')).map((file) => path.relative(WEB_ROOT, file).split(path.sep).join('/'));
    expect(pages).toContain('index.html');
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const foreign: string[] = [];
    const ownRequests: string[] = [];
    await context.route('**/*', async (route) => {
      const requested = route.request().url();
      if (new URL(requested).origin === origin) {
        ownRequests.push(requested);
        await route.continue();
      } else {
        foreign.push(requested);
        await route.abort('blockedbyclient');
      }
    });
    // Browser-side code as text: this project's tsconfig has no DOM types for test/.
    await context.addInitScript({
      content: `
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', (event) => {
          window.__cspViolations.push(event.violatedDirective + ' blocked ' + (event.blockedURI || '(inline)') + ' at ' + event.sourceFile + ':' + event.lineNumber);
        });`,
    });

    const report: string[] = [];
    let violations = 0;
    for (const file of pages) {
      const page = await context.newPage();
      const consoleCsp: string[] = [];
      const errors: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to/i.test(message.text())) consoleCsp.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      const pathname = file === 'index.html' ? '/' : file.endsWith('/index.html') ? `/${file.slice(0, -'index.html'.length)}` : `/${file}`;
      const response = await page.goto(`${origin}${pathname}`, { waitUntil: 'networkidle' });
      expect(response?.status(), pathname).toBe(200);
      // Give custom elements, lazy chunks and styles a moment to settle.
      await page.waitForTimeout(300);
      const found = (await page.evaluate('window.__cspViolations')) as string[];
      violations += found.length + consoleCsp.length;
      report.push(`${pathname}: ${found.length} violations, ${consoleCsp.length} CSP console messages, ${errors.length} page errors`);
      expect(found, `${pathname}: ${found.join('; ')}`).toEqual([]);
      expect(consoleCsp, pathname).toEqual([]);
      await page.close();
    }
    // Control: the detector itself works. An inline script must be blocked and reported.
    const control = await context.newPage();
    await control.goto(`${origin}/`, { waitUntil: 'networkidle' });
    await control.evaluate(`{
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.body.append(script);
    }`);
    await control.waitForTimeout(100);
    const controlFound = (await control.evaluate('window.__cspViolations.length')) as number;
    const inlineRan = (await control.evaluate('window.inlineRan === true')) as boolean;
    expect(controlFound).toBe(1);
    expect(inlineRan).toBe(false);
    await context.close();
    console.log(
      `browser: ${pages.length} pages loaded, ${ownRequests.length} same-origin requests, ${foreign.length} to other hosts, ${violations} CSP violations\n  ${report.join('\n  ')}`,
    );
    expect(foreign).toEqual([]);
  });
});
