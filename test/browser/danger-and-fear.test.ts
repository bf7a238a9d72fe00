// "In danger now" and "afraid to go to school" are two questions. On a 1366x768 Chromebook and a
// 360x740 phone, in Dutch and English: "ja" to danger shows 112 and De Kindertelefoon big, their
// chat as a plain link, and "Stuur nu", which sends what is filled in at once (urgent, no story
// needed); "ja" to fear says the school will hurry, shows no 112, and the report is urgent for
// the school. Each screen has its pictograms, and axe finds nothing.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeReceiptCode } from '../../server/receipts/receipt-code.js';
import { axeViolations, openReportForm, startBrowserApp, type BrowserApp } from '../helpers/chromium.js';
import { findReportByReceiptHash } from '../helpers/rows.js';

const VIEWPORTS = [
  { name: 'chromebook', width: 1366, height: 768 },
  { name: 'phone', width: 360, height: 740 },
] as const;

const WORDS = {
  nl: {
    entry: 'Het gebeurt bij mij',
    danger: 'Ben je nu in gevaar?',
    afraid: 'Ben je bang om naar school te gaan?',
    sendNow: 'Stuur nu naar school',
    afraidNote: 'Dan weet de school dat het snel moet.',
    kinds: 'Wat gebeurt er?',
  },
  en: {
    entry: 'It happens to me',
    danger: 'Are you in danger right now?',
    afraid: 'Are you afraid to go to school?',
    sendNow: 'Send to school now',
    afraidNote: 'Then the school knows it is urgent.',
    kinds: 'What happens?',
  },
} as const;

let run: BrowserApp;

beforeAll(async () => {
  run = await startBrowserApp();
});

afterAll(async () => {
  await run?.close();
});

async function open(viewport: (typeof VIEWPORTS)[number], language: keyof typeof WORDS) {
  return openReportForm(run, { viewport, language, entry: WORDS[language].entry });
}

function heading(page: Page): Promise<string> {
  return page.locator('report-form #question').innerText();
}

/** The question's pictogram and each answer's are drawn (something inside the svg). */
async function pictograms(page: Page): Promise<{ question: boolean; answers: boolean[] }> {
  const drawn = 'svg :is(path, circle, rect)';
  return {
    question: (await page.locator(`report-form .head ${drawn}`).count()) > 0,
    answers: await Promise.all(
      (await page.locator('report-form choice-group label.option').all()).map(async (label) => (await label.locator(drawn).count()) > 0),
    ),
  };
}

async function storedReport(receipt: string) {
  const hash = run.t.context.keyedHash(normalizeReceiptCode(receipt)!);
  return findReportByReceiptHash(run.t.context.db, hash);
}

async function receiptOnScreen(page: Page): Promise<string> {
  const code = page.locator('receipt-code #code');
  await code.waitFor({ timeout: 10_000 });
  return (await code.innerText()).replace(/\s+/g, '');
}

/** Both contacts were mailed since outbox row `id`, each subject marked DRINGEND. */
async function expectTwoDringendMailsAfter(id: number): Promise<void> {
  const rows = await run.t.context.db.selectFrom('outbox').select('subject').where('id', '>', id).execute();
  expect(rows.length).toBe(2);
  for (const row of rows) expect(row.subject).toMatch(/^DRINGEND: /);
}

async function lastOutboxId(): Promise<number> {
  const row = await run.t.context.db.selectFrom('outbox').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  return Number(row?.id ?? 0);
}

function inView(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((element) => {
    const box = element.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight && box.left >= 0 && box.right <= window.innerWidth;
  });
}

