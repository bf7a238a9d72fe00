// A link that opens a page in a language (`?lang=`: the school's link for Polish families, the mail to a
// named reporter) is followed by pages whose own links carry no language: the receipt's "follow your
// report" to /volgen, and /volgen's "make a new report" to the form. Before, those pages came up in
// Dutch (on a device whose own language is not the reader's), as only a choice in the picker was kept
// for the tab; and a reload after picking another language switched back to the one in the address.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportStep, startBrowserApp, type BrowserApp } from '../helpers/chromium.js';

let run: BrowserApp;
beforeAll(async () => {
  run = await startBrowserApp();
});
afterAll(async () => {
  await run?.close();
});

function documentLanguage(page: Page): Promise<{ lang: string; dir: string }> {
  return page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
}

describe('a page opened in a language by its address', () => {
  it('a Polish bystander on a Chromebook: the receipt leads to /volgen in Polish', async () => {
    const context = await run.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'nl-NL' });
    const page = await context.newPage();
    await page.goto(`${run.baseUrl}/?lang=pl`);
    await page.locator('report-form .entry', { hasText: 'Widzę, że to dzieje się komuś innemu' }).click();
    while ((await reportStep(page)) !== 'summary') {
      const before = await reportStep(page);
      if (before === 'description') await page.locator('report-form textarea').fill('Chłopcy biją kolegę na boisku.');
      await page.locator('report-form .nav .next').click();
      await expect.poll(() => reportStep(page)).not.toBe(before);
    }
    await page.locator('report-form .nav .next').click();
    await page.getByLabel('Zapisałem mój kod').check();
    await page.getByRole('link', { name: 'Śledź swoje zgłoszenie' }).click();
    await page.waitForURL(`${run.baseUrl}/volgen`);
    await page.locator('receipt-entry #code').waitFor();
    expect(await documentLanguage(page)).toEqual({ lang: 'pl', dir: 'ltr' });
    expect(await page.locator('follow-up-page h1').innerText()).toBe('Śledź swoje zgłoszenie');
    await context.close();
  });

  it("a parent from the mail's Arabic link on a phone: the new report is in Arabic, and a language picked then holds after a reload", async () => {
    const context = await run.browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'nl-NL', isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${run.baseUrl}/volgen?lang=ar`);
    await page.locator('receipt-entry #code').fill('kat-boom-vis-roos-melk-bal');
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: 'اعمل بلاغًا جديدًا' }).click();
    await page.locator('report-form .entry').first().waitFor();
    expect(await documentLanguage(page)).toEqual({ lang: 'ar', dir: 'rtl' });
    expect(await page.locator('report-form .entry').nth(1).innerText()).toBe('أرى هذا يحدث لشخص آخر');

    await page.goto(`${run.baseUrl}/volgen?lang=ar`);
    await page.locator('language-switch .toggle').click();
    await page.locator('language-switch button[lang="tr"]').click();
    await page.locator('html[lang="tr"]').waitFor({ state: 'attached' });
    expect(new URL(page.url()).search).toBe('?lang=tr');
    await page.reload();
    await page.locator('receipt-entry #code').waitFor();
    expect(await documentLanguage(page)).toEqual({ lang: 'tr', dir: 'ltr' });
    expect(await page.locator('follow-up-page h1').innerText()).toBe('Bildirimini takip et');
    await context.close();
  });
});
