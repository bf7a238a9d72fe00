import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OIDC_FAILURE_MESSAGES } from '../../server/shared/school-sign-in.js';
import { WEB_ROOT } from '../../server/plugins/web-pages.js';
import { closeContexts, sharedChromium } from '../helpers/chromium.js';
import { startOidcProvider, type TestOidcProvider } from '../helpers/oidc-provider.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

// A staff member signs in with the school's account in Chromium, end to end: the portal's button,
// the provider's login page, the callback and the inbox. The app is reached as "localhost" and
// the provider as "127.0.0.1": two sites, so the cookies behave as with a real provider elsewhere
// (a SameSite=Strict cookie would not come along on the way back).

let op: TestOidcProvider;
let t: TestApp;
let browser: Browser;
let baseUrl: string;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  if (!existsSync(path.join(WEB_ROOT, 'portal', 'index.html'))) {
    throw new Error('dist/web/staff is missing: run `npx vite build --config web/vite.config.ts` first');
  }
  const port = await freePort();
  baseUrl = `http://localhost:${port}`;
  op = await startOidcProvider({
    redirectUri: `${baseUrl}/staff/oidc/callback`,
    accounts: {
      bertine: { email: 'Bertine.pas@vivente.nu', email_verified: true, name: 'Bertine Pas' },
      stranger: { email: 'iemand@elders.nl', email_verified: true },
    },
  });
  t = await startTestApp({ env: { PUBLIC_URL: baseUrl, ...op.env } });
  await t.app.listen({ port, host: '127.0.0.1' });
  browser = await sharedChromium();
});
afterAll(async () => {
  if (browser) await closeContexts(browser);
  await t?.close();
  await op?.close();
});

/** A fresh browser presses the portal's button and signs in at the provider's login page. */
async function signInThroughProvider(account: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${baseUrl}/staff`);
  await page.getByRole('button', { name: 'Inloggen met je schoolaccount' }).click();
  await page.waitForURL(`${op.issuer}/interaction/**`);
  await page.getByLabel('Account').fill(account);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  return { context, page };
}

describe('signing in with the school account', () => {
  it('brings a staff member from the button through the provider into the inbox', async () => {
    const { context, page } = await signInThroughProvider('bertine');
    await page.waitForURL(`${baseUrl}/staff`);
    await page.getByRole('heading', { name: 'Meldingen' }).waitFor();
    expect(await page.getByText('Bertine Pas').count()).toBeGreaterThan(0);
    const cookies = await context.cookies(baseUrl);
    expect(cookies.find((cookie) => cookie.name === 'klikvrij-staff')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(cookies.find((cookie) => cookie.name === 'klikvrij-oidc')).toBeUndefined();
    await context.close();
  });

  it('refuses an account that is in no contact table, in Dutch, without a session', async () => {
    const { context, page } = await signInThroughProvider('stranger');
    await page.getByText(OIDC_FAILURE_MESSAGES.unknown).waitFor();
    // The reason is shown once and leaves the address bar.
    await expect.poll(() => new URL(page.url()).search).toBe('');
    expect(await page.getByRole('button', { name: 'Stuur mij een inloglink' }).count()).toBe(1);
    expect((await context.cookies(baseUrl)).find((cookie) => cookie.name === 'klikvrij-staff')).toBeUndefined();
    await context.close();
  });
});
