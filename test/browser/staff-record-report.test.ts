import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logInToStaffPortal, startBrowserApp, type BrowserApp } from '../helpers/chromium.js';

// A staff member records a report a parent told them on the phone, and hands the parent the code.

let run: BrowserApp;

beforeAll(async () => {
  run = await startBrowserApp();
});
afterAll(async () => {
  await run?.close();
});

describe('Melding vastleggen in the browser', () => {
  it('records a phoned-in report with signals, shows the code for the slip, and the case says how it came in', async () => {
    const context = await run.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));

    await logInToStaffPortal(run, page, 'elmar.van.dokkum@vivente.nu');

    await page.getByRole('link', { name: 'Melding vastleggen' }).click();
    await page.getByRole('heading', { name: 'Melding vastleggen' }).waitFor();
    await page.getByLabel('Telefonisch').check();
    await page.getByLabel('Wie meldde het?').selectOption('parent');
    await page.getByLabel('Wat is er gebeurd?').fill('Mijn dochter wordt elke pauze buitengesloten.');
    await page.getByLabel('Buitensluiten').check();
    await page.getByLabel('Is gauw boos of prikkelbaar').check();
    await page.getByLabel(/wil de melding zelf volgen/).check();
    await page.getByRole('button', { name: 'Melding opslaan' }).click();

    await page.getByRole('heading', { name: 'Melding vastgelegd' }).waitFor();
    const words = (await page.locator('staff-receipt-slip .code').textContent())!.trim().split(/\s+/);
    expect(words).toHaveLength(6);
    expect(await page.getByText('CBS de Kopakker').count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: 'Print' }).count()).toBe(1);

    // On paper the slip stands alone: no colleague's name, role or menu from the header.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('staff-receipt-slip .code').isVisible()).toBe(true);
    expect(await page.locator('staff-header').isVisible()).toBe(false);
    expect(await page.getByText('Elmar van Dokkum').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Uitloggen' }).isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });

    // The code works at /api/followup, as the parent will use it at /volgen.
    const followUp = await fetch(`${run.baseUrl}/api/followup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ receipt: words.join('-') }),
    });
    expect(followUp.status).toBe(200);

    await page.getByRole('link', { name: 'Naar de melding' }).click();
    await page.getByRole('heading', { name: /^Melding \d+$/ }).waitFor();
    expect(await page.getByText('Telefonisch', { exact: true }).count()).toBe(1);
    expect(await page.getByText('Is gauw boos of prikkelbaar').count()).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  });
});
