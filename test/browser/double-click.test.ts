// A six-year-old on a school Chromebook double-clicks with the touchpad. The first click of a double
// click on "Sla over", "Verder" or "Verstuur" shows the next screen, and the second landed on whatever
// lay under the pointer there: it ticked answers the child never saw ("Spullen afpakken", "Online",
// "Facebook") and, on the receipt, "Ik heb mijn code opgeschreven", which drops the warning before the
// only copy of the code is left behind. Now a click that continues a run begun on another screen does
// nothing. The two presses are sent as a double click is (the second with a click count of 2), the
// second once the next screen is drawn, as it is well within a double click's half second.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportStep, startBrowserApp, type BrowserApp } from '../helpers/chromium.js';

let run: BrowserApp;
beforeAll(async () => {
  run = await startBrowserApp();
});
afterAll(async () => {
  await run?.close();
});

/** Double-clicks the middle of `target`; the second press comes once `changed` says the first one acted. */
async function doubleClick(page: Page, target: Locator, changed: () => Promise<boolean>): Promise<void> {
  const box = (await target.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down({ clickCount: 1 });
  await page.mouse.up({ clickCount: 1 });
  await expect.poll(changed).toBe(true);
  await page.mouse.down({ clickCount: 2 });
  await page.mouse.up({ clickCount: 2 });
}

describe('a double click on the way on', () => {
  it('moves one screen and answers nothing on the next, from the first screen to the receipt, whose "written down" stays unticked', async () => {
    const context = await run.browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(run.baseUrl);
    await doubleClick(page, page.locator('report-form .entry', { hasText: 'Het gebeurt bij mij' }), async () => (await reportStep(page)) !== 'role');
    const visited: string[] = [];
    while ((await reportStep(page)) !== 'summary') {
      const screen = await reportStep(page);
      visited.push(screen);
      if (screen === 'description') await page.locator('report-form textarea').fill('Ze lachen mij uit.');
      await doubleClick(page, page.locator('report-form .nav .next'), async () => (await reportStep(page)) !== screen);
    }
    expect(visited).toEqual(['danger', 'afraid', 'kinds', 'places', 'frequency', 'since', 'equal', 'sameTarget', 'hurtful', 'description', 'names', 'identity', 'recipients']);
    const answers = await page.locator('report-form .summary dd.answer').allInnerTexts();
    expect(answers).toEqual([
      'Het gebeurt bij mij',
      ...Array<string>(9).fill('Niet ingevuld'),
      'Ze lachen mij uit.',
      'Niet ingevuld',
      'Nee, zonder naam',
      'Iedereen op school die helpt tegen pesten',
    ]);

    await doubleClick(page, page.locator('report-form .nav .next'), () => page.locator('receipt-code').isVisible());
    const writtenDown = page.getByLabel('Ik heb mijn code opgeschreven');
    await writtenDown.waitFor();
    expect(await writtenDown.isChecked()).toBe(false);
    // A click of its own still works.
    await writtenDown.click();
    expect(await writtenDown.isChecked()).toBe(true);
    await context.close();
  });
});
