import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, logInToStaffPortal, readMailbox, startBrowserApp, type BrowserApp } from '../helpers/chromium.js';
import { asStaff, BERTINE, ELMAR, loginAs, submitReport } from '../helpers/staff.js';
import { addDays, localDay } from '../../server/schools/school-days.js';
import type { InvitedCasesResponse, TeacherListResponse } from '../../server/shared/teachers.js';

// The class teacher's part in a real browser: the directeur puts a teacher on the list, the
// coordinator invites them to a case, the teacher signs in from the invitation mail and records
// stap 2 and 3a, without ever seeing the reporter's name. And the protocol's Stap 1 starts at the
// teacher: a pupil tells them, they record it themselves and find it on their list for their steps.

let run: BrowserApp;
beforeAll(async () => {
  run = await startBrowserApp();
});
afterAll(async () => {
  await run?.close();
});

const ANNA = 'anna.visser@vivente.nu';
const BOB = 'bob.mulder@vivente.nu';

function localUrl(text: string, pattern: RegExp): string {
  const match = pattern.exec(text);
  expect(match).not.toBeNull();
  const url = new URL(match![0]);
  return `${run.baseUrl}${url.pathname}${url.hash}`;
}

async function recordStep(page: Page, step: string, note: string): Promise<void> {
  await page.getByLabel('Stap', { exact: true }).selectOption(step);
  await page.getByLabel('Korte notitie (optioneel)').fill(note);
  await page.getByRole('button', { name: 'Stap vastleggen' }).click();
  await expect.poll(() => page.getByText(note).count()).toBe(1);
}

