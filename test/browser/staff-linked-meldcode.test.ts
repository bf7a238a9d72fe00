import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, logInToStaffPortal, startBrowserApp, type BrowserApp } from '../helpers/chromium.js';
import { submitReport } from '../helpers/staff.js';

// On the case page the directeur links a second report into the case and marks it for the
// Meldcode, then records its first step.

let run: BrowserApp;

beforeAll(async () => {
  run = await startBrowserApp();
});
afterAll(async () => {
  await run?.close();
});

describe('one case of two reports, marked for the Meldcode, in the browser', () => {
  it('links a report by its number, marks the case and records Meldcode stap 1', async () => {
    const first = await submitReport(run.t, { description: 'Ze duwen Sem elke dag in de gang.' });
    const second = await submitReport(run.t, { role: 'bystander', description: 'Ik zag dat Sem werd geduwd.' });
    const context = await run.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await logInToStaffPortal(run, page, 'elmar.van.dokkum@vivente.nu');

    await page.goto(`${run.baseUrl}/staff/reports/${first.id}`);
    await page.getByRole('heading', { name: `Melding ${first.id}` }).waitFor();
    await page.getByLabel('Nummer van de melding').fill(String(second.id));
    await page.getByRole('button', { name: 'Koppel aan deze zaak' }).click();
    await page.getByRole('link', { name: `Melding ${second.id}` }).waitFor();
    expect(await page.locator('#case-reports li').count()).toBe(2);

    // Elmar is the directeur: stap 6 mails nobody, and the form says why rather than to tell someone.
    await page.getByLabel('Stap', { exact: true }).selectOption('6');
    expect(await page.getByText('Er gaat geen mail: jij bent zelf de directeur.').count()).toBe(1);
    // The seed's table has no aandachtsfunctionaris: the page says the mark mails nobody, never that one is told.
    expect(await page.getByText('Er gaat geen mail: de contacttabel van de school heeft geen aandachtsfunctionaris.').count()).toBe(1);
    await page.getByRole('button', { name: 'Markeer voor de Meldcode' }).click();
    await page.getByRole('button', { name: 'Ja, markeer voor de Meldcode' }).click();
    await page.locator('#meldcode-steps li').first().waitFor();
    expect(await page.locator('#meldcode-steps li').count()).toBe(5);
    await page.getByLabel('Stap van de Meldcode').selectOption('1');
    await page.getByLabel('Notitie', { exact: true }).fill('Blauwe plek op de arm gezien.');
    await page.getByRole('button', { name: 'Vastleggen bij de Meldcode' }).click();
    await page.getByText('Blauwe plek op de arm gezien.').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // The linked report's own page shows the same case record.
    await page.getByRole('link', { name: `Melding ${second.id}` }).click();
    await page.getByRole('heading', { name: `Melding ${second.id}` }).waitFor();
    await page.getByText('Blauwe plek op de arm gezien.').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
