// A child on a Chromebook with the keyboard only opens the language list halfway through a report.
// Escape did not close it, and a second Escape is Snel weg's: the page left for the neutral site and
// every answer was gone. And a language chosen with Enter left the focus nowhere (on the body), so a
// screen reader lost its place. Now Escape closes the list and does not count towards leaving, and the
// focus goes back to the language button.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReportForm, reportStep, startBrowserApp, type BrowserApp } from '../helpers/chromium.js';

let run: BrowserApp;
beforeAll(async () => {
  run = await startBrowserApp();
});
afterAll(async () => {
  await run?.close();
});

/** What has the focus, through shadow roots: its tag, class and text. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return `${active?.tagName.toLowerCase()}.${active?.className} ${active?.textContent?.trim().replace(/\s+/g, ' ')}`;
  });
}

describe('the language list with the keyboard', () => {
  it('Escape closes it without leaving the page, and a language chosen with Enter keeps the focus on the language button', async () => {
    const { context, page, errors } = await openReportForm(run, { viewport: { width: 1366, height: 768 }, language: 'nl', entry: 'Het gebeurt bij mij' });
    await page.route('https://www.google.nl/**', (route) => route.fulfill({ contentType: 'text/html', body: '<title>Weer</title>' }));
    while ((await reportStep(page)) !== 'kinds') await page.locator('report-form .nav .next').click();
    await page.locator('report-form choice-group input[value="verbal"]').check();
    const list = page.locator('language-switch ul');

    await page.locator('language-switch .toggle').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('button. Nederlands');
    await page.keyboard.press('Escape');
    expect(await list.isVisible()).toBe(false);
    expect(await focused(page)).toMatch(/^button\.toggle NL/);
    await page.keyboard.press('Escape');
    expect(new URL(page.url()).origin).toBe(run.baseUrl);
    expect(await reportStep(page)).toBe('kinds');

    await page.keyboard.press('Enter');
    for (let i = 0; i < 5; i++) await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('button. Polski');
    await page.keyboard.press('Enter');
    await page.locator('html[lang="pl"]').waitFor({ state: 'attached' });
    expect(await focused(page)).toMatch(/^button\.toggle PL/);
    expect(await page.locator('report-form choice-group input[value="verbal"]').isChecked()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});
