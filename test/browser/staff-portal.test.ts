import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_ROOT } from '../../server/plugins/web-pages.js';
import { axeViolations, closeContexts, sharedChromium, readMailbox, type Mail } from '../helpers/chromium.js';
import { pngImage } from '../helpers/images.js';
import { multipartBody } from '../helpers/multipart.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { CLOSING_MESSAGES } from '../../server/shared/protocol.js';
import { enqueueMails } from '../../db/queries/outbox.js';
import { outboxRows } from '../../server/notifications/outbox.js';

// A whole case in a real browser against the real server on a real port, with mail written as
// .eml files: from the notification mail to a closed case.

const ARTIFACTS = path.resolve('test-artifacts');

let t: TestApp;
let browser: Browser;
let baseUrl: string;
let context: BrowserContext;

beforeAll(async () => {
  if (!existsSync(path.join(WEB_ROOT, 'portal', 'index.html'))) {
    throw new Error('dist/web/staff is missing: run `npx vite build --config web/vite.config.ts` first');
  }
  t = await startTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  browser = await sharedChromium();
  await mkdir(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await context?.close();
  if (browser) await closeContexts(browser);
  await t?.close();
});

/** Sends what the outbox holds, then reads every .eml the server wrote. */
const mailbox = (): Promise<Mail[]> => readMailbox(t);

function linkIn(mail: Mail, pattern: RegExp): string {
  const match = pattern.exec(mail.text);
  expect(match, `a link in "${mail.subject}"`).not.toBeNull();
  // The mail's links use PUBLIC_URL; the test server listens on a port chosen at random.
  const url = new URL(match![0]);
  return `${baseUrl}${url.pathname}${url.search}${url.hash}`;
}

async function screenshot(page: Page, name: string): Promise<void> {
  for (const width of [1280, 768]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(ARTIFACTS, `staff-${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('staff portal in the browser', () => {
  it('takes a case from the notification mail to closed, with a question answered at /volgen', async () => {
    // A pupil reports bullying, with a screenshot.
    const { payload, headers } = multipartBody(
      [
        ['role', 'self'],
        ['description', 'Ze zetten lelijke dingen over mij in de groepsapp.'],
        ['kinds[]', 'cyber'],
        ['places[]', 'online'],
        ['platforms[]', 'whatsapp'],
        ['equal', 'false'],
        ['sameTarget', 'true'],
        ['hurtful', 'true'],
        ['frequency', 'daily'],
      ],
      [{ field: 'screenshots', filename: 'app.png', contentType: 'image/png', data: await pngImage(200, 120) }],
    );
    const sent = await fetch(`${baseUrl}/api/reports`, { method: 'POST', body: new Uint8Array(payload), headers });
    expect(sent.status).toBe(201);
    const { receipt } = (await sent.json()) as { receipt: string };

    // Bertine gets the notification and opens its link, not yet logged in.
    const notification = (await mailbox()).find((mail) => mail.to.includes('Bertine.pas@vivente.nu') && /Nieuwe melding/.test(mail.subject));
    expect(notification).toBeDefined();
    const caseUrl = linkIn(notification!, /https?:\/\/\S+\/staff\/reports\/\d+/);

    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      // The first look at /api/staff/me while logged out is an expected 401.
      if (message.type() === 'error' && !/401 \(Unauthorized\)/.test(message.text())) problems.push(message.text());
    });
    page.on('response', (response) => {
      if (response.status() === 404) problems.push(`404 ${response.url()}`);
    });

    await page.goto(caseUrl);
    await page.getByLabel('Je e-mailadres van school').fill('bertine.pas@vivente.nu');
    await screenshot(page, 'login');
    await page.getByRole('button', { name: 'Stuur mij een inloglink' }).click();
    await expect.poll(() => page.getByText('inloglink in die mailbox').count()).toBe(1);

    // The login link arrives as an .eml file; the link is used by its button, once.
    const loginMail = (await mailbox()).find((mail) => mail.to.includes('Bertine.pas@vivente.nu') && /inloglink/.test(mail.subject));
    expect(loginMail).toBeDefined();
    await page.goto(linkIn(loginMail!, /https?:\/\/\S+\/staff\/login#[A-Za-z0-9_-]+/));
    await page.getByRole('button', { name: 'Inloggen', exact: true }).click();

    // Back at the case the mail pointed to, with the token gone from the address bar.
    await page.getByRole('heading', { name: /^Melding \d+$/ }).waitFor();
    expect(page.url()).toBe(caseUrl);
    await expect.poll(() => page.locator('staff-report-details img').count()).toBe(1);
    expect(await page.getByText('Ze zetten lelijke dingen over mij in de groepsapp.').count()).toBe(1);
    expect(await page.getByText('Machtsongelijkheid').count()).toBeGreaterThan(0);
    await screenshot(page, 'case');

    // The inbox lists it, opened now.
    await page.getByRole('link', { name: '← Meldingen' }).click();
    await page.getByRole('heading', { name: 'Meldingen' }).waitFor();
    await expect.poll(() => page.locator('staff-report-list li').count()).toBe(1);
    await screenshot(page, 'inbox');
    await page.locator('staff-report-list a').first().click();
    await page.getByRole('heading', { name: /^Melding \d+$/ }).waitFor();

    // Stap 3a: the parents were informed. The IB'er and an MT-lid (here the directeur) are mailed.
    await page.getByLabel('Stap', { exact: true }).selectOption('3a');
    // The page names whom the step mails, as the table has them.
    expect(
      await page.getByText("Elmar van Dokkum krijgt hiervan een mail (zonder namen of details). Yvonne de Bruin (IB) krijgt bericht dat het om pesten gaat.").count(),
    ).toBe(1);
    await page.getByLabel('Korte notitie (optioneel)').fill('Gesprek met beide ouders, afspraken in Parnassys.');
    await page.getByRole('button', { name: 'Stap vastleggen' }).click();
    await expect.poll(() => page.getByText('Gesprek met beide ouders, afspraken in Parnassys.').count()).toBe(1);
    // The picker moves on to the next step, with the note cleared.
    await expect.poll(() => page.getByLabel('Stap', { exact: true }).inputValue()).toBe('3b');
    expect(await page.getByLabel('Korte notitie (optioneel)').inputValue()).toBe('');
    // In the outbox first (the worker deletes a mail once it is sent), then in the mailbox.
    const queued = await t.context.db.selectFrom('outbox').select(['purpose', 'to_address']).execute();
    expect(queued.find((row) => row.purpose === 'case-pesten')?.to_address).toBe('"Yvonne de Bruin" <Yvonne.de.bruin@vivente.nu>');
    const afterStep = await mailbox();
    const toIb = afterStep.filter((mail) => mail.to.includes('Yvonne.de.bruin@vivente.nu'));
    expect(toIb).toHaveLength(1);
    expect(toIb[0]!.subject).toMatch(/pesten/);
    expect(toIb[0]!.text).not.toContain('groepsapp');
    expect(afterStep.some((mail) => mail.to.includes('Elmar.van.dokkum@vivente.nu') && /stap 3a/.test(mail.subject))).toBe(true);

    // Begeleiding, a note for colleagues and a question to the reporter.
    await page.getByLabel('Medeleven tonen en luisteren en vragen: hoe en door wie wordt er gepest').check();
    await expect.poll(() => page.getByText('(1/7)').count()).toBe(1);
    await page.getByLabel('Nieuwe notitie').fill('Mentor houdt de groepsapp in de gaten.');
    await page.getByRole('button', { name: 'Notitie opslaan' }).click();
    await page.getByLabel('Bericht aan de melder').fill('Dank je wel. Wij gaan met de klas praten.');
    await page.getByRole('button', { name: 'Stuur naar de melder' }).click();
    await expect.poll(() => page.getByText('Dank je wel. Wij gaan met de klas praten.').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    // The status the reporter sees: saving it says so in a live region, in the reporter's own words.
    await page.getByLabel('Wat de melder als status ziet op /volgen').selectOption('in_progress');
    const saved = page.locator('#reporter-status-saved');
    await expect.poll(() => saved.textContent()).toBe('Opgeslagen. De melder ziet nu: "We zijn ermee bezig."');
    expect(await saved.getAttribute('aria-live')).toBe('polite');
    expect(await page.locator('#reporter-sees').textContent()).toContain('Wat de melder ziet: We zijn ermee bezig.');

    // The reporter, on another computer with only the code, reads the question at /volgen and answers.
    const reporterContext = await browser.newContext({ viewport: { width: 390, height: 800 }, locale: 'nl-NL' });
    const reporter = await reporterContext.newPage();
    await reporter.goto(`${baseUrl}/volgen`);
    await reporter.getByLabel('Jouw code').fill(receipt);
    await reporter.getByRole('button', { name: 'Bekijk' }).click();
    await expect.poll(() => reporter.getByText('Dank je wel. Wij gaan met de klas praten.').count()).toBe(1);
    expect(await reporter.getByText('We zijn ermee bezig.', { exact: true }).count()).toBe(1);
    expect(await reporter.getByText('Mentor houdt de groepsapp in de gaten.').count()).toBe(0);
    await reporter.getByLabel('Schrijf terug aan de school').fill('Het gebeurt vooral na gym.');
    await reporter.getByRole('button', { name: 'Verstuur' }).click();
    await expect.poll(() => reporter.getByText('Je bericht is verstuurd.').count()).toBe(1);
    await reporterContext.close();

    // Staff are told by mail (without the words; for an anonymous reporter it waits in the outbox for
    // the next full hour) and see the answer on the case page.
    const answerMail = await t.context.db
      .selectFrom('outbox')
      .select(['subject', 'text_body'])
      .where('purpose', '=', 'reporter-answer')
      .where('to_address', 'like', '%Bertine.pas@vivente.nu%')
      .executeTakeFirstOrThrow();
    expect(answerMail.subject).toMatch(/Nieuw bericht/);
    expect(answerMail.text_body).not.toContain('gym');
    // The inbox marks the case with the new answer until Bertine (nobody is assigned) opens it.
    await page.getByRole('link', { name: '← Meldingen' }).click();
    await page.getByRole('heading', { name: 'Meldingen' }).waitFor();
    const row = page.locator('staff-report-list a').first();
    await expect.poll(() => row.getByText('Nieuw antwoord van de melder').count()).toBe(1);
    await screenshot(page, 'inbox-new-answer');
    await row.click();
    await page.getByRole('heading', { name: /^Melding \d+$/ }).waitFor();
    await expect.poll(() => page.getByText('Het gebeurt vooral na gym.').count()).toBe(1);

    // Printed, the case is its summary for the dossier, whole to its last line: no forms, buttons or header.
    expect(await page.getByRole('button', { name: 'Print samenvatting' }).count()).toBe(1);
    await page.emulateMedia({ media: 'print' });
    const onPaper = page.locator('staff-case-summary .on-paper');
    expect(await onPaper.isVisible()).toBe(true);
    // The whole summary stands there as generated content (the textarea would print only its lines in view).
    const printed = (await onPaper.getAttribute('data-text'))!;
    expect(printed).toBe(await page.getByLabel('Samenvatting als tekst').inputValue());
    expect(await onPaper.evaluate((element) => getComputedStyle(element, '::before').content)).toContain('Het gebeurt vooral na gym.');
    expect(await onPaper.evaluate((element) => element.getBoundingClientRect().height)).toBeGreaterThan(300);
    for (const line of ['Gesprek met beide ouders, afspraken in Parnassys.', 'Mentor houdt de groepsapp in de gaten.', '> Het gebeurt vooral na gym.']) {
      expect(printed).toContain(line);
    }
    for (const hidden of [page.getByLabel('Samenvatting als tekst'), page.getByRole('button', { name: 'Stap vastleggen' }), page.locator('staff-header')]) {
      expect(await hidden.isVisible()).toBe(false);
    }
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('link', { name: '← Meldingen' }).click();
    await page.getByRole('heading', { name: 'Meldingen' }).waitFor();
    await expect.poll(() => page.locator('staff-report-list li').count()).toBe(1);
    expect(await page.getByText('Nieuw antwoord van de melder').count()).toBe(0);
    await page.locator('staff-report-list a').first().click();
    await page.getByRole('heading', { name: /^Melding \d+$/ }).waitFor();

    // Closing asks first: the message to the reporter, prefilled per outcome, edited here, then confirmed.
    const closing = page.locator('staff-case-closing');
    await closing.getByRole('button', { name: 'Afsluiten: opgelost' }).click();
    await closing.getByRole('heading', { name: 'Afsluiten als opgelost?' }).waitFor();
    const closingMessage = closing.getByLabel('Bericht aan de melder');
    expect(await closingMessage.inputValue()).toBe(CLOSING_MESSAGES.resolved);
    const stillOpen = await t.context.db.selectFrom('report').select('status').executeTakeFirstOrThrow();
    expect(stillOpen.status).toBe('open');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'close-confirm');
    const edited = `${CLOSING_MESSAGES.resolved} Groetjes van juf Bertine.`;
    await closingMessage.fill(edited);
    await closing.getByRole('button', { name: 'Ja, sluit af en stuur het bericht' }).click();
    await page.getByRole('button', { name: 'Heropenen' }).waitFor();
    expect(await page.locator('#reporter-sees').textContent()).toContain('Wat de melder ziet: Afgerond.');
    const followUp = (await (await fetch(`${baseUrl}/api/followup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ receipt }),
    })).json()) as { status: string; messages: Array<{ text: string }> };
    expect(followUp.status).toBe('closed');
    expect(followUp.messages.map((message) => message.text)).toEqual([
      'Dank je wel. Wij gaan met de klas praten.',
      'Het gebeurt vooral na gym.',
      edited,
    ]);
    expect(JSON.stringify(followUp)).not.toContain('Mentor');
    await screenshot(page, 'case-closed');

    // Log out: the session is gone server-side too.
    await page.getByRole('button', { name: 'Uitloggen', exact: true }).click();
    await page.getByLabel('Je e-mailadres van school').waitFor();
    expect(await t.context.db.selectFrom('staff_session').selectAll().execute()).toHaveLength(0);

    expect(problems).toEqual([]);
  });

  it('shows the directeur the audit log, read only, and a mail that did not arrive until it is removed', async () => {
    await context?.close();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/staff`);
    await page.getByLabel('Je e-mailadres van school').fill('Elmar.van.dokkum@vivente.nu');
    await page.getByRole('button', { name: 'Stuur mij een inloglink' }).click();
    await expect.poll(() => page.getByText('inloglink in die mailbox').count()).toBe(1);
    const loginMail = (await mailbox()).filter((mail) => mail.to.includes('Elmar.van.dokkum@vivente.nu') && /inloglink/.test(mail.subject)).at(-1);
    await page.goto(linkIn(loginMail!, /https?:\/\/\S+\/staff\/login#[A-Za-z0-9_-]+/));
    await screenshot(page, 'login-link');
    await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
    // The school's numbers: tables named by their captions, counts only.
    await page.getByRole('link', { name: 'Cijfers' }).click();
    await page.getByRole('heading', { name: 'Cijfers' }).waitFor();
    await page.getByRole('table', { name: 'Per maand' }).waitFor();
    expect(await page.getByRole('table', { name: 'Wat er gebeurde' }).count()).toBe(1);
    await screenshot(page, 'statistics');
    await page.getByRole('link', { name: 'Logboek' }).click();
    await page.getByRole('heading', { name: 'Logboek' }).waitFor();
    await expect.poll(() => page.getByRole('cell', { name: 'Melding bekeken' }).count()).toBeGreaterThan(0);
    expect(await page.getByRole('cell', { name: 'Cijfers bekeken' }).count()).toBeGreaterThan(0);
    expect(await page.getByRole('cell', { name: 'Bertine Pas' }).count()).toBeGreaterThan(0);
    // Nothing on the page changes the log.
    expect(await page.locator('staff-audit-log button', { hasNotText: 'Oudere regels' }).count()).toBe(0);
    await screenshot(page, 'audit');

    // A mail the mail server refused for good (as the worker leaves it: given up, body cleared): the
    // directeur finds it above the inbox, as /healthz says, with the address and the server's words.
    await enqueueMails(t.context.db, outboxRows('kopakker', 'case-pesten', [{ name: 'Yvonne de Bruin', email: 'Yvonne.de.bruin@vivente.nu' }], { subject: 'Melding', text: '', html: '', urgent: false }, new Date()));
    await t.context.db
      .updateTable('outbox')
      .set({ dead_at: new Date().toISOString(), last_error: '550 5.1.1 User unknown', attempts: 1 })
      .where('purpose', '=', 'case-pesten')
      .execute();
    await page.getByRole('link', { name: 'Meldingen' }).click();
    const problems = page.locator('#mail-problems');
    await problems.getByRole('heading', { name: 'Een mail kwam niet aan' }).waitFor();
    expect(await problems.innerText()).toMatch(/Bericht over een melding aan Yvonne de Bruin \(Yvonne\.de\.bruin@vivente\.nu\)[\s\S]*550 5\.1\.1 User unknown/);
    expect(await axeViolations(page)).toEqual([]);
    await problems.getByRole('button', { name: /^Weghalen/ }).click();
    await expect.poll(() => page.locator('#mail-problems').count()).toBe(0);
    expect(await t.context.db.selectFrom('outbox').select('id').where('dead_at', 'is not', null).execute()).toEqual([]);
  });
});
