// A class teacher does their part of the protocol on a 768x1024 tablet with the keyboard only: signs
// in from the invitation mail, records stap 2 and writes a note. What they stumbled on before: each
// button is disabled while its action runs, which dropped the focus to the page, so after "Stap
// vastleggen" the next Tab started again at the top; nothing said the step was recorded; and the
// reporter's name, kept from them, read "naam niet ingevuld" (with a stray space before ", groep 5")
// although the child had given it; and after logging in or following a link inside the portal the
// focus stayed on the page, so the next Tab went through the header again.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, readMailbox, startBrowserApp, type BrowserApp } from '../helpers/chromium.js';
import { asStaff, BERTINE, ELMAR, loginAs } from '../helpers/staff.js';

const ANNA = 'anna.visser@vivente.nu';
const TABLET = { width: 768, height: 1024 };

let run: BrowserApp;
beforeAll(async () => {
  run = await startBrowserApp();
});
afterAll(async () => {
  await run?.close();
});

/** The focused element through every shadow root, as "tag#id text". */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    if (!element || element === document.body) return 'body';
    return `${element.localName}${element.id ? `#${element.id}` : ''} ${(element.textContent ?? '').trim()}`.trim();
  });
}

/** Presses Tab (or Shift+Tab) until `target` has the focus; fails after `most` presses. */
async function tabTo(page: Page, target: string, key: 'Tab' | 'Shift+Tab' = 'Tab', most = 40): Promise<void> {
  for (let press = 0; press < most; press++) {
    await page.keyboard.press(key);
    if ((await focused(page)).startsWith(target)) return;
  }
  throw new Error(`${target} never got the focus; it ended on ${await focused(page)}`);
}

/** The local address of the first link in a mail that matches `pattern`. */
function localLink(text: string, pattern: RegExp): string {
  const url = new URL(pattern.exec(text)![0]);
  return `${run.baseUrl}${url.pathname}${url.hash}`;
}

describe('a class teacher on a tablet, keyboard only', () => {
  it('signs in, records stap 2 and writes a note, the focus staying where they work', async () => {
    const { t } = run;
    const reported = await t.app.inject({
      method: 'POST',
      url: '/api/reports',
      payload: { role: 'self', anonymous: false, name: 'Sanne', group: 5, description: 'Ze pakken elke dag mijn pet af.' },
    });
    expect(reported.statusCode).toBe(201);
    const { id } = await t.context.db.selectFrom('report').select('id').executeTakeFirstOrThrow();
    const director = await loginAs(t, ELMAR);
    const added = await asStaff(t, director, 'POST', '/api/staff/teachers', { name: 'Anna Visser', email: ANNA, groep: '5' });
    const teacherId = (added.json() as { teachers: Array<{ id: number }> }).teachers[0]!.id;
    const coordinator = await loginAs(t, BERTINE);
    expect((await asStaff(t, coordinator, 'POST', `/api/staff/reports/${id}/invitations`, { teacherId })).statusCode).toBe(201);
    const invitation = (await readMailbox(t)).find((mail) => mail.to.includes(ANNA) && /uitgenodigd/.test(mail.subject))!;

    const context = await run.browser.newContext({ viewport: TABLET, reducedMotion: 'reduce' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(localLink(invitation.text, /https?:\/\/\S+\/staff\/reports\/\d+/));
    await page.getByLabel('Je e-mailadres van school').waitFor();
    await tabTo(page, 'input#email');
    await page.keyboard.type(ANNA);
    await page.keyboard.press('Enter');
    await page.getByText('inloglink in die mailbox').waitFor();
    const login = (await readMailbox(t)).reverse().find((mail) => mail.to.includes(ANNA) && /inloglink/.test(mail.subject))!;
    await page.goto(localLink(login.text, /https?:\/\/\S+\/staff\/login#[A-Za-z0-9_-]+/));
    await tabTo(page, 'button Inloggen');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `Melding ${id}` }).waitFor();
    // Logged in: the next Tab goes into the case, not through the header.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('a ← Jouw meldingen');

    // The child gave a name; it is kept from the teacher, and the page says so.
    const reporter = page.locator('staff-report-details dd').nth(2);
    expect(await reporter.innerText()).toBe('Leerling die het zelf meemaakt: naam en mailadres niet met jou gedeeld, groep 5');

    await tabTo(page, 'select#step');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Met beide kinderen apart gepraat.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.locator('staff-step-timeline .record', { hasText: 'Met beide kinderen apart gepraat.' }).waitFor();
    await expect.poll(() => page.locator('staff-step-timeline [role=status]').innerText()).toBe('Vastgelegd: Stap 2 – Analyseren.');
    // The focus is back on the button, so the next Tab goes on from there: the day to look back, then the checklists.
    await expect.poll(() => focused(page)).toBe('button Stap vastleggen');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('input#follow-up-day');
    // The date field's day, month and year take a Tab each.
    await tabTo(page, 'button Opslaan');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatch(/^summary Begeleiding van de gepeste leerling/);

    await tabTo(page, 'textarea#note-text', 'Shift+Tab');
    await page.keyboard.type('Gesprek met de ouders gepland.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.locator('staff-case-notes li', { hasText: 'Gesprek met de ouders gepland.' }).waitFor();
    await expect.poll(() => focused(page)).toBe('button Notitie opslaan');

    // Back to their list by a link inside the portal: the next Tab goes to the case on it.
    await tabTo(page, 'a ← Jouw meldingen', 'Shift+Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Jouw meldingen' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe(`a Melding ${id}`);

    expect(await axeViolations(page)).toEqual([]);
    const steps = await t.context.db.selectFrom('case_step').select(['step', 'staff_name']).where('report_id', '=', id).execute();
    expect(steps).toEqual([{ step: '2', staff_name: 'Anna Visser' }]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
