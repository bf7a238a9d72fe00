import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WEB_ROOT } from '../server/plugins/web-pages.js';
import { CHECKLISTS, CRITERIA } from '../server/shared/protocol.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';
import { BERTINE, latestLoginToken, redeem, requestLink } from './helpers/staff.js';

const STAFF_PAGE = path.join(WEB_ROOT, 'portal', 'index.html');
// The school's protocol as the product was built from, vendored so that a fresh clone checks it too.
const SEED = new URL('./fixtures/anti-pest-protocol-kopakker-2021-2022.txt', import.meta.url);

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(async () => {
  await t.close();
});

describe('the staff page', () => {
  it('is built (npm run build; npm test builds first)', () => {
    expect(existsSync(STAFF_PAGE), STAFF_PAGE).toBe(true);
  });

  it('is served for /staff and every path below it, uncached, under the CSP', async () => {
    for (const url of ['/staff', '/staff/', '/staff/reports/12', '/staff/logboek', '/staff/login/abc_DEF-123']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type'], url).toMatch(/^text\/html/);
      expect(response.headers['cache-control'], url).toBe('no-store');
      expect(String(response.headers['content-security-policy']), url).not.toContain('unsafe-inline');
      expect(response.body, url).toBe(readFileSync(STAFF_PAGE, 'utf8'));
      // No inline script or style: everything comes from files.
      expect(response.body, url).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>|<style|style=/);
    }
  });

  it('does not spend a login link by opening it: only the button does', async () => {
    await requestLink(t, BERTINE);
    const token = await latestLoginToken(t, BERTINE);
    expect((await t.app.inject({ method: 'GET', url: `/staff/login/${token}` })).statusCode).toBe(200);
    expect((await redeem(t, token)).statusCode).toBe(201);
  });
});

describe('the protocol data', () => {
  // The seed breaks lines (and one URL) anywhere; compare with all whitespace removed.
  const squash = (text: string) => text.replace(/\s+/g, '');
  const seed = squash(readFileSync(SEED, 'utf8'));

  it('has the seed\'s begeleiding items word for word', () => {
    for (const list of Object.values(CHECKLISTS)) {
      expect(seed).toContain(squash(list.title));
      for (const item of list.items) expect(seed, item).toContain(squash(item));
    }
  });

  it('has the seed\'s plagen/pesten table', () => {
    for (const row of CRITERIA) {
      expect(seed).toContain(squash(`${row.plagen}${row.pesten}`));
    }
  });
});
