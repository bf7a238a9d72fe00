// A child on a school Chromebook (1366x768) sends a report; the server stores it, but the answer is lost
// on the way (the wifi drops). The form says "Versturen lukte niet" and the child presses Verstuur again,
// at once or after reloading the tab. Before, that made a second report, and the receipt code of the
// first, which the school had already answered to, was lost. Now the second try shows the first code.
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReportForm, reportStep, startBrowserApp, type BrowserApp } from '../helpers/chromium.js';
import { countReports } from '../helpers/rows.js';

const CHROMEBOOK = { width: 1366, height: 768 };

let run: BrowserApp;
beforeAll(async () => {
  run = await startBrowserApp();
});
afterAll(async () => {
  await run?.close();
});

/** From the question after "who are you" to the summary, with a story and nothing else. */
async function walkToSummary(page: Page): Promise<void> {
  while ((await reportStep(page)) !== 'summary') {
    const before = await reportStep(page);
    if (before === 'description') await page.locator('report-form textarea').fill('Ze pakken elke dag mijn tas af.');
    await page.locator('report-form .nav .next').click();
    await expect.poll(() => reportStep(page)).not.toBe(before);
  }
}

/**
 * Sends the report; the server stores it, then the connection is reset, so the page never hears the
 * answer. Later tries go through. Resolves with the receipt words the server gave the first time.
 */
async function sendAndLoseTheAnswer(page: Page): Promise<string> {
  let stored: (words: string) => void = () => undefined;
  const words = new Promise<string>((resolve) => (stored = resolve));
  let lost = false;
  await page.route('**/api/reports', async (route: Route) => {
    if (lost) return route.continue();
    lost = true;
    const answer = await route.fetch();
    stored(((await answer.json()) as { receiptWords: string }).receiptWords);
    await route.abort('connectionreset');
  });
  await page.locator('report-form .nav .next').click();
  const alert = page.locator('report-form .alert');
  await expect.poll(() => alert.innerText()).toBe('Versturen lukte niet. Er is niets weg. Probeer het zo nog een keer.');
  expect(await alert.evaluate((element) => element.matches(':focus'))).toBe(true);
  return words;
}

async function receiptOnScreen(page: Page): Promise<string> {
  const code = page.locator('receipt-code #code');
  await code.waitFor();
  return (await code.innerText()).replace(/\s+/g, '');
}

describe('a report whose answer was lost on the way, sent again', () => {
  it('shows the code of the report the server stored, and the school has one report', async () => {
    const { context, page, errors } = await openReportForm(run, { viewport: CHROMEBOOK, language: 'nl', entry: 'Het gebeurt bij mij' });
    await walkToSummary(page);
    const before = await countReports(run.t.context.db);
    const stored = await sendAndLoseTheAnswer(page);
    await page.locator('report-form .nav .next').click();
    expect(await receiptOnScreen(page)).toBe(stored);
    expect(await countReports(run.t.context.db)).toBe(before + 1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows that code after a reload of the tab too (the draft keeps its key)', async () => {
    const { context, page, errors } = await openReportForm(run, { viewport: CHROMEBOOK, language: 'nl', entry: 'Het gebeurt bij mij' });
    await walkToSummary(page);
    const before = await countReports(run.t.context.db);
    const stored = await sendAndLoseTheAnswer(page);
    await page.reload();
    await expect.poll(() => reportStep(page)).toBe('summary');
    await page.locator('report-form .nav .next').click();
    expect(await receiptOnScreen(page)).toBe(stored);
    expect(await countReports(run.t.context.db)).toBe(before + 1);
    expect(errors).toEqual([]);
    await context.close();
  });
});
