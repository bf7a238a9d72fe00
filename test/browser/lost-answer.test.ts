// A child on a school Chromebook (1366x768) sends a report; the server stores it, but the answer is lost
// on the way (the wifi drops). The form says "Versturen lukte niet" and the child presses Verstuur again,
// at once or after reloading the tab. Before, that made a second report, and the receipt code of the
// first, which the school had already answered to, was lost. Now the second try shows the first code.
// The same at /volgen: an answer to the school whose 201 was lost and that is sent again is stored once.
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReportForm, reportStep, startBrowserApp, type BrowserApp } from '../helpers/chromium.js';
import { countReports } from '../helpers/rows.js';
import { schoolWrites } from '../helpers/followup.js';

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
 * The first request to `url` reaches the server, which stores it; then the connection is reset, so
 * the page never hears the answer. Later requests go through. Resolves with the server's answer body.
 */
async function loseFirstAnswer(page: Page, url: string): Promise<{ body: Promise<unknown> }> {
  let stored: (body: unknown) => void = () => undefined;
  const body = new Promise<unknown>((resolve) => (stored = resolve));
  let lost = false;
  await page.route(url, async (route: Route) => {
    if (lost) return route.continue();
    lost = true;
    const answer = await route.fetch();
    stored(await answer.json());
    await route.abort('connectionreset');
  });
  return { body };
}

/** Sends the report and loses the answer; resolves with the receipt words the server gave. */
async function sendAndLoseTheAnswer(page: Page): Promise<string> {
  const stored = await loseFirstAnswer(page, '**/api/reports');
  const words = stored.body.then((body) => (body as { receiptWords: string }).receiptWords);
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

describe('an answer at /volgen whose 201 was lost, sent again', () => {
  it('keeps what the child typed, and the school gets it once', async () => {
    const sent = await fetch(`${run.baseUrl}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'self', description: 'Ze pakken mijn tas af.' }),
    });
    const { receiptWords } = (await sent.json()) as { receiptWords: string };
    const reportId = await schoolWrites(run.t, receiptWords, 'In welke groep zit je?');
    const context = await run.browser.newContext({ viewport: CHROMEBOOK });
    const page = await context.newPage();
    await page.goto(`${run.baseUrl}/volgen`);
    await page.getByLabel('Jouw code').fill(receiptWords);
    await page.keyboard.press('Enter');
    await page.getByLabel('Schrijf terug aan de school').fill('Groep 5.');
    const stored = await loseFirstAnswer(page, '**/api/followup/messages');
    await page.getByRole('button', { name: 'Verstuur' }).click();
    await stored.body;
    const problem = page.locator('answer-box #problem');
    await expect.poll(() => problem.innerText()).toBe('Versturen lukte niet. Je bericht staat er nog. Probeer het zo nog een keer.');
    expect(await problem.evaluate((element) => element.matches(':focus'))).toBe(true);
    expect(await page.getByLabel('Schrijf terug aan de school').inputValue()).toBe('Groep 5.');
    await page.getByRole('button', { name: 'Verstuur' }).click();
    await page.getByText('Je bericht is verstuurd.').waitFor();
    expect(await page.locator('message-list li.reporter').allInnerTexts()).toEqual([expect.stringContaining('Groep 5.')]);
    const rows = await run.t.context.db.selectFrom('message').select('id').where('report_id', '=', reportId).where('author', '=', 'reporter').execute();
    expect(rows).toHaveLength(1);
    await context.close();
  });
});
