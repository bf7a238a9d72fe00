// The Meldcode huiselijk geweld en kindermishandeling on a case: the aandachtsfunctionaris is told and
// gets access to that case; its five steps are recorded beside the protocol's; and the Meldcode part
// is seen by the aandachtsfunctionaris, the directeur and the handler only: for anyone else it is
// not in the answer at all.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAuditEntries } from '../db/queries/audit.js';
import { DEFAULT_SCHOOLS } from '../server/schools/default-schools.js';
import { MAX_STEP_NOTE_LENGTH } from '../server/shared/limits.js';
import { MELDCODE_STEP_LABELS } from '../server/shared/meldcode.js';
import type { CaseResponse, InboxResponse } from '../server/shared/staff-responses.js';
import { makeDataDir, startTestApp, type TestApp } from './helpers/test-app.js';
import { addressesOf, asStaff, BERTINE, ELMAR, loginAs, outbox, submitReport, writeSchoolsFile, YVONNE, type StaffSession } from './helpers/staff.js';

const ANKE = 'anke.visser@vivente.nu';

let t: TestApp;
let bertine: StaffSession;
let elmar: StaffSession;
let yvonne: StaffSession;
let anke: StaffSession;
beforeEach(async () => {
  const dataDir = await makeDataDir();
  const kopakker = DEFAULT_SCHOOLS.schools[0]!;
  const schools = { ...DEFAULT_SCHOOLS, schools: [{ ...kopakker, contacts: [...kopakker.contacts, { name: 'Anke Visser', email: ANKE, roles: ['aandachtsfunctionaris' as const] }] }] };
  t = await startTestApp({ dataDir, env: { SCHOOLS_FILE: await writeSchoolsFile(dataDir, schools) } });
  [bertine, elmar, yvonne, anke] = [await loginAs(t, BERTINE), await loginAs(t, ELMAR), await loginAs(t, YVONNE), await loginAs(t, ANKE)];
});
afterEach(async () => {
  await t.close();
});

const STORY = 'KINDVERHAAL: papa slaat mij als hij boos is.';

async function ok(session: StaffSession, method: 'GET' | 'POST' | 'PUT', path: string, body?: object) {
  const response = await asStaff(t, session, method, path, body ?? (method === 'GET' ? undefined : {}));
  expect(response.statusCode, `${path}: ${response.body}`).toBeLessThan(300);
  return response;
}

const view = async (session: StaffSession, id: number) => (await ok(session, 'GET', `/api/staff/reports/${id}`)).json() as CaseResponse;
const inboxIds = async (session: StaffSession) =>
  ((await ok(session, 'GET', '/api/staff/reports')).json() as InboxResponse).reports.map((row) => row.id);

/** A case Bertine handles, marked for the Meldcode by Yvonne (the IB'er, not its handler). */
async function markedCase() {
  const report = await submitReport(t, { description: STORY });
  await ok(bertine, 'PUT', `/api/staff/reports/${report.id}/assignee`, { email: BERTINE });
  await ok(yvonne, 'POST', `/api/staff/reports/${report.id}/meldcode`);
  return report;
}

