// Back steps through the questions (the page's Terug, the browser's Back and Forward) and closes an
// information page opened over one (it stayed on screen while the hidden form went back), a reload
// keeps the draft while the tab lives (sessionStorage, never localStorage), and Snel weg, sending
// and closing the tab leave nothing: no stored draft, and no question to go Back to.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserApp, type BrowserApp, reportStep } from '../helpers/chromium.js';

let run: BrowserApp;

beforeAll(async () => {
  run = await startBrowserApp();
});

afterAll(async () => {
  await run?.close();
});

const NEUTRAL_PAGE = '<!doctype html><html lang="nl"><title>Weer</title><p>Het weer van vandaag</p></html>';

async function open(): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await run.browser.newContext({ viewport: { width: 1366, height: 768 } });
  await context.route('https://www.google.nl/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: NEUTRAL_PAGE }),
  );
  const page = await context.newPage();
  await page.goto(run.baseUrl);
  await page.locator('report-form').waitFor();
  return { page, close: () => context.close() };
}

const step = reportStep;

async function expectStep(page: Page, expected: string): Promise<void> {
  await expect.poll(() => step(page)).toBe(expected);
}

async function forward(page: Page): Promise<void> {
  const before = await step(page);
  await page.locator('report-form .nav .next').click();
  await expect.poll(() => step(page)).not.toBe(before);
}

/** role → danger → afraid → kinds → places → frequency, with an answer on each. */
async function answerFirstQuestions(page: Page): Promise<void> {
  await page.locator('report-form .entry', { hasText: 'Het gebeurt bij mij' }).click();
  await expectStep(page, 'danger');
  await page.locator('report-form choice-group input[value="no"]').check();
  await forward(page);
  await expectStep(page, 'afraid');
  await page.locator('report-form choice-group input[value="no"]').check();
  await forward(page);
  await page.locator('report-form choice-group input[value="verbal"]').check();
  await forward(page);
  await page.locator('report-form choice-group input[value="playground"]').check();
  await forward(page);
  await expectStep(page, 'frequency');
}

const storage = (page: Page) =>
  page.evaluate(() => ({ session: sessionStorage.length, local: localStorage.length, draft: sessionStorage.getItem('klikvrij-draft') }));

describe('back through the questions', () => {
  it('browser Back and Forward walk the screens and keep every answer; Terug is the same Back', async () => {
    const { page, close } = await open();
    await answerFirstQuestions(page);
    await page.goBack();
    await expectStep(page, 'places');
    expect(await page.locator('report-form choice-group input[value="playground"]').isChecked()).toBe(true);
    await page.goBack();
    await expectStep(page, 'kinds');
    expect(await page.locator('report-form choice-group input[value="verbal"]').isChecked()).toBe(true);
    await page.goForward();
    await expectStep(page, 'places');
    // The page's own Terug moves back in the same history: browser Forward returns.
    const length = await page.evaluate(() => history.length);
    await page.locator('report-form .nav .back').click();
    await expectStep(page, 'kinds');
    expect(await page.evaluate(() => history.length)).toBe(length);
    await page.goForward();
    await expectStep(page, 'places');
    // Four more Backs reach the first screen, still on the site.
    for (let i = 0; i < 4; i++) await page.goBack();
    await expectStep(page, 'role');
    expect(page.url().startsWith(run.baseUrl)).toBe(true);
    await close();
  });

  it('a reload keeps the draft and the screen, in this tab only; localStorage stays empty', async () => {
    const { page, close } = await open();
    await answerFirstQuestions(page);
    await page.locator('report-form choice-group input[value="daily"]').check();
    await page.reload();
    await page.locator('report-form').waitFor();
    await expectStep(page, 'frequency');
    expect(await page.locator('report-form choice-group input[value="daily"]').isChecked()).toBe(true);
    const stored = await storage(page);
    expect(stored.local).toBe(0);
    expect(JSON.parse(stored.draft!)).toMatchObject({ step: 'frequency', draft: { role: 'self', kinds: ['verbal'], frequency: 'daily' } });
    // Back still steps through the questions after the reload.
    await page.goBack();
    await expectStep(page, 'places');

    // Another tab (or the tab after closing) starts empty.
    const other = await page.context().newPage();
    await other.goto(run.baseUrl);
    await other.locator('report-form').waitFor();
    await expectStep(other, 'role');
    expect((await storage(other)).session).toBe(0);
    await close();
  });

  it('an information page closes with Back and opens again with Forward, over the question it was opened from', async () => {
    const { page, close } = await open();
    await answerFirstQuestions(page);
    const info = page.locator('info-page');
    const form = page.locator('report-form');
    // Before, Back left the information page on screen and moved the hidden form back a question.
    await page.locator('footer a', { hasText: 'Plagen of pesten?' }).click();
    await info.waitFor();
    await page.goBack();
    await info.waitFor({ state: 'detached' });
    expect(await form.isVisible()).toBe(true);
    await expectStep(page, 'frequency');
    await page.goForward();
    await info.waitFor();
    expect(await form.isVisible()).toBe(false);
    // "Terug naar melden" is the same Back: one more Back is then one question back, with its answer.
    await page.getByRole('button', { name: 'Terug naar melden' }).click();
    await info.waitFor({ state: 'detached' });
    await expectStep(page, 'frequency');
    await page.goBack();
    await expectStep(page, 'places');
    expect(await page.locator('report-form choice-group input[value="playground"]').isChecked()).toBe(true);
    // Snel weg from an information page leaves nothing to go Back to either.
    await page.locator('footer a', { hasText: 'Wie helpt je?' }).click();
    await info.waitFor();
    await Promise.all([page.waitForURL(/google\.nl/), page.locator('quick-exit button').click()]);
    await page.goBack().catch(() => undefined);
    expect(page.url().startsWith(run.baseUrl)).toBe(false);
    await close();
  });

  it('Snel weg forgets the stored draft and leaves no question to go Back or Forward to', async () => {
    const { page, close } = await open();
    await answerFirstQuestions(page);
    expect((await storage(page)).draft).not.toBeNull();
    await Promise.all([page.waitForURL(/google\.nl/), page.locator('quick-exit button').click()]);
    await page.goBack().catch(() => undefined);
    expect(page.url().startsWith(run.baseUrl)).toBe(false);
    // Whatever Forward leads to, no question of this report shows.
    await page.goForward().catch(() => undefined);
    if (page.url().startsWith(run.baseUrl)) {
      await page.locator('report-form').waitFor();
      await expectStep(page, 'role');
    }
    // The same tab on the site again: nothing stored, the first screen.
    await page.goto(run.baseUrl);
    await page.locator('report-form').waitFor();
    await expectStep(page, 'role');
    expect(await storage(page)).toEqual({ session: 0, local: 0, draft: null });
    await close();
  });

  it('sending forgets the stored draft', async () => {
    const { page, close } = await open();
    await answerFirstQuestions(page);
    while ((await step(page)) !== 'description') await forward(page);
    await page.locator('report-form textarea').fill('Ze schelden mij uit op het plein.');
    while ((await step(page)) !== 'summary') await forward(page);
    await page.locator('report-form .nav .next').click();
    await page.locator('receipt-code #code').waitFor();
    expect(await storage(page)).toEqual({ session: 0, local: 0, draft: null });
    await close();
  });
});
