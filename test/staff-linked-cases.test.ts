// Related reports as one case: one protocol record and summary for staff, while each reporter keeps
// their own receipt and conversation and never learns that others reported.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseResponse, InboxResponse, StatisticsResponse } from '../server/shared/staff-responses.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';
import { asStaff, BERTINE, ELMAR, loginAs, submitReport, type StaffSession } from './helpers/staff.js';

let t: TestApp;
let bertine: StaffSession;
beforeEach(async () => {
  t = await startTestApp();
  bertine = await loginAs(t, BERTINE);
});
afterEach(async () => {
  await t.close();
});

const A_STORY = 'ANNA-VERHAAL: ze duwden Sem in de gang.';
const B_STORY = 'BORIS-VERHAAL: ik zag dat Sem werd geduwd.';

async function change(session: StaffSession, method: 'POST' | 'PUT', path: string, body: object = {}) {
  const response = await asStaff(t, session, method, path, body);
  expect(response.statusCode, `${path}: ${response.body}`).toBeLessThan(300);
  return response.json() as CaseResponse;
}

function link(session: StaffSession, id: number, reportId: number) {
  return asStaff(t, session, 'POST', `/api/staff/reports/${id}/links`, { reportId });
}

async function followUp(receipt: string) {
  const response = await t.app.inject({ method: 'POST', url: '/api/followup', payload: { receipt } });
  expect(response.statusCode).toBe(200);
  return response;
}

async function inbox(session: StaffSession) {
  return (await asStaff(t, session, 'GET', '/api/staff/reports')).json() as InboxResponse;
}

async function twoLinked() {
  const a = await submitReport(t, { description: A_STORY });
  const b = await submitReport(t, { role: 'bystander', description: B_STORY });
  const response = await link(bertine, a.id, b.id);
  expect(response.statusCode, response.body).toBe(200);
  return { a, b, view: response.json() as CaseResponse };
}

