// A parent on a 360x740 phone who reads Arabic better than Dutch reports for their child and comes
// back at /volgen. What they stumbled on before: a picture named as a phone's photo picker names it
// ("1000012345.jpg") read "jpg.1000012345" in the list and in the message about it; the receipt code
// typed at /volgen ran right to left, so its first letter was cut off; the school's Dutch answer took
// the Arabic direction, its "?" jumping to the front; the one box "mail me when the school writes"
// said "you may pick more than one"; the summary left out the groep and the e-mail address, so a
// typo in it went unseen; and a tile reached with Tab could sit wholly under the sticky bar with the
// way on; and read-aloud read the school's Dutch and the Dutch code words with the Arabic voice,
// while those words carried no lang="nl" for a screen reader.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SCREENSHOT_BYTES } from '../../server/shared/limits.js';
import { axeViolations, chooseLanguage, openReportForm, reportStep, startBrowserApp, type BrowserApp } from '../helpers/chromium.js';
import { schoolWrites } from '../helpers/followup.js';
import { pngImage } from '../helpers/images.js';
import { installSpeech, spokenIn } from './speech.js';

const json = (file: string) => JSON.parse(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'));
/** The server's Arabic messages and the Arabic page's words. */
const ar = json('server/shared/server-messages/ar.json') as { followUp: { unknownCode: string } };
const arPage = json('web/src/i18n/catalogs/ar.json') as {
  pickMore: string;
  role: { options: { parent: string } };
  signals: { options: Record<string, string> };
  screenshots: { tooBig: string };
  identity: { legend: string; named: string; groupOption: string; notifyLegend: string };
  receipt: { title: string; writeDown: string };
  followUp: { send: string; codeLabel: string; status: { received: string }; from: { school: string } };
};

const PHONE = { width: 360, height: 740 };
const SCHOOL_ASKS = 'Dank u wel. In welke groep zit uw kind?';

let run: BrowserApp;
beforeAll(async () => {
  run = await startBrowserApp();
});
afterAll(async () => {
  await run?.close();
});

/** The first element `selector` finds in the page or in any shadow root (a selector within one root). */
const DEEP_QUERY = `(selector) => {
  const find = (root) => {
    const here = root.querySelector(selector);
    if (here) return here;
    for (const element of root.querySelectorAll('*')) {
      const inner = element.shadowRoot && find(element.shadowRoot);
      if (inner) return inner;
    }
    return null;
  };
  return find(document);
}`;

/**
 * Where two letters of `text` inside the element `selector` are drawn, from the left of the screen:
 * the first letter of `text` and the first letter of `later`, which follows it in reading order.
 */
function lettersAt(page: Page, selector: string, text: string, later: string): Promise<[number, number] | null> {
  return page.evaluate(
    `(() => {
      const element = (${DEEP_QUERY})(${JSON.stringify(selector)});
      if (!element) return null;
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const start = node.textContent.indexOf(${JSON.stringify(text)});
        if (start < 0) continue;
        const leftOf = (offset) => {
          const range = document.createRange();
          range.setStart(node, offset);
          range.setEnd(node, offset + 1);
          return range.getBoundingClientRect().left;
        };
        return [leftOf(start), leftOf(start + ${JSON.stringify(text)}.indexOf(${JSON.stringify(later)}))];
      }
      return null;
    })()`,
  );
}

/** The computed direction and language of the element `selector` finds. */
function directionOf(page: Page, selector: string): Promise<{ direction: string; lang: string } | null> {
  return page.evaluate(`(() => {
    const element = (${DEEP_QUERY})(${JSON.stringify(selector)});
    if (!element) return null;
    // The language in force: the nearest lang attribute, through the shadow roots' hosts.
    let holder = element;
    while (holder && !holder.lang) holder = holder.parentElement || holder.getRootNode().host;
    return { direction: getComputedStyle(element).direction, lang: holder ? holder.lang : '' };
  })()`);
}

/** Walks the parent's path on from the current screen to `until`, answering what an online report needs. */
async function walkTo(page: Page, until: string): Promise<void> {
  const form = page.locator('report-form');
  for (let screen = 0; screen < 25; screen++) {
    const current = await reportStep(page);
    if (current === until) return;
    if (current === 'kinds') await form.locator('choice-group input[value="cyber"]').check();
    if (current === 'places') await form.locator('choice-group input[value="online"]').check();
    if (current === 'description') await form.locator('textarea').fill('ابني يتلقى رسائل سيئة في مجموعة الصف.');
    await form.locator('.nav .next').click();
    await expect.poll(() => reportStep(page)).not.toBe(current);
  }
  throw new Error(`never reached ${until}`);
}

describe('a parent on a phone, in Arabic', () => {
  it('sees the pictures by their names in their own order, one mail box asks no "pick more", and the summary shows the address', async () => {
    const { context, page, errors } = await openReportForm(run, { viewport: PHONE, language: 'ar', entry: arPage.role.options.parent });
    await walkTo(page, 'screenshots');
    const tooBig = Buffer.concat([await pngImage(10, 10), Buffer.alloc(MAX_SCREENSHOT_BYTES)]);
    await page.locator('report-form screenshot-picker input[type=file]').setInputFiles([
      { name: '1000012345.jpg', mimeType: 'image/png', buffer: await pngImage(40, 30) },
      { name: '1000012346.png', mimeType: 'image/png', buffer: tooBig },
    ]);
    await page.locator('report-form screenshot-picker li .name').waitFor();
    // Read left to right: the digits first, the extension after them, in the list and in the message.
    const [listDigits, listExtension] = (await lettersAt(page, 'li .name', '1000012345.jpg', 'jpg'))!;
    expect(listExtension).toBeGreaterThan(listDigits);
    const [messageDigits, messageExtension] = (await lettersAt(page, 'div#error p', '1000012346.png', 'png'))!;
    expect(messageExtension).toBeGreaterThan(messageDigits);
    expect(await page.locator('report-form screenshot-picker .error').innerText()).toContain(arPage.screenshots.tooBig.split('{name}')[1]!.split('{megabytes}')[0]!.trim());

    await walkTo(page, 'identity');
    const identity = page.locator('report-form identity-fields');
    await identity.locator('choice-group input[value="named"]').check();
    await identity.locator('text-field input').first().fill('Fatima');
    await identity.locator('select').selectOption('5');
    await identity.locator('text-field input[type=email]').fill('fatima@example.nl');
    expect(await directionOf(page, 'input[type=email]')).toMatchObject({ direction: 'ltr' });
    const notify = identity.locator('choice-group', { hasText: arPage.identity.notifyLegend });
    await notify.locator('input[type=checkbox]').waitFor();
    expect(await notify.innerText()).not.toContain(arPage.pickMore);
    expect(await axeViolations(page)).toEqual([]);

    // The summary: name, groep and the address the school's mail goes to, the address left to right.
    await walkTo(page, 'summary');
    const answer = page.locator('report-form dl.summary .row', { hasText: arPage.identity.legend }).locator('dd.answer');
    expect((await answer.innerText()).replace(/[\u2068\u2069]/g, '')).toBe(
      `${arPage.identity.named}: Fatima, ${arPage.identity.groupOption.replace('{group}', '5')}, fatima@example.nl`,
    );
    const [user, domain] = (await lettersAt(page, 'dl.summary', 'fatima@example.nl', 'example'))!;
    expect(domain).toBeGreaterThan(user);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("types the code left to right at /volgen, reads the school's Dutch in its own direction, and answers", async () => {
    const sent = await run.t.app.inject({
      method: 'POST',
      url: '/api/reports',
      payload: { role: 'parent', language: 'ar', description: 'ابني يتلقى رسائل سيئة.' },
    });
    const { receipt, receiptWords } = sent.json() as { receipt: string; receiptWords: string };
    await schoolWrites(run.t, receipt, SCHOOL_ASKS);

    const context = await run.browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, reducedMotion: 'reduce' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${run.baseUrl}/volgen?lang=ar`);
    const code = page.locator('input#code');
    await code.waitFor();
    expect(await directionOf(page, 'input#code')).toMatchObject({ direction: 'ltr' });

    // A wrong code first: the school's answer says so in Arabic, and the code stays as typed, from its start.
    await code.fill('kat-boom-vis-roos-melk-bal');
    await code.press('Enter');
    await expect.poll(() => page.locator('receipt-entry #problem').innerText()).toContain(ar.followUp.unknownCode);
    expect(await code.evaluate((input: HTMLInputElement) => input.scrollLeft)).toBe(0);

    await code.fill(receiptWords);
    await code.press('Enter');
    await page.locator('message-list li.school').waitFor();
    // The school's Dutch starts on the left and ends with its "?", for the eye and for a screen reader's voice.
    expect(await directionOf(page, 'li.school .text')).toEqual({ direction: 'ltr', lang: 'nl' });
    const [start, questionMark] = (await lettersAt(page, 'li.school .text', SCHOOL_ASKS, '?'))!;
    expect(questionMark).toBeGreaterThan(start);

    await page.locator('answer-box textarea').fill('ابني في المجموعة 5.');
    await page.getByRole('button', { name: arPage.followUp.send }).click();
    await page.locator('message-list li.reporter').waitFor();
    expect(await directionOf(page, 'li.reporter .text')).toEqual({ direction: 'rtl', lang: 'ar' });
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('reaches every sign with Tab without one ever hiding under the bar with the way on', async () => {
    const { context, page } = await openReportForm(run, { viewport: PHONE, language: 'ar', entry: arPage.role.options.parent });
    for (const screen of ['danger', 'afraid']) {
      await expect.poll(() => reportStep(page)).toBe(screen);
      await page.locator('report-form choice-group input[value="no"]').check();
      await page.locator('report-form .nav .next').click();
    }
    await expect.poll(() => reportStep(page)).toBe('signals');
    const hidden: string[] = [];
    const signals = Object.keys(arPage.signals.options).length;
    for (let tab = 0; tab <= signals; tab++) {
      await page.keyboard.press('Tab');
      const place = await page.evaluate(`(() => {
        let focused = document.activeElement;
        while (focused && focused.shadowRoot && focused.shadowRoot.activeElement) focused = focused.shadowRoot.activeElement;
        if (!focused || focused.type !== 'checkbox') return null;
        const tile = focused.closest('label').getBoundingClientRect();
        const nav = (${DEEP_QUERY})('.nav');
        return { text: focused.closest('label').textContent.trim(), bottom: tile.bottom, navTop: nav.getBoundingClientRect().top };
      })()`);
      const tile = place as { text: string; bottom: number; navTop: number } | null;
      if (tile && tile.bottom > tile.navTop + 1) hidden.push(`${tile.text}: ends at ${tile.bottom}, the bar starts at ${tile.navTop}`);
    }
    expect(hidden).toEqual([]);
    await context.close();
  });

  it('hears the Dutch code words and the school\'s Dutch with a Dutch voice, the rest with the Arabic one', async () => {
    const context = await run.browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, reducedMotion: 'reduce' });
    await installSpeech(context, [
      { lang: 'ar-SA', name: 'العربية', localService: true },
      { lang: 'nl-NL', name: 'Nederlands', localService: true },
    ]);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(run.baseUrl);
    await page.locator('report-form').waitFor();
    await chooseLanguage(page, 'ar');
    await page.locator('report-form .entry', { hasText: arPage.role.options.parent }).click();
    await walkTo(page, 'summary');
    await page.locator('report-form .nav .next').click();
    const shown = page.locator('receipt-code #code');
    await shown.waitFor();
    const words = (await shown.innerText()).replace(/\s+/g, '');

    // The code words are Dutch on the screen and on the printed slip, left to right.
    expect(await directionOf(page, 'p#code')).toEqual({ direction: 'ltr', lang: 'nl' });
    expect(await directionOf(page, '.slip .code')).toEqual({ direction: 'ltr', lang: 'nl' });
    await page.locator('receipt-code read-aloud button').click();
    const onReceipt = await spokenIn(page);
    expect(onReceipt.map((utterance) => utterance.lang)).toEqual(['ar', 'nl-NL', 'ar']);
    expect(onReceipt[0]!.text).toContain(arPage.receipt.title);
    expect(onReceipt[1]!.text).toBe(`${words.split('-').join(', ')}.`);
    expect(onReceipt[2]!.text).toContain(arPage.receipt.writeDown);

    await schoolWrites(run.t, words, SCHOOL_ASKS);
    await page.locator('receipt-code input[type=checkbox]').check();
    await page.goto(`${run.baseUrl}/volgen`);
    await page.getByLabel(arPage.followUp.codeLabel).fill(words);
    expect(await directionOf(page, 'input#code')).toEqual({ direction: 'ltr', lang: 'nl' });
    await page.keyboard.press('Enter');
    await page.locator('message-list li.school').waitFor();
    await page.locator('follow-up-page section read-aloud button').click();
    // A new page: it has heard nothing before.
    const onFollowUp = await spokenIn(page);
    expect(onFollowUp).toEqual([
      { lang: 'ar', text: expect.stringContaining(arPage.followUp.status.received) },
      { lang: 'nl-NL', text: SCHOOL_ASKS },
    ]);
    expect(onFollowUp[0]!.text).toMatch(new RegExp(`${arPage.followUp.from.school}:$`));
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