describe('a class teacher on a case', () => {
  it('is invited by the coordinator, signs in from the mail and records stap 2 and 3a', async () => {
    const { t } = run;
    const reported = await t.app.inject({
      method: 'POST',
      url: '/api/reports',
      payload: { role: 'self', anonymous: false, name: 'MELDERNAAM Sanne', group: 5, description: 'Ze pakken elke dag mijn pet af.' },
    });
    expect(reported.statusCode).toBe(201);
    const { id } = await t.context.db.selectFrom('report').select('id').executeTakeFirstOrThrow();

    // The directeur puts the teacher of groep 5 on the list.
    const director = await (await run.browser.newContext()).newPage();
    await logInToStaffPortal(run, director, 'Elmar.van.dokkum@vivente.nu');
    await director.getByRole('link', { name: 'Leerkrachten' }).click();
    await director.getByLabel('Naam van de leerkracht').fill('Anna Visser');
    await director.getByLabel('Mailadres van de leerkracht').fill(ANNA);
    await director.getByLabel('Groep (bijvoorbeeld 5 of 7/8)').fill('5');
    await director.getByRole('button', { name: 'Leerkracht toevoegen' }).click();
    await director.getByRole('cell', { name: ANNA }).waitFor();
    await director.context().close();

    // The anti-pestcoördinator invites her from the case page: the groep's teacher is offered first.
    const coordinator = await (await run.browser.newContext()).newPage();
    await logInToStaffPortal(run, coordinator, 'Bertine.pas@vivente.nu');
    await coordinator.goto(`${run.baseUrl}/staff/reports/${id}`);
    await coordinator.getByRole('heading', { name: `Melding ${id}` }).waitFor();
    const picker = coordinator.getByLabel('Nodig een leerkracht uit');
    await expect.poll(() => picker.locator('option').first().textContent()).toContain('Anna Visser (groep 5) — groep van de melder');
    await coordinator.getByRole('button', { name: 'Uitnodigen' }).click();
    await coordinator.getByRole('button', { name: /Uitnodiging intrekken/ }).waitFor();
    await coordinator.context().close();

    // The teacher's mail: a link to the case, nothing of the children.
    const invitation = (await readMailbox(t)).find((mail) => mail.to.includes(ANNA) && /uitgenodigd/.test(mail.subject));
    expect(invitation).toBeDefined();
    expect(invitation!.text).not.toMatch(/pet af|MELDERNAAM/);

    const teacher = await (await run.browser.newContext()).newPage();
    const errors: string[] = [];
    teacher.on('pageerror', (error) => errors.push(error.message));
    await teacher.goto(localUrl(invitation!.text, /https?:\/\/\S+\/staff\/reports\/\d+/));
    await teacher.getByLabel('Je e-mailadres van school').fill(ANNA);
    await teacher.getByRole('button', { name: 'Stuur mij een inloglink' }).click();
    await teacher.getByText('inloglink in die mailbox').waitFor();
    const login = (await readMailbox(t)).reverse().find((mail) => mail.to.includes(ANNA) && /inloglink/.test(mail.subject));
    expect(login).toBeDefined();
    await teacher.goto(localUrl(login!.text, /https?:\/\/\S+\/staff\/login#[A-Za-z0-9_-]+/));
    await teacher.getByRole('button', { name: 'Inloggen', exact: true }).click();

    // Back at the case from the mail: what happened, the teacher's steps, no reporter's name.
    await teacher.getByRole('heading', { name: `Melding ${id}` }).waitFor();
    await teacher.getByText('Ze pakken elke dag mijn pet af.').waitFor();
    expect(await teacher.getByText('MELDERNAAM').count()).toBe(0);
    const steps = await teacher.getByLabel('Stap', { exact: true }).locator('option').allTextContents();
    expect(steps.map((label) => label.split(' – ')[0])).toEqual(['Stap 1', 'Stap 2', 'Stap 3a', 'Stap 3b', 'Stap 4']);
    await recordStep(teacher, '2', 'Met beide kinderen apart gepraat.');
    await recordStep(teacher, '3a', 'Ouders gesproken, afspraken gemaakt.');
    // After the talks she plans to look back in two weeks: a wrong day is refused on the field, then the day is kept.
    const inTwoWeeks = addDays(localDay(new Date()), 14);
    await teacher.getByLabel('Dag om terug te kijken').fill(addDays(localDay(new Date()), -1));
    await teacher.locator('staff-follow-up').getByRole('button', { name: 'Opslaan' }).click();
    await teacher.locator('staff-follow-up').getByText('Kies vandaag of een dag hierna.').waitFor();
    await teacher.getByLabel('Dag om terug te kijken').fill(inTwoWeeks);
    await teacher.locator('staff-follow-up').getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => teacher.locator('#follow-up-now').innerText()).toMatch(/^Terugkijken op \d+ \w+ \d{4}\.$/);
    const stored = await t.context.db.selectFrom('report').select('follow_up_on').where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.follow_up_on).toBe(inTwoWeeks);
    // The protocol has her record the agreements in Parnassys: her summary of what she sees, to copy.
    const summary = await teacher.getByLabel('Samenvatting als tekst').inputValue();
    expect(summary).toContain('Stap 3a – Ouders van pester en gepeste geïnformeerd, afspraken vastgelegd (Anna Visser): Ouders gesproken, afspraken gemaakt.');
    expect(summary).toContain('naam en mailadres niet met jou gedeeld');
    expect(summary).not.toContain('MELDERNAAM');
    expect(await teacher.getByRole('button', { name: 'Kopieer samenvatting' }).count()).toBe(1);
    expect(await axeViolations(teacher)).toEqual([]);

    const recorded = await t.context.db.selectFrom('case_step').select(['step', 'staff_name']).where('report_id', '=', id).orderBy('id').execute();
    expect(recorded).toEqual([
      { step: '2', staff_name: 'Anna Visser' },
      { step: '3a', staff_name: 'Anna Visser' },
    ]);
    // Her start page lists this case only; the school's inbox is not hers.
    await teacher.getByRole('link', { name: '← Jouw meldingen' }).click();
    await teacher.getByRole('heading', { name: 'Jouw meldingen' }).waitFor();
    expect(await teacher.getByRole('link', { name: `Melding ${id}` }).count()).toBe(1);
    expect(await teacher.getByText(/, terugkijken \d+ \w+ \d{4}/).count()).toBe(1);
    expect(errors).toEqual([]);
    await teacher.context().close();
  });

  it('records a report told at their desk: opens Melding vastleggen from their list, records it without the VP-only option, and sees it in their list', async () => {
    const { t } = run;
    const director = await loginAs(t, ELMAR);
    expect((await asStaff(t, director, 'POST', '/api/staff/teachers', { name: 'Bob Mulder', email: BOB, groep: '7/8' })).statusCode).toBe(201);

    const context = await run.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await logInToStaffPortal(run, page, BOB);
    await page.getByRole('heading', { name: 'Jouw meldingen' }).waitFor();
    await page.getByText('Je bent nu bij geen melding uitgenodigd.').waitFor();

    await page.getByRole('link', { name: 'Melding vastleggen' }).click();
    await page.getByRole('heading', { name: 'Melding vastleggen' }).waitFor();
    expect(await page.getByLabel('Alleen voor de vertrouwenspersoon').count()).toBe(0);
    await page.getByLabel('Persoonlijk verteld').check();
    await page.getByLabel('Wie meldde het?').selectOption('self');
    await page.getByLabel('De melder wil anoniem blijven').uncheck();
    await page.getByLabel('Naam', { exact: true }).fill('Daan de Vries');
    await page.getByLabel('Groep (1 tot en met 8)').fill('5');
    await page.getByLabel('Wat is er gebeurd?').fill('Daan wordt op het plein steeds geduwd.');
    await page.getByLabel('Wil niet meer naar school').check();
    await page.getByRole('button', { name: 'Melding opslaan' }).click();

    await page.getByRole('heading', { name: 'Melding vastgelegd' }).waitFor();
    await page.getByText('De melding staat nu bij jouw meldingen.').waitFor();
    const { id } = await t.context.db.selectFrom('report').select('id').where('source', '=', 'in_person').executeTakeFirstOrThrow();
    expect(await axeViolations(page)).toEqual([]);

    // Her case, with the name she typed, and her steps to take.
    await page.getByRole('link', { name: 'Naar de melding' }).click();
    await page.getByRole('heading', { name: `Melding ${id}` }).waitFor();
    await page.getByText('Daan wordt op het plein steeds geduwd.').waitFor();
    expect(await page.getByText('Daan de Vries').count()).toBeGreaterThan(0);
    expect(await page.getByLabel('Stap', { exact: true }).locator('option').count()).toBe(5);

    await page.getByRole('link', { name: '← Jouw meldingen' }).click();
    await page.getByRole('heading', { name: 'Jouw meldingen' }).waitFor();
    expect(await page.getByRole('link', { name: `Melding ${id}` }).count()).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('changes a teacher on the list for the new school year: a wrong address is refused in Dutch, the new groep is kept and so is the invitation', async () => {
    const { t } = run;
    const CARLA = 'carla.bakker@vivente.nu';
    const { id } = await submitReport(t, { description: 'Ze lachen mij uit in de klas.' });
    const director = await loginAs(t, ELMAR);
    const added = await asStaff(t, director, 'POST', '/api/staff/teachers', { name: 'Carla Bakker', email: CARLA, groep: '5' });
    const carla = (added.json() as TeacherListResponse).teachers.find((teacher) => teacher.email === CARLA)!;
    const coordinator = await loginAs(t, BERTINE);
    expect((await asStaff(t, coordinator, 'POST', `/api/staff/reports/${id}/invitations`, { teacherId: carla.id })).statusCode).toBe(201);

    const context = await run.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await logInToStaffPortal(run, page, 'Elmar.van.dokkum@vivente.nu');
    await page.getByRole('link', { name: 'Leerkrachten' }).click();
    await page.getByRole('button', { name: 'Wijzigen — Carla Bakker' }).click();
    expect(await page.getByLabel('Mailadres van de leerkracht').inputValue()).toBe(CARLA);
    await page.getByLabel('Groep (bijvoorbeeld 5 of 7/8)').fill('6');
    await page.getByLabel('Mailadres van de leerkracht').fill('carla.bakker@vivente');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('Vul een geldig e-mailadres in, zoals naam@school.nl.').waitFor();
    expect(await page.getByRole('row', { name: /Carla Bakker/ }).getByRole('cell', { name: '5', exact: true }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Mailadres van de leerkracht').fill(CARLA);
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByRole('row', { name: /Carla Bakker/ }).getByRole('cell', { name: '6', exact: true }).waitFor();
    // The focus is back on her row's button, and she is still invited to the case.
    const focused = await page.evaluate(() => {
      let element = document.activeElement;
      while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
      return element?.textContent?.replace(/\s+/g, ' ').trim();
    });
    expect(focused).toBe('Wijzigen — Carla Bakker');
    const teacher = await loginAs(t, CARLA);
    const invited = (await asStaff(t, teacher, 'GET', '/api/staff/invited-cases')).json() as InvitedCasesResponse;
    expect(invited.cases.map((row) => row.id)).toEqual([id]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
