// #15: a parent who reads one of the portal's languages reports, keeps the receipt and follows up.
// Every language, at 360×740 and 1280 px: the parent path to the receipt and /volgen, with axe at
// 0 violations on every step; Arabic mirrors (dir="rtl", the primary button at the reading end,
// the code left to right); the server's words come back in the page's language. The child path to
// the receipt in Arabic, Turkish, Polish and Ukrainian at 360×740; in Arabic every phone number on
// the help page is isolated left to right.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../server/shared/languages.js';
import { ARTIFACTS, axeViolations, chooseLanguage, openReportForm, startBrowserApp, type BrowserApp } from '../helpers/chromium.js';

interface Catalog {
  intro: { title: string };
  role: { options: { parent: string; self: string } };
  followUp: { status: { received: string }; schoolLanguage: string };
}
const catalog = (language: string): Catalog =>
  JSON.parse(readFileSync(new URL(`../../web/src/i18n/catalogs/${language}.json`, import.meta.url), 'utf8')) as Catalog;
const infoCatalog = (language: string): { info: { pesten: { lead: string } } } =>
  JSON.parse(readFileSync(new URL(`../../web/src/i18n/catalogs/${language}.info.json`, import.meta.url), 'utf8'));
const serverCatalog = (language: string): { followUp: { unknownCode: string } } =>
  JSON.parse(readFileSync(new URL(`../../server/shared/server-messages/${language}.json`, import.meta.url), 'utf8'));

const VIEWPORTS = [
  { width: 360, height: 740 },
  { width: 1280, height: 800 },
] as const;

let run: BrowserApp;
beforeAll(async () => {
  run = await startBrowserApp();
});
afterAll(async () => {
  await run.close();
});

async function step(page: Page): Promise<string> {
  return (await page.locator('report-form form').getAttribute('class')) ?? '';
}

async function expectNoViolations(page: Page, where: string): Promise<void> {
  expect(await axeViolations(page), where).toEqual([]);
}

/** The primary button's and the back button's horizontal places on the current step. */
async function navBoxes(page: Page) {
  const primary = await page.locator('report-form .nav .next').boundingBox();
  const back = await page.locator('report-form .nav .back').boundingBox();
  return { primary: primary!, back: back! };
}

/** From the first screen to the receipt as a parent, only the story typed; axe on every screen. */
async function reportAsParent(page: Page, language: string, where: string): Promise<string> {
  await page.locator('report-form .entries button', { hasText: catalog(language).role.options.parent }).click();
  return walkToReceipt(page, language, where);
}

/** From the screen after the entry path to the receipt, only the story typed; axe on every screen. */
async function walkToReceipt(page: Page, language: string, where: string): Promise<string> {
  for (let guard = 0; guard < 25 && !(await step(page)).includes('step-summary'); guard++) {
    const current = await step(page);
    await expectNoViolations(page, `${where} ${current}`);
    const story = page.locator('report-form textarea');
    if ((await story.count()) > 0 && (await story.inputValue()) === '') await story.fill('Mijn kind wordt elke dag uitgelachen.');
    if (language === 'ar' && (await page.locator('report-form .nav .back').count()) > 0) {
      // Right to left: the primary button sits at the reading end (left), back at the start (right).
      const { primary, back } = await navBoxes(page);
      expect(primary.x + primary.width / 2, `${where} ${current}`).toBeLessThan(back.x + back.width / 2);
    }
    await page.locator('report-form .nav .next').click();
    await expect.poll(() => step(page)).not.toBe(current);
  }
  expect(await step(page)).toContain('step-summary');
  await expectNoViolations(page, `${where} summary`);
  await page.screenshot({ path: path.join(ARTIFACTS, `language-${where}-summary.png`), fullPage: true });
  await page.locator('report-form .nav .next').click();
  const code = page.locator('receipt-code #code');
  await code.waitFor({ timeout: 15_000 });
  await expectNoViolations(page, `${where} receipt`);
  return (await code.innerText()).replace(/\s+/g, '');
}

