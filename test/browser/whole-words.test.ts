// Whole words for a reader who reads little. In every language the portal offers, on a 1366×768
// Chromebook (the child's path) and a 360×740 phone (the parent's path): no answer on any screen is
// broken across two lines in the middle of a word (three tiles a row had broken "Schelden" into
// "Schelde" / "n"; a soft hyphen, as in "vertrouwens-/persoon", is where a word may break), Terug and
// the way on share one row on the phone, and the help line keeps the space before its number
// ("Bel 112.", not "Bel112."), as do the numbers on the page "Wie helpt je?", each on one line (they
// read "bel gratis0800-0432" and stood as a column "0800-" / "0432" on a phone). At 320×640 the page
// never scrolls sideways, also with the language list open (in Arabic it ran off the left of /volgen,
// whose short title leaves the button at the end of the first line, and the phone widened the page),
// the form's bar with the language button and "Snel weg" stays one row, and the help line's numbers
// stand whole (in Ukrainian "0800-" / "0432"). In Arabic the example
// code at /volgen and the address on the printed slip read left to right, the code on one line.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../server/shared/languages.js';
import { chooseLanguage, reportStep, startBrowserApp, type BrowserApp } from '../helpers/chromium.js';

const roleLabels = (language: string): { self: string; parent: string } =>
  (JSON.parse(readFileSync(new URL(`../../web/src/i18n/catalogs/${language}.json`, import.meta.url), 'utf8')) as {
    role: { options: { self: string; parent: string } };
  }).role.options;

let run: BrowserApp;
beforeAll(async () => {
  run = await startBrowserApp();
});
afterAll(async () => {
  await run.close();
});

/** The answers on screen (tiles, entry paths, summary answers) whose words run over two lines. */
function brokenWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const form = document.querySelector('klikvrij-app')!.shadowRoot!.querySelector('report-form')!.shadowRoot!;
    const texts: Element[] = [...form.querySelectorAll('.entry span, dd.answer')];
    for (const group of form.querySelectorAll('choice-group')) texts.push(...group.shadowRoot!.querySelectorAll('.option span'));
    const broken: string[] = [];
    for (const element of texts) {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const word of node.textContent!.matchAll(/[^\s/\u00ad-]+/gu)) {
          // The line of a letter is that of its last box: a letter right after a soft hyphen also
          // reports the hyphen drawn at the end of the line before.
          const lineOf = (offset: number): number => {
            const range = document.createRange();
            range.setStart(node, offset);
            range.setEnd(node, offset + 1);
            return Math.round([...range.getClientRects()].at(-1)?.top ?? 0);
          };
          if (lineOf(word.index) !== lineOf(word.index + word[0].length - 1)) broken.push(word[0]);
        }
      }
    }
    return broken;
  });
}

/** How far the page reaches past the window's right edge (0: no sideways scrolling). */
function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth);
}

/**
 * Per phone link of the help line (or of the help page's "after school" list), the room between the
 * last letter before the number and the number, in px.
 */
function spaceBeforeNumbers(page: Page, where: 'help-lines' | 'info-page' = 'help-lines'): Promise<number[]> {
  return page.evaluate((where) => {
    const rtl = document.documentElement.dir === 'rtl';
    const lines = document.querySelector('klikvrij-app')!.shadowRoot!.querySelector(where)!.shadowRoot!;
    return [...lines.querySelectorAll('a[href^="tel:"]')].map((link) => {
      const number = link.querySelector('bdi')!;
      const walker = document.createTreeWalker(link, NodeFilter.SHOW_TEXT);
      let before: Node | undefined;
      for (let node = walker.nextNode(); node && !number.contains(node); node = walker.nextNode()) {
        if (node.textContent!.trim() !== '') before = node;
      }
      if (!before) throw new Error(`no words before the number in "${link.textContent}"`);
      const letters = before.textContent!.trimEnd();
      const range = document.createRange();
      range.setStart(before, letters.length - 1);
      range.setEnd(before, letters.length);
      const letter = range.getBoundingClientRect();
      const digits = number.getBoundingClientRect();
      // Only where both sit on one line; a wrap between them is a space too.
      if (letter.bottom <= digits.top || digits.bottom <= letter.top) return Number.POSITIVE_INFINITY;
      return rtl ? letter.left - digits.right : digits.left - letter.right;
    });
  }, where);
}

