// A screenshot that cannot go does not cost the report: the browser refuses what is no picture by
// its first bytes (a PDF renamed .png) when it is picked, naming the file (isolated, U+2068 … U+2069,
// so that in Arabic a name keeps its order); a file the server refuses
// (a cut-off PNG, which starts like a picture) is named in the answer, the form goes to the pictures
// with that file marked and every other answer kept, and after "Haal weg" the report goes through.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeReceiptCode } from '../../server/receipts/receipt-code.js';
import { axeViolations, openReportForm, startBrowserApp, type BrowserApp, reportStep } from '../helpers/chromium.js';
import { pngImage } from '../helpers/images.js';
import { findReportByReceiptHash } from '../helpers/rows.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const STORY = 'Ze sturen foto’s van mij in de groepsapp.';

const WORDS = {
  nl: { entry: 'Het gebeurt bij mij', refused: '\u2068kapot.png\u2069 kan niet mee. Haal het weg. Dan kun je opnieuw versturen.', remove: 'Haal weg' },
  en: { entry: 'It happens to me', refused: '\u2068kapot.png\u2069 cannot be sent. Remove it. Then you can send again.', remove: 'Remove' },
} as const;

let run: BrowserApp;

beforeAll(async () => {
  run = await startBrowserApp();
});

afterAll(async () => {
  await run?.close();
});

const step = reportStep;

/** Walks on from the current screen to `until`, answering what an online report needs. */
async function walkTo(page: Page, until: string, pick?: () => Promise<void>): Promise<void> {
  const form = page.locator('report-form');
  for (let screen = 0; screen < 25; screen++) {
    const current = await step(page);
    if (current === until) return;
    if (current === 'kinds') await form.locator('choice-group input[value="cyber"]').check();
    if (current === 'screenshots' && pick) await pick();
    if (current === 'description') await form.locator('textarea').fill(STORY);
    await form.locator('.nav .next').click();
    await expect.poll(() => step(page)).not.toBe(current);
  }
  throw new Error(`never reached ${until}`);
}

async function open(viewport: { width: number; height: number }, language: keyof typeof WORDS) {
  return openReportForm(run, { viewport, language, entry: WORDS[language].entry });
}

function files(page: Page): Promise<string[]> {
  return page.locator('report-form screenshot-picker li .name').allInnerTexts();
}

async function storedScreenshots(receipt: string) {
  const hash = run.t.context.keyedHash(normalizeReceiptCode(receipt)!);
  const report = await findReportByReceiptHash(run.t.context.db, hash);
  const shots = await run.t.context.db.selectFrom('screenshot').select(['width', 'height']).where('report_id', '=', report.id).execute();
  return { report, shots };
}

async function send(page: Page): Promise<void> {
  await page.locator('report-form .nav .next').click();
}

async function receipt(page: Page): Promise<string> {
  const code = page.locator('receipt-code #code');
  await code.waitFor({ timeout: 10_000 });
  return (await code.innerText()).replace(/\s+/g, '');
}

describe('a screenshot that cannot go', () => {
  it('a PDF renamed .png next to a real PNG is refused when picked, by name; the PNG goes with the report', async () => {
    const { context, page, errors } = await open({ width: 1366, height: 768 }, 'nl');
    await walkTo(page, 'screenshots');
    await page.locator('report-form screenshot-picker input[type=file]').setInputFiles([
      { name: 'plein.png', mimeType: 'image/png', buffer: await pngImage(40, 30) },
      { name: 'brief.png', mimeType: 'image/png', buffer: PDF },
    ]);
    await expect.poll(() => page.locator('report-form screenshot-picker .error').innerText()).toBe(
      '\u2068brief.png\u2069 is geen plaatje. Kies een PNG, JPG, WebP of GIF.',
    );
    expect(await files(page)).toEqual(['plein.png']);
    await walkTo(page, 'summary');
    await send(page);
    const { report, shots } = await storedScreenshots(await receipt(page));
    expect(report.description).toBe(STORY);
    expect(shots).toEqual([{ width: 40, height: 30 }]);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  for (const [language, viewport] of [
    ['nl', { width: 1366, height: 768 }],
    ['en', { width: 360, height: 740 }],
  ] as const) {
    it(`${viewport.width}x${viewport.height} in ${language.toUpperCase()}: the server refuses one file, the form names it, keeps the answers, and sends without it`, async () => {
      const words = WORDS[language];
      const { context, page, errors } = await open(viewport, language);
      const png = await pngImage(200, 120);
      // A cut-off PNG starts like a picture, so only the server can tell.
      const cut = png.subarray(0, Math.floor(png.length / 2));
      await walkTo(page, 'summary', () =>
        page.locator('report-form screenshot-picker input[type=file]').setInputFiles([
          { name: 'goed.png', mimeType: 'image/png', buffer: png },
          { name: 'kapot.png', mimeType: 'image/png', buffer: cut },
        ]),
      );
      const before = await run.t.context.db.selectFrom('report').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      await send(page);

      // Back on the pictures: the alert names the file, and the file carries the server's reason.
      await expect.poll(() => step(page)).toBe('screenshots');
      await expect.poll(() => page.locator('report-form .alert').innerText()).toBe(words.refused);
      const refused = page.locator('report-form screenshot-picker li.refused');
      expect(await refused.locator('.name').innerText()).toBe('kapot.png');
      expect((await refused.locator('.file-error').innerText()).length).toBeGreaterThan(10);
      expect(await page.locator('report-form screenshot-picker li:not(.refused) .name').allInnerTexts()).toEqual(['goed.png']);
      expect(await axeViolations(page)).toEqual([]);
      const after = await run.t.context.db.selectFrom('report').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));

      await refused.locator('button', { hasText: words.remove }).click();
      expect(await files(page)).toEqual(['goed.png']);
      // The way on leads back to the summary, where every answer is still there.
      await page.locator('report-form .nav .next').click();
      await expect.poll(() => step(page)).toBe('summary');
      expect(await page.locator('report-form dl.summary').innerText()).toContain(STORY);
      await send(page);
      const { report, shots } = await storedScreenshots(await receipt(page));
      expect(report).toMatchObject({ description: STORY, kinds: '["cyber"]' });
      expect(shots).toEqual([{ width: 200, height: 120 }]);
      expect(errors).toEqual([]);
      await context.close();
    }, 60_000);
  }
});
