// "Wil je je naam geven?" answered "Ja, met mijn naam". A six-year-old on a Chromebook was asked "In
// welke groep zit je?" under the line "Ben je ouder? Kies de groep van je kind.", a sentence for
// someone else; a parent was asked which group they themselves were in. And the e-mail hint said "Mag
// leeg blijven. Dan kan de school je mailen.", which reads as: leave it empty and the school mails you.
// An address the server refuses ("fatima@gmail") was marked on the summary only, on a phone fourteen rows
// below the alert that said to look for it; now the form goes back to the name screen with it.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { openReportForm, reportStep, startBrowserApp, type BrowserApp } from '../helpers/chromium.js';

const arServer = JSON.parse(readFileSync(new URL('../../server/shared/server-messages/ar.json', import.meta.url), 'utf8')) as {
  input: { summary: string };
  report: { email: string };
};

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

describe('an address the server refuses', () => {
  it('a parent at 360x740 in Arabic is taken back to the name screen with the message there, and the report then goes', async () => {
    const { context, page, errors } = await openReportForm(run, { viewport: { width: 360, height: 740 }, language: 'ar', entry: 'أنا أب أو أم أو وليّ أمر' });
    await walkToNamedIdentity(page, 'ابنتي لا يُسمح لها باللعب.');
    const identity = page.locator('report-form identity-fields');
    await identity.locator('text-field input').first().fill('Fatima');
    const email = identity.locator('input[type=email]');
    await email.fill('fatima@gmail');
    while ((await reportStep(page)) !== 'summary') await page.locator('report-form .nav .next').click();
    await page.locator('report-form .nav .next').click();

    await expect.poll(() => reportStep(page)).toBe('identity');
    const alert = page.locator('report-form .alert');
    await expect.poll(() => alert.innerText()).toBe(arServer.input.summary);
    expect(await alert.evaluate((element) => element.matches(':focus'))).toBe(true);
    expect(await identity.locator('text-field .error').allInnerTexts()).toEqual([arServer.report.email]);
    expect(await email.inputValue()).toBe('fatima@gmail');

    await email.fill('fatima@gmail.com');
    await page.locator('report-form .nav .next', { hasText: 'تم' }).click();
    await expect.poll(() => reportStep(page)).toBe('summary');
    await page.locator('report-form .nav .next').click();
    await page.locator('receipt-code #code').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
