// The protocol's look back at a case: after the talks (stap 2, 3a), does the bullying stop, or come
// back (stap 4)? Staff and an invited class teacher set the day; on that day the case's handler gets
// one mail with its number and a link.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runMaintenance } from '../server/jobs/maintenance.js';
import { MAX_FOLLOW_UP_DAYS_AHEAD } from '../server/shared/limits.js';
import type { CaseResponse, InboxResponse } from '../server/shared/staff-responses.js';
import type { InvitedCasesResponse } from '../server/shared/teachers.js';
import { addDays } from '../server/schools/school-days.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';
import { addressesOf, asStaff, BERTINE, clock, ELMAR, loginAs, outbox, submitReport, type StaffSession } from './helpers/staff.js';

const ANNA = 'anna.visser@vivente.nu';
// Monday 2 March 2026, 10:00 at school.
const time = clock('2026-03-02T09:00:00Z');
const TODAY = '2026-03-02';

let t: TestApp;
let bertine: StaffSession;
beforeEach(async () => {
  time.set('2026-03-02T09:00:00Z');
  t = await startTestApp({ now: time.now });
  bertine = await loginAs(t, BERTINE);
});
afterEach(async () => {
  await t.close();
});

const setDay = (session: StaffSession, id: number, on: unknown) => asStaff(t, session, 'PUT', `/api/staff/reports/${id}/follow-up`, on === undefined ? {} : { on });

