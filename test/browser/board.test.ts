// The board admin area in a real Chromium against the real app, from an empty install: the admin
// named in BOARD_ADMINS logs in with the mailed link, adds a second school and its contacts, opens
// its poster, and a report sent through that school's own address reaches its contacts' mail.
// axe-core on every board screen. Needs the build (npm test builds first).
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, axeViolations, logInToStaffPortal, readMailbox, startBrowserApp, type BrowserApp, type Mail } from '../helpers/chromium.js';

const ADMIN = 'bestuur@vivente.nu';

let run: BrowserApp;
let context: BrowserContext | undefined;

beforeAll(async () => {
  run = await startBrowserApp({ env: { BOARD_ADMINS: ADMIN } });
});

afterAll(async () => {
  await context?.close();
  await run?.close();
});

/** The mail's link on the test server's own port (the mail uses PUBLIC_URL). */
function linkIn(mail: Mail, pattern: RegExp): string {
  const match = pattern.exec(mail.text);
  expect(match, `a link in "${mail.subject}"`).not.toBeNull();
  const url = new URL(match![0]);
  return `${run.baseUrl}${url.pathname}${url.search}${url.hash}`;
}

async function expectNoViolations(page: Page, screen: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `board-${screen}.png`), fullPage: true });
  expect(await axeViolations(page), `axe on ${screen}`).toEqual([]);
}

function step(page: Page): Promise<string> {
  return page.evaluate(() => {
    const form = document.querySelector('klikvrij-app')?.shadowRoot?.querySelector('report-form')?.shadowRoot;
    return /step-(\S+)/.exec(form?.querySelector('form')?.className ?? '')?.[1] ?? '';
  });
}