describe.each(LANGUAGES)('the parent path in %s', (language) => {
  it('reaches the receipt and /volgen at both sizes, axe clean on every step, in that language', async () => {
    const words = catalog(language);
    for (const viewport of VIEWPORTS) {
      const where = `${language}-${viewport.width}`;
      const context = await run.browser.newContext({ viewport, locale: 'nl-NL' });
      const page = await context.newPage();
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await page.goto(run.baseUrl);
      await page.locator('report-form').waitFor();
      await chooseLanguage(page, language);
      expect(await page.locator('h1').innerText()).toBe(words.intro.title);
      const dir = language === 'ar' ? 'rtl' : 'ltr';
      if (language === 'ar') expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
      expect(await page.evaluate(() => getComputedStyle(document.documentElement).direction)).toBe(dir);

      const receipt = await reportAsParent(page, language, where);
      if (language === 'ar') {
        const direction = await page.locator('receipt-code #code').evaluate((element) => getComputedStyle(element).direction);
        expect(direction).toBe('ltr');
      }

      // Same tab: /volgen opens in the chosen language (sessionStorage), and the server answers in it.
      await page.goto(`${run.baseUrl}/volgen`);
      await page.locator('receipt-entry input').waitFor();
      expect(await page.evaluate(() => [document.documentElement.lang, getComputedStyle(document.documentElement).direction])).toEqual([language, dir]);
      await expectNoViolations(page, `${where} volgen`);
      await page.locator('receipt-entry input').fill('kat-kat-kat-kat-kat-kat');
      await page.locator('receipt-entry button[type="submit"]').click();
      await expect.poll(() => page.locator('receipt-entry #problem').innerText()).toContain(serverCatalog(language).followUp.unknownCode);
      // The server's answer asks "lost your code?" already; the page's own lines below it do not ask it again.
      const questions = (await page.locator('receipt-entry #problem').innerText()).match(/[^.?!؟\n]+[?؟]/g) ?? [];
      expect(questions.map((question) => question.trim())).toEqual([...new Set(questions.map((question) => question.trim()))]);
      await expectNoViolations(page, `${where} volgen unknown code`);

      await page.locator('receipt-entry input').fill(receipt);
      await page.locator('receipt-entry button[type="submit"]').click();
      await expect.poll(() => page.getByText(words.followUp.status.received).isVisible()).toBe(true);
      if (language !== 'nl') expect(await page.getByText(words.followUp.schoolLanguage).isVisible()).toBe(true);
      await expectNoViolations(page, `${where} volgen open`);
      await page.screenshot({ path: path.join(ARTIFACTS, `language-${where}-volgen.png`), fullPage: true });
      await context.close();
    }
    const stored = await run.t.context.db.selectFrom('report').select('id').where('language', '=', language).execute();
    expect(stored).toHaveLength(VIEWPORTS.length);
  });
});

describe('the child path in the languages beyond Dutch and English', () => {
  it.each(['ar', 'tr', 'pl', 'uk'] as const)('%s: to the receipt at 360×740, axe clean on every step', async (language) => {
    const { context, page, errors } = await openReportForm(run, {
      viewport: { width: 360, height: 740 },
      language,
      entry: catalog(language).role.options.self,
    });
    expect(await page.locator('h1').innerText()).toBe(catalog(language).intro.title);
    const receipt = await walkToReceipt(page, language, `${language}-child-360`);
    expect(receipt).toMatch(/^[a-z]+(-[a-z]+){5}$/);
    expect(errors).toEqual([]);
    await context.close();
    const stored = await run.t.context.db.selectFrom('report').select('role').where('language', '=', language).where('role', '=', 'self').execute();
    expect(stored).toHaveLength(1);
  });

  it('ar: every phone number on the help page sits in a left-to-right isolated element', async () => {
    const context = await run.browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(`${run.baseUrl}/?lang=ar&info=contacts`);
    await page.locator('info-page h2, info-page ul').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    const numbers = await page.locator('info-page').evaluate((host) => {
      const found: Array<{ text: string; isolatedBy: string | null }> = [];
      const walker = document.createTreeWalker(host.shadowRoot!, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const match of (node.textContent ?? '').matchAll(/\d[\d\s-]*\d|\d/g)) {
          const element = node.parentElement;
          let isolatedBy: string | null = null;
          // The number must be all of its isolating element's text, and that element left to right.
          if (element && element.textContent?.trim() === match[0].trim()) {
            const style = getComputedStyle(element);
            if (style.direction === 'ltr' && style.unicodeBidi.includes('isolate')) isolatedBy = element.tagName.toLowerCase();
          }
          found.push({ text: match[0], isolatedBy });
        }
      }
      return found;
    });
    expect(numbers.map((number) => number.text)).toEqual(expect.arrayContaining(['0800-0432', '112']));
    expect(numbers.filter((number) => number.isolatedBy === null)).toEqual([]);
    await context.close();
  });

  it('a page fetches the one catalog of its language, Dutch too, and shows no other first', async () => {
    const context = await run.browser.newContext({ viewport: { width: 360, height: 740 } });
    for (const [query, language] of [['', 'nl'], ['?lang=uk', 'uk'], ['?lang=ar', 'ar']] as const) {
      const page = await context.newPage();
      const catalogs: string[] = [];
      page.on('request', (request) => {
        const match = /\/assets\/(nl|en|ar|tr|pl|uk)-[\w-]{8}\.js$/.exec(new URL(request.url()).pathname);
        if (match) catalogs.push(match[1]!);
      });
      await page.goto(`${run.baseUrl}/${query}`);
      await page.locator('report-form').waitFor();
      expect(await page.locator('h1').innerText()).toBe(catalog(language).intro.title);
      expect(catalogs).toEqual([language]);
      await page.close();
    }
    await context.close();
  });

  it('an information page fetches its texts with it, and again in a language chosen while it is open', async () => {
    const context = await run.browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const fetched: string[] = [];
    page.on('request', (request) => {
      const match = /\/assets\/(nl|en|ar|tr|pl|uk)(\.info)?-[\w-]{8}\.js$/.exec(new URL(request.url()).pathname);
      if (match) fetched.push(`${match[1]}${match[2] ?? ''}`);
    });
    await page.goto(`${run.baseUrl}/?info=pesten`);
    const lead = page.locator('info-page p.lead');
    await expect.poll(() => lead.innerText()).toBe(infoCatalog('nl').info.pesten.lead);
    await chooseLanguage(page, 'uk');
    await expect.poll(() => lead.innerText()).toBe(infoCatalog('uk').info.pesten.lead);
    expect(fetched).toEqual(['nl', 'nl.info', 'uk', 'uk.info']);
    await context.close();
  });
});