describe('in danger now, and "Stuur nu"', () => {
  for (const viewport of VIEWPORTS) {
    for (const language of ['nl', 'en'] as const) {
      it(`${viewport.width}x${viewport.height} in ${language.toUpperCase()}: the numbers big, the chat link, and Stuur nu sends at once`, async () => {
        const words = WORDS[language];
        const { context, page, errors } = await open(viewport, language);
        expect(await heading(page)).toBe(words.danger);
        expect(await pictograms(page)).toEqual({ question: true, answers: [true, true] });
        expect(await page.locator('report-form .urgent').count()).toBe(0);

        await page.locator('report-form choice-group input[value="yes"]').check();
        const panel = page.locator('report-form .urgent[role="alert"]');
        await panel.waitFor();
        const sizes = await panel.locator('.call .number').evaluateAll((numbers) =>
          numbers.map((number) => ({ text: number.textContent ?? '', size: parseFloat(getComputedStyle(number).fontSize) })),
        );
        expect(sizes.map((number) => number.text)).toEqual([expect.stringContaining('112'), expect.stringContaining('0800-0432')]);
        for (const number of sizes) expect(number.size).toBeGreaterThanOrEqual(20);
        const chat = panel.locator('.chat a');
        expect(await chat.getAttribute('href')).toBe('https://www.kindertelefoon.nl');
        expect(await chat.getAttribute('rel')).toContain('noopener');
        expect(await axeViolations(page)).toEqual([]);

        const before = await lastOutboxId();
        const sendNow = panel.locator('.send-now button');
        expect(await sendNow.innerText()).toBe(words.sendNow);
        await sendNow.scrollIntoViewIfNeeded();
        expect(await inView(page, 'report-form .send-now button')).toBe(true);
        await sendNow.click();
        const receipt = await receiptOnScreen(page);

        const report = await storedReport(receipt);
        expect(report).toMatchObject({ role: 'self', urgent: 1, in_danger: 1, afraid_of_school: null, description: '', kinds: '[]' });
        await expectTwoDringendMailsAfter(before);
        expect(errors).toEqual([]);
        await context.close();
      }, 60_000);
    }
  }
});

describe('afraid to go to school', () => {
  for (const viewport of VIEWPORTS) {
    for (const language of ['nl', 'en'] as const) {
      it(`${viewport.width}x${viewport.height} in ${language.toUpperCase()}: its own screen, no 112, urgent for the school`, async () => {
        const words = WORDS[language];
        const { context, page, errors } = await open(viewport, language);
        await page.locator('report-form choice-group input[value="no"]').check();
        expect(await page.locator('report-form .urgent').count()).toBe(0);
        await page.locator('report-form .nav .next').click();
        await expect.poll(() => heading(page)).toBe(words.afraid);
        expect(await pictograms(page)).toEqual({ question: true, answers: [true, true] });

        await page.locator('report-form choice-group input[value="yes"]').check();
        await expect.poll(() => page.locator('report-form .afraid-note').innerText()).toBe(words.afraidNote);
        expect(await page.locator('report-form .urgent').count()).toBe(0);
        expect(await page.locator('report-form a[href^="tel:"]').count()).toBe(0);
        expect(await axeViolations(page)).toEqual([]);

        // On to the story (the rest skipped), then the summary and Verstuur.
        await page.locator('report-form .nav .next').click();
        await expect.poll(() => heading(page)).toBe(words.kinds);
        const before = await lastOutboxId();
        for (let screen = 0; screen < 20; screen++) {
          const step = await page.locator('report-form form').getAttribute('class');
          if (step?.includes('step-summary')) break;
          if (step?.includes('step-description')) await page.locator('report-form textarea').fill('Ze wachten mij op bij het hek.');
          await page.locator('report-form .nav .next').click();
          await expect.poll(() => page.locator('report-form form').getAttribute('class')).not.toBe(step);
        }
        expect(await page.locator('report-form dl.summary').innerText()).toContain(words.afraid);
        await page.locator('report-form .nav .next').click();
        const report = await storedReport(await receiptOnScreen(page));
        expect(report).toMatchObject({ urgent: 1, in_danger: 0, afraid_of_school: 1, description: 'Ze wachten mij op bij het hek.' });
        await expectTwoDringendMailsAfter(before);
        expect(errors).toEqual([]);
        await context.close();
      }, 60_000);
    }
  }
});