describe('the day to look back at a case', () => {
  it('is set by the coordinator and an invited teacher, from today up to its limit, with a Dutch message on the field otherwise, and audited', async () => {
    const { id } = await submitReport(t, { description: 'Ze pakken elke dag mijn pet af.' });
    for (const [on, message] of [
      [addDays(TODAY, -1), 'Kies vandaag of een dag hierna.'],
      [addDays(TODAY, MAX_FOLLOW_UP_DAYS_AHEAD + 1), `Kies een dag binnen ${MAX_FOLLOW_UP_DAYS_AHEAD} dagen.`],
      ['2026-02-30', 'Deze datum bestaat niet.'],
      ['over twee weken', 'Kies een datum (jjjj-mm-dd).'],
      [undefined, 'Kies een dag om terug te kijken.'],
    ] as const) {
      const refused = await setDay(bertine, id, on);
      expect(refused.statusCode, String(on)).toBe(400);
      expect(refused.json().error.fields.on, String(on)).toBe(message);
    }
    expect((await setDay(bertine, id, TODAY)).json().followUpOn).toBe(TODAY);
    const last = addDays(TODAY, MAX_FOLLOW_UP_DAYS_AHEAD);
    expect((await setDay(bertine, id, last)).json().followUpOn).toBe(last);

    // The class teacher, who has the talks, sets it too, and finds it on their list.
    const elmar = await loginAs(t, ELMAR);
    const teacher = (await asStaff(t, elmar, 'POST', '/api/staff/teachers', { name: 'Anna Visser', email: ANNA, groep: '5' })).json().teachers[0] as { id: number };
    expect((await asStaff(t, bertine, 'POST', `/api/staff/reports/${id}/invitations`, { teacherId: teacher.id })).statusCode).toBe(201);
    const anna = await loginAs(t, ANNA);
    const set = await setDay(anna, id, '2026-03-16');
    expect(set.statusCode).toBe(200);
    expect((set.json() as CaseResponse).summary).toContain('Terugkijken op: 16 maart 2026');
    expect(((await asStaff(t, anna, 'GET', '/api/staff/invited-cases')).json() as InvitedCasesResponse).cases[0]!.followUpOn).toBe('2026-03-16');
    // The coordinator's inbox shows it.
    expect(((await asStaff(t, bertine, 'GET', '/api/staff/reports')).json() as InboxResponse).reports[0]!.followUpOn).toBe('2026-03-16');
    const audit = await t.context.db.selectFrom('audit_log').select(['staff_email', 'detail']).where('action', '=', 'followup.set').orderBy('id').execute();
    expect(audit.map((row) => row.detail)).toEqual([`terugkijken op ${TODAY}`, `terugkijken op ${last}`, 'terugkijken op 2026-03-16']);
    expect(audit.at(-1)!.staff_email).toBe(ANNA);

    // Taken away with null; a closed case takes no day, and closing drops the one it had.
    expect((await setDay(bertine, id, null)).json().followUpOn).toBeNull();
    await setDay(bertine, id, '2026-03-16');
    await asStaff(t, bertine, 'POST', `/api/staff/reports/${id}/close`, { outcome: 'resolved', message: '' });
    expect((await setDay(bertine, id, '2026-03-20')).statusCode).toBe(409);
    const reopened = await asStaff(t, bertine, 'POST', `/api/staff/reports/${id}/reopen`);
    expect((reopened.json() as CaseResponse).followUpOn).toBeNull();
  });

  it('mails the handler on that day, once and without a child\'s details; nobody before it; a new day mails again', async () => {
    const { id } = await submitReport(t, { description: 'KINDVERHAAL: Tim wordt elke dag geduwd.', target: 'Tim' });
    await asStaff(t, bertine, 'PUT', `/api/staff/reports/${id}/assignee`, { email: ELMAR });
    await setDay(bertine, id, '2026-03-16');

    time.set('2026-03-15T22:00:00Z'); // 23:00 on Sunday 15 March at school
    expect((await runMaintenance(t.context)).followUps).toBe(0);
    time.set('2026-03-15T23:30:00Z'); // 00:30 on Monday 16 March
    expect((await runMaintenance(t.context)).followUps).toBe(1);
    const mails = await outbox(t, 'follow-up');
    expect(addressesOf(mails)).toEqual([ELMAR]);
    expect(mails[0]!.subject).toBe(`Vandaag terugkijken: melding ${id} (CBS de Kopakker)`);
    expect(mails[0]!.text_body).toContain(`/staff/reports/${id}`);
    for (const part of [mails[0]!.subject, mails[0]!.text_body, mails[0]!.html_body]) expect(part).not.toMatch(/KINDVERHAAL|Tim/);
    // Once: a second run, the next day, sends nothing.
    time.set('2026-03-17T08:00:00Z');
    expect((await runMaintenance(t.context)).followUps).toBe(0);

    // A new day is a new look back: mailed again when it comes.
    bertine = await loginAs(t, BERTINE);
    await setDay(bertine, id, '2026-03-30');
    time.set('2026-03-30T07:00:00Z');
    expect((await runMaintenance(t.context)).followUps).toBe(1);
    expect(await outbox(t, 'follow-up')).toHaveLength(2);
  });

  it('is findable: the inbox filter followUp=due lists the open cases whose day has come, and no other', async () => {
    const due = await submitReport(t);
    const later = await submitReport(t);
    const closed = await submitReport(t);
    await submitReport(t); // no day at all
    await setDay(bertine, due.id, TODAY);
    await setDay(bertine, later.id, '2026-03-09');
    await setDay(bertine, closed.id, TODAY);
    await asStaff(t, bertine, 'POST', `/api/staff/reports/${closed.id}/close`, { outcome: 'resolved', message: '' });
    const dueIds = async () => ((await asStaff(t, bertine, 'GET', '/api/staff/reports?followUp=due')).json() as InboxResponse).reports.map((row) => row.id);
    expect(await dueIds()).toEqual([due.id]);
    time.set('2026-03-09T07:00:00Z');
    bertine = await loginAs(t, BERTINE);
    expect((await dueIds()).sort()).toEqual([due.id, later.id].sort());
    const bad = await asStaff(t, bertine, 'GET', '/api/staff/reports?followUp=soon');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.followUp).toBe('Kies: terugkijken vandaag of eerder.');
  });

  it('with nobody handling it mails the anti-pestcoördinators, a case for the vertrouwenspersoon only the VP, and a closed case nobody', async () => {
    const team = await submitReport(t);
    const confidential = await submitReport(t, { recipients: 'vertrouwenspersoon' });
    const closed = await submitReport(t);
    for (const { id } of [team, confidential, closed]) await setDay(bertine, id, TODAY);
    await asStaff(t, bertine, 'POST', `/api/staff/reports/${closed.id}/close`, { outcome: 'plagen', message: '' });
    expect((await runMaintenance(t.context)).followUps).toBe(2);
    const mails = await outbox(t, 'follow-up');
    const to = (id: number) => addressesOf(mails.filter((mail) => mail.subject.includes(`melding ${id} `)));
    expect(to(team.id)).toEqual([BERTINE, ELMAR]);
    expect(to(confidential.id)).toEqual([BERTINE]);
    expect(to(closed.id)).toEqual([]);
  });
});