describe('linking related reports into one case', () => {
  it('keeps one protocol record for the case, shows it once in the inbox and lists every report in the summary', async () => {
    const { a, b, view } = await twoLinked();
    expect(view.caseId).toBe(a.id);
    expect(view.caseReports.map((report) => report.id)).toEqual([a.id, b.id]);

    // A step recorded on B's page is the case's: A's page shows it too.
    await change(bertine, 'POST', `/api/staff/reports/${b.id}/steps`, { step: '2', note: 'Met beide kinderen gepraat' });
    await change(bertine, 'PUT', `/api/staff/reports/${b.id}/checklist`, { list: 'gepeste', item: 0, checked: true });
    await change(bertine, 'POST', `/api/staff/reports/${a.id}/notes`, { text: 'Juf weet ervan' });
    const onA = (await asStaff(t, bertine, 'GET', `/api/staff/reports/${a.id}`)).json() as CaseResponse;
    const onB = (await asStaff(t, bertine, 'GET', `/api/staff/reports/${b.id}`)).json() as CaseResponse;
    for (const page of [onA, onB]) {
      expect(page.steps.map((step) => step.note)).toEqual(['Met beide kinderen gepraat']);
      expect(page.notes.map((note) => note.text)).toEqual(['Juf weet ervan']);
      expect(page.checklists[0]!.items[0]!.tickedBy).toBe('Bertine Pas');
      expect(page.step).toBe('2');
      expect(page.summary).toContain(`Eén zaak met 2 meldingen: ${a.id}, ${b.id}`);
      expect(page.summary).toContain('> ANNA-VERHAAL');
      expect(page.summary).toContain('> BORIS-VERHAAL');
      expect(page.summary.match(/Met beide kinderen gepraat/g)).toHaveLength(1);
    }
    // Each page shows its own reporter's story.
    expect(onA.description).toBe(A_STORY);
    expect(onB.description).toBe(B_STORY);
    expect(onB.summary).toContain(`Gekoppelde melding ${a.id}`);

    const rows = (await inbox(bertine)).reports;
    expect(rows.map((row) => row.id)).toEqual([a.id]);
    expect(rows[0]!.linkedReports).toEqual([b.id]);
    expect(rows[0]!.step).toBe('2');
  });

  it('never shows a reporter at /volgen the other reports, their text or that others reported', async () => {
    const { a, b } = await twoLinked();
    await change(bertine, 'POST', `/api/staff/reports/${b.id}/messages`, { text: 'VOOR-BORIS: dank je, we gaan praten.' });
    await t.app.inject({ method: 'POST', url: '/api/followup/messages', payload: { receipt: b.receipt, text: 'BORIS-ANTWOORD: graag.' } });
    await change(bertine, 'POST', `/api/staff/reports/${a.id}/messages`, { text: 'VOOR-ANNA: we hebben je melding.' });

    const forA = await followUp(a.receipt);
    expect(forA.json().messages.map((message: { text: string }) => message.text)).toEqual(['VOOR-ANNA: we hebben je melding.']);
    for (const trace of ['BORIS', String(b.id), String(a.id), 'zaak', 'gekoppeld']) expect(forA.body).not.toContain(trace);
    const forB = await followUp(b.receipt);
    expect(forB.json().messages.map((message: { text: string }) => message.text)).toEqual(['VOOR-BORIS: dank je, we gaan praten.', 'BORIS-ANTWOORD: graag.']);
    expect(forB.body).not.toContain('ANNA');

    // Closing tells each reporter in their own conversation, with the same shape as for a single report.
    await change(bertine, 'POST', `/api/staff/reports/${b.id}/close`, { outcome: 'resolved', message: 'Het pesten is gestopt.' });
    for (const receipt of [a.receipt, b.receipt]) {
      const seen = (await followUp(receipt)).json();
      expect(seen.status).toBe('closed');
      expect(seen.messages.at(-1).text).toBe('Het pesten is gestopt.');
      expect(seen.messages.filter((message: { text: string }) => message.text === 'Het pesten is gestopt.')).toHaveLength(1);
    }
    // The reporter's answer on B marks the case's one row in the inbox.
    expect((await inbox(bertine)).reports[0]!.newAnswer).toBe(true);
  });

  it('counts the case once and the reports each in the statistics', async () => {
    const { a } = await twoLinked();
    await submitReport(t);
    await change(bertine, 'POST', `/api/staff/reports/${a.id}/indication`, { indication: 'pesten' });
    const stats = (await asStaff(t, bertine, 'GET', '/api/staff/statistics')).json() as StatisticsResponse;
    expect(stats.total).toBe(3);
    expect(stats.cases).toBe(2);
    expect(stats.verdicts.find((row) => row.key === 'pesten')!.reports).toBe(1);
    expect(stats.verdicts.find((row) => row.key === 'none')!.reports).toBe(1);
    expect(stats.outcomes.find((row) => row.key === 'open')!.reports).toBe(2);
    expect(stats.months.reduce((sum, row) => sum + row.reports, 0)).toBe(3);
  });

  it('never links a report for the vertrouwenspersoon only with one the team sees, until it is shared', async () => {
    const team = await submitReport(t, { description: 'Team ziet dit.' });
    const secret = await submitReport(t, { recipients: 'vertrouwenspersoon', description: 'GEHEIM-VP: alleen voor Bertine.' });
    // Elmar (not the VP) cannot tell the confidential number from a missing one.
    const elmar = await loginAs(t, ELMAR);
    const byElmar = await link(elmar, team.id, secret.id);
    const missing = await link(elmar, team.id, 999_999_998);
    expect(byElmar.statusCode).toBe(400);
    expect(byElmar.json()).toEqual(missing.json());
    expect(byElmar.body).not.toContain('GEHEIM');
    // The VP may see both, but a link would show the confidential report to the team.
    for (const [id, other] of [[team.id, secret.id], [secret.id, team.id]] as const) {
      const refused = await link(bertine, id, other);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.message).toContain('Deel hem eerst met het team');
    }
    expect((await inbox(elmar)).reports.map((row) => row.id)).toEqual([team.id]);
    // Two reports for the VP only may be one case; Elmar still sees neither.
    const secret2 = await submitReport(t, { recipients: 'vertrouwenspersoon', description: 'GEHEIM-VP-2' });
    expect((await link(bertine, secret.id, secret2.id)).statusCode).toBe(200);
    expect((await inbox(elmar)).reports.map((row) => row.id)).toEqual([team.id]);
    expect((await asStaff(t, elmar, 'GET', `/api/staff/reports/${secret2.id}`)).statusCode).toBe(404);
    // Shared, the whole case is the team's, and then it links with the team's report.
    await change(bertine, 'POST', `/api/staff/reports/${secret.id}/share`);
    expect((await asStaff(t, elmar, 'GET', `/api/staff/reports/${secret2.id}`)).json().confidential).toBe(false);
    expect((await link(bertine, team.id, secret.id)).statusCode).toBe(200);
    expect((await inbox(elmar)).reports.map((row) => row.id)).toEqual([team.id]);
    expect((await inbox(elmar)).reports[0]!.linkedReports).toEqual([secret.id, secret2.id].sort((x, y) => x - y));
  });

  it('refuses linking a report to its own case, a closed one, or a missing number, with a message', async () => {
    const { a, b } = await twoLinked();
    expect((await link(bertine, a.id, b.id)).json().error.message).toBe('Deze melding hoort al bij deze zaak.');
    expect((await link(bertine, b.id, b.id)).statusCode).toBe(400);
    const closed = await submitReport(t);
    await change(bertine, 'POST', `/api/staff/reports/${closed.id}/close`, { outcome: 'plagen', message: '' });
    expect((await link(bertine, a.id, closed.id)).json().error.message).toBe('Heropen de afgesloten melding eerst.');
    const bad = await asStaff(t, bertine, 'POST', `/api/staff/reports/${a.id}/links`, { reportId: 'abc' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('reportId');
  });

  it('unlinks: the report gets its own record again, a copy of the case record as it stood, and both show in the inbox', async () => {
    const { a, b } = await twoLinked();
    await change(bertine, 'POST', `/api/staff/reports/${a.id}/steps`, { step: '1', note: 'Samen gesignaleerd' });
    const unlinked = await change(bertine, 'POST', `/api/staff/reports/${b.id}/unlink`);
    expect(unlinked.caseId).toBe(b.id);
    expect(unlinked.caseReports.map((report) => report.id)).toEqual([b.id]);
    expect(unlinked.steps.map((step) => step.note)).toEqual(['Samen gesignaleerd']);
    expect(unlinked.summary).not.toContain('ANNA');
    // From now on the two records go their own ways.
    await change(bertine, 'POST', `/api/staff/reports/${a.id}/steps`, { step: '2', note: 'Alleen voor Anna' });
    const onB = (await asStaff(t, bertine, 'GET', `/api/staff/reports/${b.id}`)).json() as CaseResponse;
    expect(onB.steps.map((step) => step.note)).toEqual(['Samen gesignaleerd']);
    expect(onB.step).toBe('1');
    expect((await inbox(bertine)).reports.map((row) => row.id).sort()).toEqual([a.id, b.id].sort());
    expect((await asStaff(t, bertine, 'POST', `/api/staff/reports/${b.id}/unlink`)).statusCode).toBe(409);
  });

  it('unlinking the report that holds the case leaves the others as one case', async () => {
    const { a, b } = await twoLinked();
    const c = await submitReport(t, { description: 'Derde melding.' });
    expect((await link(bertine, b.id, c.id)).statusCode).toBe(200);
    await change(bertine, 'POST', `/api/staff/reports/${c.id}/steps`, { step: '1', note: 'Drie meldingen' });
    const left = await change(bertine, 'POST', `/api/staff/reports/${a.id}/unlink`);
    expect(left.caseReports.map((report) => report.id)).toEqual([a.id]);
    expect(left.steps.map((step) => step.note)).toEqual(['Drie meldingen']);
    const rest = (await asStaff(t, bertine, 'GET', `/api/staff/reports/${c.id}`)).json() as CaseResponse;
    expect(rest.caseReports.map((report) => report.id)).toEqual([b.id, c.id].sort((x, y) => x - y));
    expect(rest.steps.map((step) => step.note)).toEqual(['Drie meldingen']);
  });

  it('audits linking and unlinking on every report concerned', async () => {
    const { a, b } = await twoLinked();
    await change(bertine, 'POST', `/api/staff/reports/${b.id}/unlink`);
    const elmar = await loginAs(t, ELMAR);
    const entries = (await asStaff(t, elmar, 'GET', '/api/staff/audit')).json().entries as Array<{ action: string; reportId: number; detail: string }>;
    const of = (action: string) => entries.filter((entry) => entry.action === action).map((entry) => entry.reportId).sort();
    expect(of('case.link')).toEqual([a.id, b.id].sort());
    expect(of('case.unlink')).toEqual([a.id, b.id].sort());
    expect(entries.find((entry) => entry.action === 'case.link')!.detail).toBe(`melding ${b.id} gekoppeld aan zaak ${a.id}`);
  });
});