describe('board admin area in the browser', () => {
  it('sets up a second school from an empty install, and a report through its own address mails its contacts', async () => {
    context = await run.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));

    // Log in with the link from the mail.
    await page.goto(`${run.baseUrl}/beheer`);
    await page.getByLabel('Je e-mailadres').fill(ADMIN);
    await expectNoViolations(page, 'login');
    await page.getByRole('button', { name: 'Stuur mij een inloglink' }).click();
    await page.getByRole('status').filter({ hasText: /link/ }).first().waitFor();
    const loginMail = (await readMailbox(run.t)).find((mail) => mail.to.includes(ADMIN));
    expect(loginMail, 'a login mail to the admin').toBeDefined();
    await page.goto(linkIn(loginMail!, /https?:\/\/\S+\/beheer\/login#\S+/));
    await page.getByRole('button', { name: 'Inloggen' }).click();

    // The schools: only the seed's, from the first start.
    await page.getByRole('heading', { name: 'Scholen' }).waitFor();
    await expect.poll(() => page.locator('board-school-list tbody tr').count()).toBe(1);
    await expectNoViolations(page, 'schools');

    // A second school with its first contact.
    await page.getByRole('link', { name: '+ School toevoegen' }).click();
    await page.getByRole('heading', { name: 'School toevoegen' }).waitFor();
    await expectNoViolations(page, 'new-school');
    // A reserved address is refused on its field, and nothing is lost of what was typed.
    await page.getByLabel('Adres (kort, kleine letters), zoals de-linde').fill('default');
    await page.getByLabel('Naam van de school').fill('OBS De Linde');
    await page.getByLabel('Regio van de schoolvakanties').selectOption('noord');
    await page.getByLabel('Naam', { exact: true }).fill('Anouk Smit');
    await page.getByLabel('E-mailadres').fill('anouk.smit@linde.nl');
    await page.getByLabel('Anti-pestcoördinator').check();
    await page.getByLabel('Vertrouwenspersoon').check();
    await page.getByRole('button', { name: 'School opslaan' }).click();
    await expect.poll(() => page.getByText('Dit adres gebruikt klikvrij zelf.').count()).toBe(1);
    await expectNoViolations(page, 'new-school-error');
    await page.getByLabel('Adres (kort, kleine letters), zoals de-linde').fill('de-linde');
    // The address cannot be changed once saved: the form shows it whole, and says so, before it is.
    await expect
      .poll(() => page.locator('#slug-preview').innerText())
      .toBe(`Het meldformulier komt op ${run.baseUrl}/school/de-linde. Kijk het goed na: dit adres kun je later niet meer veranderen. Het staat op de poster en in elke link.`);
    await page.getByRole('button', { name: 'School opslaan' }).click();

    // Its page: the form address, the poster and the contact table; a second contact is added.
    await page.getByRole('heading', { name: 'OBS De Linde' }).waitFor();
    // The table takes reports, and says what it lacks for the protocol's other mails.
    await expect.poll(() => page.locator('#table-warnings li').count()).toBe(3);
    expect(await page.locator('#table-warnings').innerText()).toMatch(/geen directeur of MT-lid[\s\S]*geen IB'er[\s\S]*geen aandachtsfunctionaris/);
    await page.getByRole('button', { name: '+ Contactpersoon toevoegen' }).click();
    await page.getByLabel('Naam', { exact: true }).fill('Karim Bakker');
    await page.getByLabel('E-mailadres').fill('karim.bakker@linde.nl');
    await page.getByLabel('Anti-pestcoördinator').check();
    await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await page.getByRole('cell', { name: 'karim.bakker@linde.nl' }).waitFor();
    // The buttons' names start with what they show, then whose row it is.
    await expect.poll(() => page.getByRole('button', { name: 'Wijzigen — Karim Bakker' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: 'Stoppen — Anouk Smit' }).count()).toBe(1);
    await expectNoViolations(page, 'school');

    // A contact for next school year: listed as such, and not mailed this year (below).
    await page.getByRole('button', { name: '+ Contactpersoon toevoegen' }).click();
    await page.getByLabel('Naam', { exact: true }).fill('Noor Visser');
    await page.getByLabel('E-mailadres').fill('noor.visser@linde.nl');
    await page.getByLabel('Anti-pestcoördinator').check();
    await page.getByLabel('Pas vanaf volgend schooljaar (1 augustus)').check();
    await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await page.getByRole('cell', { name: 'noor.visser@linde.nl' }).waitFor();
    await expect.poll(() => page.getByText(/^vanaf schooljaar \d{4}-\d{4}$/).count()).toBe(1);

    // Its region's holidays are listed, and a studiedag is added to them.
    await page.getByRole('cell', { name: 'herfstvakantie' }).first().waitFor();
    await page.getByLabel('Datum').fill('2026-03-16');
    await page.getByLabel('Wat is het? (bijvoorbeeld: studiedag)').fill('Studiedag');
    await page.getByRole('button', { name: 'Vrije dag toevoegen' }).click();
    await page.getByRole('button', { name: 'Weghalen — maandag 16 maart 2026' }).waitFor();
    await expectNoViolations(page, 'school-days-off');

    // The school year: the admin confirms that the table is right for it, and sees who did and when.
    await page.getByRole('button', { name: /^Tabel \d{4}-\d{4} bevestigen$/ }).click();
    await expect.poll(() => page.getByText(/is bevestigd door bestuur@vivente\.nu op/).count()).toBe(1);
    expect(await page.getByRole('button', { name: /bevestigen$/ }).count()).toBe(0);

    // The poster: the school's name, the slogan, its own address and a QR code.
    await page.getByRole('link', { name: /Poster met QR-code/ }).click();
    await page.getByRole('heading', { name: 'Melden is geen klikken' }).waitFor();
    const poster = page.locator('board-poster article');
    await expect.poll(() => poster.innerText()).toMatch(/OBS De Linde[\s\S]*\/school\/de-linde/);
    // The QR code is made on the server and shown from the page itself (no request leaves).
    expect(await poster.locator('img').getAttribute('src')).toMatch(/^data:image\//);
    await expect.poll(() => poster.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await expectNoViolations(page, 'poster');
    expect(problems).toEqual([]);

    // A pupil reports through the school's own address: the mail goes to its two contacts only.
    const pupil = await run.browser.newContext({ viewport: { width: 360, height: 740 } });
    const form = await pupil.newPage();
    await form.goto(`${run.baseUrl}/school/de-linde`);
    await form.locator('report-form .entry', { hasText: 'Iets anders' }).click();
    while ((await step(form)) !== 'summary') {
      const before = await step(form);
      if (before === 'description') await form.locator('report-form textarea').fill('Ze pakken mijn tas af.');
      await form.locator('report-form .nav .next').click();
      await expect.poll(() => step(form)).not.toBe(before);
    }
    await form.locator('report-form .nav .next').click();
    await form.locator('receipt-code #code').waitFor();
    await pupil.close();

    const notifications = (await readMailbox(run.t)).filter((mail) => /Nieuwe melding/.test(mail.subject));
    expect(notifications.map((mail) => mail.to.toLowerCase()).sort()).toEqual([
      expect.stringContaining('anouk.smit@linde.nl'),
      expect.stringContaining('karim.bakker@linde.nl'),
    ]);

    // The figures: one report is shown as "< 5", the chart says what it shows in words.
    await page.goto(`${run.baseUrl}/beheer`);
    await page.getByRole('link', { name: 'Cijfers per school' }).click();
    await page.getByRole('heading', { name: 'OBS De Linde' }).waitFor();
    const chart = page.getByRole('img', { name: /^Meldingen per maand, OBS De Linde: / });
    await chart.waitFor();
    expect(await chart.getAttribute('aria-label')).toContain('< 5');
    await expectNoViolations(page, 'figures');
    expect(problems).toEqual([]);
  });

  it('warns the directeur in the staff portal about a table nobody confirmed this school year, until they confirm it', async () => {
    // The seed's school was set up a school year ago and its table was not confirmed since.
    await run.t.context.db.updateTable('school').set({ created_at: '2024-09-02T08:00:00.000Z' }).where('slug', '=', 'kopakker').execute();
    const staff = await run.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
    const page = await staff.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await logInToStaffPortal(run, page, 'elmar.van.dokkum@vivente.nu');
    const warning = page.locator('staff-school-year-notice .school-year-warning');
    await expect.poll(() => warning.innerText()).toMatch(/contacttabel van CBS de Kopakker voor schooljaar \d{4}-\d{4} is nog niet bevestigd/);
    await expectNoViolations(page, 'staff-school-year-warning');
    await page.getByRole('link', { name: 'Kijk de tabel na en bevestig hem' }).click();
    await page.getByRole('heading', { name: 'Schooljaar', exact: true }).waitFor();
    await expectNoViolations(page, 'staff-school-year');
    await page.getByRole('button', { name: /^Tabel \d{4}-\d{4} bevestigen$/ }).click();
    await expect.poll(() => page.getByText(/is bevestigd door Elmar van Dokkum op/).count()).toBe(1);

    // Back at the inbox the notice asks again, and now shows nothing.
    const asked = page.waitForResponse((response) => response.url().endsWith('/api/staff/school-year'));
    await page.getByRole('link', { name: 'Meldingen', exact: true }).click();
    expect((await (await asked).json()).schoolYear.unconfirmed).toBe(false);
    await page.getByRole('heading', { name: 'Meldingen' }).waitFor();
    expect(await page.locator('staff-school-year-notice .school-year-warning').count()).toBe(0);
    expect(problems).toEqual([]);
    await staff.close();
  });
});