describe('the Meldcode path', () => {
  it('tells the aandachtsfunctionaris through the outbox, without details, and gives them that case only', async () => {
    const other = await submitReport(t, { description: 'Een andere melding.' });
    expect((await asStaff(t, anke, 'GET', `/api/staff/reports/${other.id}`)).statusCode).toBe(404);
    expect(await inboxIds(anke)).toEqual([]);

    // The case says beforehand whom the mark mails.
    expect((await view(yvonne, other.id)).aandachtsfunctionarissen).toEqual(['Anke Visser']);
    const report = await markedCase();
    const mails = await outbox(t, 'case-meldcode');
    expect(addressesOf(mails)).toEqual([ANKE]);
    for (const part of [mails[0]!.subject, mails[0]!.text_body, mails[0]!.html_body]) expect(part).not.toContain('KINDVERHAAL');
    expect(mails[0]!.text_body).toContain(`/staff/reports/${report.id}`);

    expect(await inboxIds(anke)).toEqual([report.id]);
    const seen = await view(anke, report.id);
    expect(seen.description).toBe(STORY);
    expect(seen.meldcode).toMatchObject({ markedBy: 'Yvonne de Bruin', entries: [] });
    expect(seen.meldcode!.steps.map((step) => step.label)).toEqual(Object.values(MELDCODE_STEP_LABELS));
    // Still nothing else of the school.
    expect((await asStaff(t, anke, 'GET', `/api/staff/reports/${other.id}`)).statusCode).toBe(404);
    expect((await asStaff(t, anke, 'GET', '/api/staff/statistics')).statusCode).toBe(403);
    expect((await asStaff(t, anke, 'POST', '/api/staff/reports', { source: 'phone', role: 'parent', description: 'x' })).statusCode).toBe(403);
    expect((await asStaff(t, anke, 'GET', '/api/staff/audit')).statusCode).toBe(403);
  });

  it('shows the Meldcode part to the aandachtsfunctionaris, the directeur and the handler, and leaves it out of every answer for the others', async () => {
    const report = await markedCase();
    for (const session of [anke, elmar, bertine]) expect((await view(session, report.id)).meldcode, session.me.email).toBeTruthy();
    // Yvonne marked it but does not handle it: no key, no word of it, in the case, the inbox and the summary.
    const forYvonne = await ok(yvonne, 'GET', `/api/staff/reports/${report.id}`);
    expect(forYvonne.json()).not.toHaveProperty('meldcode');
    expect(forYvonne.body.toLowerCase()).not.toContain('meldcode');
    expect((await ok(yvonne, 'GET', '/api/staff/reports')).body.toLowerCase()).not.toContain('meldcode');
    // Marking again answers alike and changes nothing; recording is refused without saying whether it is marked.
    const again = await ok(yvonne, 'POST', `/api/staff/reports/${report.id}/meldcode`);
    expect(again.json()).not.toHaveProperty('meldcode');
    expect(await outbox(t, 'case-meldcode')).toHaveLength(1);
    const refused = await asStaff(t, yvonne, 'POST', `/api/staff/reports/${report.id}/meldcode/entries`, { step: '1', note: 'x' });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain('KINDVERHAAL');
    // The aandachtsfunctionaris is not offered as a handler: the name would tell the mark.
    expect((await view(yvonne, report.id)).assignable.map((member) => member.email)).not.toContain(ANKE);
    // The one who becomes handler sees it from then on.
    await ok(bertine, 'PUT', `/api/staff/reports/${report.id}/assignee`, { email: YVONNE });
    expect((await view(yvonne, report.id)).meldcode).toBeTruthy();
    expect((await view(bertine, report.id))).not.toHaveProperty('meldcode');
  });

  it('for an unmarked case the directeur and handler get null (to mark it), the others nothing', async () => {
    const report = await submitReport(t);
    await ok(bertine, 'PUT', `/api/staff/reports/${report.id}/assignee`, { email: BERTINE });
    expect((await view(elmar, report.id)).meldcode).toBeNull();
    expect((await view(bertine, report.id)).meldcode).toBeNull();
    expect(await view(yvonne, report.id)).not.toHaveProperty('meldcode');
    const early = await asStaff(t, bertine, 'POST', `/api/staff/reports/${report.id}/meldcode/entries`, { step: '1' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe('Markeer de melding eerst voor de Meldcode.');
  });

  it('makes whoever marks a case nobody handles its handler, so the mark stays in sight', async () => {
    const report = await submitReport(t);
    const marked = (await ok(yvonne, 'POST', `/api/staff/reports/${report.id}/meldcode`)).json() as CaseResponse;
    expect(marked.assignee?.email).toBe(YVONNE.toLowerCase());
    expect(marked.meldcode).toMatchObject({ markedBy: 'Yvonne de Bruin' });
  });

  it('records the five steps and notes beside the protocol, for those who may, with clear refusals at the edges', async () => {
    const report = await markedCase();
    const path = `/api/staff/reports/${report.id}/meldcode/entries`;
    const first = await asStaff(t, anke, 'POST', path, { step: '1', note: 'Blauwe plekken gezien op de arm.' });
    expect(first.statusCode).toBe(201);
    await ok(elmar, 'POST', path, { step: '2', note: 'Overlegd met Veilig Thuis (advies).' });
    await ok(bertine, 'POST', path, { note: 'x'.repeat(MAX_STEP_NOTE_LENGTH) });
    const entries = (await view(elmar, report.id)).meldcode!.entries;
    expect(entries.map((entry) => [entry.step, entry.by])).toEqual([['1', 'Anke Visser'], ['2', 'Elmar van Dokkum'], [null, 'Bertine Pas']]);
    // The protocol's own steps are apart from these.
    expect((await view(elmar, report.id)).steps).toEqual([]);
    expect((await view(elmar, report.id)).summary).not.toContain('Blauwe plekken');

    for (const [body, field] of [[{ step: '6' }, 'step'], [{}, 'note'], [{ note: 'x'.repeat(MAX_STEP_NOTE_LENGTH + 1) }, 'note']] as const) {
      const bad = await asStaff(t, anke, 'POST', path, body);
      expect(bad.statusCode, JSON.stringify(body)).toBe(400);
      expect(bad.json().error.fields).toHaveProperty(field);
    }
    expect((await view(elmar, report.id)).meldcode!.entries).toHaveLength(3);
  });

  it('audits the mark and each record, for the directeur to read', async () => {
    const report = await markedCase();
    await ok(anke, 'POST', `/api/staff/reports/${report.id}/meldcode/entries`, { step: '3', note: 'Gesprek met moeder.' });
    const entries = (await ok(elmar, 'GET', '/api/staff/audit')).json().entries as Array<{ action: string; reportId: number; email: string; detail: string | null }>;
    expect(entries.filter((entry) => entry.action.startsWith('meldcode.')).map((entry) => [entry.action, entry.email, entry.detail])).toEqual([
      ['meldcode.step', ANKE, MELDCODE_STEP_LABELS['3']],
      ['meldcode.mark', YVONNE.toLowerCase(), null],
    ]);
  });

  it("keeps a Meldcode line from an audit reader who may not see that case's Meldcode part: the directeur does not read the mark of a case for the vertrouwenspersoon only", async () => {
    const open = await markedCase();
    const secret = await submitReport(t, { recipients: 'vertrouwenspersoon', description: STORY });
    await ok(bertine, 'POST', `/api/staff/reports/${secret.id}/meldcode`);
    const entries = (await ok(elmar, 'GET', '/api/staff/audit')).json().entries as Array<{ action: string; reportId: number | null }>;
    const meldcodeLines = entries.filter((entry) => entry.action.startsWith('meldcode.')).map((entry) => entry.reportId);
    // The directeur reads the mark of the case he may open (he does not handle it) ...
    expect(meldcodeLines).toEqual([open.id]);
    // ... and no line at all about the case he may not open, so not that it was marked.
    expect(entries.filter((entry) => entry.reportId === secret.id)).toEqual([]);
  });

  it('leaves the Meldcode lines of other cases out of the log for a reader who sees only the Meldcode part of the cases they handle', async () => {
    // Today only the directeur reads the log, and he sees every Meldcode part; the query keeps the
    // lines from anyone else should another role ever read it (db/queries/audit.ts).
    const handled = await markedCase();
    const other = await submitReport(t, { description: 'Een andere melding.' });
    await ok(elmar, 'PUT', `/api/staff/reports/${other.id}/assignee`, { email: ELMAR });
    await ok(yvonne, 'POST', `/api/staff/reports/${other.id}/meldcode`);
    await ok(anke, 'POST', `/api/staff/reports/${other.id}/meldcode/entries`, { step: '3', note: 'Gesprek met moeder.' });
    const linesFor = async (meldcode: { all: boolean; handler: string }) =>
      (await listAuditEntries(t.context.db, 'kopakker', { offset: 0, limit: 100, includeConfidential: false, meldcode })).map(
        (row) => `${row.action} ${row.report_id}`,
      );
    const forBertine = await linesFor({ all: false, handler: bertine.me.email });
    expect(forBertine.filter((line) => line.startsWith('meldcode.'))).toEqual([`meldcode.mark ${handled.id}`]);
    // The rest of the other case's lines stay: only the Meldcode part is hers to not know.
    expect(forBertine).toContain(`assignee.set ${other.id}`);
    const everyone = await linesFor({ all: true, handler: bertine.me.email });
    expect(everyone.filter((line) => line.startsWith('meldcode.')).sort()).toEqual(
      [`meldcode.mark ${handled.id}`, `meldcode.mark ${other.id}`, `meldcode.step ${other.id}`].sort(),
    );
  });

  it('opens a case for the vertrouwenspersoon only to the aandachtsfunctionaris once the VP marks it, and to nobody else', async () => {
    const secret = await submitReport(t, { recipients: 'vertrouwenspersoon', description: STORY });
    expect((await asStaff(t, anke, 'GET', `/api/staff/reports/${secret.id}`)).statusCode).toBe(404);
    // The VP's case routes nothing to colleagues but the mark, which the case names.
    const forTheVp = await view(bertine, secret.id);
    expect(forTheVp.routing).toEqual({ pesten: [], '3a': [], '4': [], '6': [] });
    expect(forTheVp.aandachtsfunctionarissen).toEqual(['Anke Visser']);
    await ok(bertine, 'POST', `/api/staff/reports/${secret.id}/meldcode`);
    expect((await view(anke, secret.id)).confidential).toBe(true);
    expect(addressesOf(await outbox(t, 'case-meldcode'))).toEqual([ANKE]);
    expect((await asStaff(t, elmar, 'GET', `/api/staff/reports/${secret.id}`)).statusCode).toBe(404);
    expect(await inboxIds(elmar)).toEqual([]);
  });

  it('keeps the mark when the case is linked with another, and the aandachtsfunctionaris opens each of its reports', async () => {
    const report = await markedCase();
    const other = await submitReport(t);
    await ok(bertine, 'POST', `/api/staff/reports/${other.id}/links`, { reportId: report.id });
    expect((await view(elmar, other.id)).meldcode).toBeTruthy();
    expect((await view(anke, other.id)).caseId).toBe(other.id);
    expect(await inboxIds(anke)).toEqual([other.id]);
  });
});
