// On a slow phone network the page's scripts and words take seconds (Slow 3G: 2 s round trips,
// 50 KB/s), and on a bad one a script may never come. Meanwhile the report page and /volgen show
// the help numbers 112 and 0800-0432 as links, in no language, and once the page draws in the
// reader's language they give way to its own help line.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserApp, type BrowserApp } from '../helpers/chromium.js';

const PHONE = { width: 360, height: 740 } as const;

let run: BrowserApp;
beforeAll(async () => {
  run = await startBrowserApp();
});
afterAll(async () => {
  await run.close();
});

/** The waiting numbers: their links and their whole text (digits, dashes and spaces only). */
async function waitingNumbers(page: Page): Promise<{ links: string[]; text: string }> {
  const numbers = page.locator('#page-loading');
  await numbers.waitFor();
  const links = await numbers.locator('a').evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href') ?? ''));
  return { links, text: (await numbers.innerText()).trim() };
}

/** Whether the page's own component has drawn (its shadow root holds the page heading). */
function drawn(page: Page, root: string): Promise<boolean> {
  return page.evaluate((tag) => document.querySelector(tag)?.shadowRoot?.querySelector('h1') != null, root);
}

describe.each([
  ['/', 'klikvrij-app'],
  ['/volgen', 'follow-up-page'],
])('%s', (address, root) => {
  it('shows 112 and De Kindertelefoon before its scripts arrive, and its own help line after', async () => {
    const context = await run.browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    let held = 0;
    let release = (): void => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/assets/*.js', async (route) => {
      held += 1;
      await released;
      await route.continue();
    });
    // Not until load: the page does not load while its scripts are held.
    await page.goto(`${run.baseUrl}${address}?lang=ar`, { waitUntil: 'commit' });
    await expect.poll(() => held).toBeGreaterThan(0);

    const { links, text } = await waitingNumbers(page);
    expect(links).toEqual(['tel:112', 'tel:08000432']);
    expect(text).toMatch(/^112\s+0800-0432$/);
    expect(await drawn(page, root)).toBe(false);

    release();
    await expect.poll(() => drawn(page, root), { timeout: 15_000 }).toBe(true);
    expect(await page.locator('#page-loading').count()).toBe(0);
    expect(await page.locator(`${root} help-lines a`).first().innerText()).toContain('112');
    await context.close();
  });

  it('keeps the numbers when a script never comes', async () => {
    const context = await run.browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    await page.route('**/assets/*.js', (route) => route.abort('connectionfailed'));
    await page.goto(`${run.baseUrl}${address}`, { waitUntil: 'commit' });
    expect((await waitingNumbers(page)).links).toEqual(['tel:112', 'tel:08000432']);
    expect(await page.locator('#page-loading').isVisible()).toBe(true);
    await context.close();
  });
});

it('on emulated Slow 3G a parent sees the numbers first, then the form in Arabic', async () => {
  const context = await run.browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 2000,
    downloadThroughput: 50 * 1024,
    uploadThroughput: 50 * 1024,
  });
  const loaded = page.goto(`${run.baseUrl}/?lang=ar`);
  await page.locator('#page-loading').waitFor({ timeout: 20_000 });
  expect(await drawn(page, 'klikvrij-app')).toBe(false);
  await expect.poll(() => drawn(page, 'klikvrij-app'), { timeout: 40_000 }).toBe(true);
  expect(await page.locator('#page-loading').count()).toBe(0);
  expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
  await loaded;
  await context.close();
});