/** The phone numbers of the help line (or of the help page) that do not stand on one line. */
function brokenNumbers(page: Page, where: 'help-lines' | 'info-page'): Promise<string[]> {
  return page.evaluate((where) => {
    const find = (root: Document | ShadowRoot): Element | null => {
      const here = root.querySelector(where);
      if (here) return here;
      for (const element of root.querySelectorAll('*')) {
        const inner = element.shadowRoot && find(element.shadowRoot);
        if (inner) return inner;
      }
      return null;
    };
    const numbers = find(document)!.shadowRoot!.querySelectorAll('a[href^="tel:"] bdi');
    return [...numbers].filter((number) => number.getClientRects().length !== 1).map((number) => number.textContent!);
  }, where);
}

/** Walks from the entry path to the summary with "Verder"/"Sla over", calling `check` on every screen. */
async function walk(page: Page, entry: string, check: (step: string) => Promise<void>): Promise<void> {
  await page.locator('report-form .entries button', { hasText: entry }).click();
  for (let guard = 0; guard < 25; guard++) {
    const step = await reportStep(page);
    await check(step);
    if (step === 'summary') return;
    // Online ticked: the platforms (brand names) and the screenshots screens come too.
    if (step === 'kinds') await page.locator('report-form choice-group input[value="cyber"]').check();
    const story = page.locator('report-form textarea');
    if ((await story.count()) > 0 && (await story.inputValue()) === '') await story.fill('Ze schoppen mij en schelden mij uit.');
    await page.locator('report-form .nav .next').click();
    await expect.poll(() => reportStep(page)).not.toBe(step);
  }
  throw new Error('the summary was never reached');
}

async function openForm(language: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await run.browser.newContext({ viewport });
  const page = await context.newPage();
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(run.baseUrl);
  await page.locator('report-form').waitFor();
  await chooseLanguage(page, language);
  return page;
}

