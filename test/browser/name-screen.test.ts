// "Wil je je naam geven?" answered "Ja, met mijn naam". A six-year-old on a Chromebook was asked "In
// welke groep zit je?" under the line "Ben je ouder? Kies de groep van je kind.", a sentence for
// someone else; a parent was asked which group they themselves were in. And the e-mail hint said "Mag
// leeg blijven. Dan kan de school je mailen.", which reads as: leave it empty and the school mails you.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReportForm, reportStep, startBrowserApp, type BrowserApp } from '../helpers/chromium.js';

let run: BrowserApp;
beforeAll(async () => {
  run = await startBrowserApp();
});
afterAll(async () => {
  await run?.close();
});

/** Walks to the name screen, chooses "with my name", and returns every hint on it (through shadow roots). */
async function walkToNamedIdentity(page: Page, story: string): Promise<string[]> {
  while ((await reportStep(page)) !== 'identity') {
    const before = await reportStep(page);
    if (before === 'description') await page.locator('report-form textarea').fill(story);
    await page.locator('report-form .nav .next').click();
    await expect.poll(() => reportStep(page)).not.toBe(before);
  }
  const identity = page.locator('report-form identity-fields');
  await identity.locator('choice-group input[value="named"]').check();
  await identity.locator('select#group').waitFor();
  return identity.locator('.hint').allInnerTexts();
}

describe('the name screen asks each reporter about themselves', () => {
  it('a child at 1366x768 is asked their own group, with no line for parents', async () => {
    const { context, page } = await openReportForm(run, { viewport: { width: 1366, height: 768 }, language: 'nl', entry: 'Het gebeurt bij mij' });
    const hints = await walkToNamedIdentity(page, 'Ze lachen mij uit.');
    expect(await page.locator('report-form identity-fields label[for="group"]').innerText()).toBe('In welke groep zit je?');
    expect(hints.filter((hint) => /ouder|je kind/i.test(hint))).toEqual([]);
    expect(hints).toContain('Mag leeg blijven. Vul je het in? Dan kan de school je mailen.');
    await context.close();
  });

  it("a parent at 360x740 is asked their child's group, in Dutch and in Arabic", async () => {
    for (const [language, entry, question] of [
      ['nl', 'Ik ben ouder of verzorger', 'In welke groep zit je kind?'],
      ['ar', 'أنا أب أو أم أو وليّ أمر', 'في أي مجموعة (groep) طفلك؟'],
    ] as const) {
      const { context, page } = await openReportForm(run, { viewport: { width: 360, height: 740 }, language, entry });
      await walkToNamedIdentity(page, 'Mijn dochter wordt buitengesloten.');
      expect(await page.locator('report-form identity-fields label[for="group"]').innerText()).toBe(question);
      await context.close();
    }
  });
});