describe.each(LANGUAGES)('in %s', (language) => {
  it('a child on a 1366×768 Chromebook reads every answer in whole words, and the help line keeps its spaces', async () => {
    const page = await openForm(language, { width: 1366, height: 768 });
    for (const space of await spaceBeforeNumbers(page)) expect(space, 'space before the number').toBeGreaterThanOrEqual(3);
    await walk(page, roleLabels(language).self, async (step) => {
      expect(await brokenWords(page), `${language} 1366 ${step}`).toEqual([]);
      expect(await sidewaysOverflow(page), `${language} 1366 ${step}`).toBe(0);
    });
    await page.context().close();
  });

  it('a parent on a 360×740 phone reads whole words, with Terug and the way on in one row', async () => {
    const page = await openForm(language, { width: 360, height: 740 });
    for (const space of await spaceBeforeNumbers(page)) expect(space, 'space before the number').toBeGreaterThanOrEqual(3);
    await walk(page, roleLabels(language).parent, async (step) => {
      expect(await brokenWords(page), `${language} 360 ${step}`).toEqual([]);
      expect(await sidewaysOverflow(page), `${language} 360 ${step}`).toBe(0);
      const back = await page.locator('report-form .nav .back').boundingBox();
      const next = await page.locator('report-form .nav .next').boundingBox();
      if (back && next) {
        const middle = (box: { y: number; height: number }) => box.y + box.height / 2;
        expect(Math.abs(middle(back) - middle(next)), `${language} 360 ${step}: one row`).toBeLessThan(back.height / 2);
      }
    });
    if (language === 'ar') {
      // The printed slip's address inside Arabic words reads left to right, whole.
      await page.locator('report-form .nav .next').click();
      const address = page.locator('receipt-code .slip bdi', { hasText: '/volgen' });
      await address.waitFor({ state: 'attached', timeout: 15_000 });
      expect(await address.innerText()).toBe(`${run.baseUrl}/volgen`);
      expect(await address.getAttribute('dir')).toBe('ltr');
    }
    await page.context().close();
  });

  it('the help page "Wie helpt je?" keeps the space before each phone number and the number on one line, at 1366×768 and 360×740', async () => {
    for (const viewport of [{ width: 1366, height: 768 }, { width: 360, height: 740 }]) {
      const context = await run.browser.newContext({ viewport });
      const page = await context.newPage();
      await page.goto(`${run.baseUrl}/?lang=${language}&info=contacts`);
      await page.locator('info-page .outside a').first().waitFor();
      const spaces = await spaceBeforeNumbers(page, 'info-page');
      expect(spaces).toHaveLength(2);
      for (const space of spaces) expect(space, `${language} ${viewport.width}: space before the number`).toBeGreaterThanOrEqual(3);
      expect(await brokenNumbers(page, 'info-page'), `${language} ${viewport.width}`).toEqual([]);
      await context.close();
    }
  });

  it('at 320×640 keeps the help line\'s numbers whole, the form\'s bar one row, and the open language list on screen, on the form and at /volgen', async () => {
    for (const address of ['/', '/volgen']) {
      const context = await run.browser.newContext({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });
      const page = await context.newPage();
      await page.goto(`${run.baseUrl}${address}?lang=${language}`);
      // The help line's numbers whole (in Ukrainian "0800-" / "0432").
      await page.locator('help-lines a').first().waitFor();
      expect(await brokenNumbers(page, 'help-lines'), `${language} ${address}`).toEqual([]);
      if (address === '/') {
        // The bar stays on screen while scrolling: in Polish and Ukrainian it took two rows, 121 px.
        const toggle = (await page.locator('language-switch .toggle').boundingBox())!;
        const exit = (await page.locator('quick-exit button').boundingBox())!;
        expect(exit.y, `${language}: Snel weg beside the language button`).toBeLessThan(toggle.y + toggle.height);
        expect(toggle.y, `${language}: Snel weg beside the language button`).toBeLessThan(exit.y + exit.height);
      }
      await page.locator('language-switch .toggle').click();
      const list = page.locator('language-switch ul');
      await list.waitFor();
      const box = await list.evaluate((element) => element.getBoundingClientRect().toJSON() as { left: number; right: number });
      expect(box.left, `${language} ${address}`).toBeGreaterThanOrEqual(0);
      expect(box.right, `${language} ${address}`).toBeLessThanOrEqual(320);
      expect(await page.evaluate(() => [window.innerWidth, window.scrollX]), `${language} ${address}`).toEqual([320, 0]);
      await context.close();
    }
  });

  it('never scrolls sideways at 320×640', async () => {
    const page = await openForm(language, { width: 320, height: 640 });
    expect(await sidewaysOverflow(page)).toBe(0);
    await walk(page, roleLabels(language).parent, async (step) => {
      expect(await sidewaysOverflow(page), `${language} 320 ${step}`).toBe(0);
    });
    await page.context().close();
  });
});

it('/volgen in Arabic: the example code stands whole and left to right on one line', async () => {
  const context = await run.browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.goto(`${run.baseUrl}/volgen?lang=ar`);
  await page.locator('receipt-entry #code-hint').waitFor();
  const example = page.locator('receipt-entry #code-hint bdi');
  expect(await example.count()).toBe(1);
  expect(await example.innerText()).toBe('kat-boom-vis-roos-melk-bal');
  expect(await example.getAttribute('dir')).toBe('ltr');
  expect(await example.evaluate((element) => element.getClientRects().length), 'on one line').toBe(1);
  await context.close();
});
