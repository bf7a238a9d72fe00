import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './helpers/test-app.js';
import { addressesOf, asStaff, BERTINE, ELMAR, loginAs, outbox, submitReport, YVONNE, type StaffSession } from './helpers/staff.js';
const freshAddress = () => '10.98.0.1';
import { registeredRoutes } from './helpers/routes.js';
import { insertContact } from '../db/queries/school-contacts.js';
import { MAX_TEACHERS_PER_SCHOOL, TEACHER_GROEP_MAX } from '../server/shared/teachers.js';

let t: TestApp;
afterEach(async () => {
  await t.close();
});

const ANNA = 'anna.visser@vivente.nu';
const BOB = 'bob.mulder@vivente.nu';

async function auditActions(email: string): Promise<string[]> {
  const rows = await t.context.db.selectFrom('audit_log').select('action').where('staff_email', '=', email.toLowerCase()).orderBy('id').execute();
  return rows.map((row) => row.action);
}

describe('the teacher list', () => {
  beforeEach(async () => {
    t = await startTestApp();
  });

  it('is kept by the directeur, with a Dutch message per field, audited; others are refused', async () => {
    const elmar = await loginAs(t, ELMAR);
    const added = await asStaff(t, elmar, 'POST', '/api/staff/teachers', { name: 'Anna Visser', email: ANNA, groep: '5' });
    expect(added.statusCode).toBe(201);
    expect(added.json().teachers).toEqual([{ id: expect.any(Number), name: 'Anna Visser', email: ANNA, groep: '5' }]);

    const bad = await asStaff(t, elmar, 'POST', '/api/staff/teachers', { name: ' ', email: 'anna', groep: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual({
      name: 'Vul een naam in.',
      email: 'Vul een geldig e-mailadres in, zoals naam@school.nl.',
      groep: 'Vul de groep in, zoals 5 of 7/8.',
    });
    const atEdge = await asStaff(t, elmar, 'POST', '/api/staff/teachers', { name: 'Bob Mulder', email: BOB, groep: 'x'.repeat(TEACHER_GROEP_MAX) });
    expect(atEdge.statusCode).toBe(201);
    const over = await asStaff(t, elmar, 'POST', '/api/staff/teachers', { name: 'C', email: 'c@vivente.nu', groep: 'x'.repeat(TEACHER_GROEP_MAX + 1) });
    expect(over.json().error.fields.groep).toBe(`Gebruik hoogstens ${TEACHER_GROEP_MAX} tekens voor de groep.`);

    const twice = await asStaff(t, elmar, 'POST', '/api/staff/teachers', { name: 'Anna', email: ANNA.toUpperCase(), groep: '6' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.fields.email).toBe('Deze leerkracht staat al op de lijst.');
    const contact = await asStaff(t, elmar, 'POST', '/api/staff/teachers', { name: 'Yvonne', email: YVONNE, groep: '6' });
    expect(contact.statusCode).toBe(409);
    expect(contact.json().error.fields.email).toContain('contacttabel');

    const id = added.json().teachers[0].id as number;
    const changed = await asStaff(t, elmar, 'PUT', `/api/staff/teachers/${id}`, { name: 'Anna Visser', email: ANNA, groep: '5/6' });
    expect(changed.json().teachers.find((row: { id: number }) => row.id === id).groep).toBe('5/6');
    expect((await asStaff(t, elmar, 'DELETE', '/api/staff/teachers/999999')).statusCode).toBe(404);

    const bertine = await loginAs(t, BERTINE);
    for (const [method, url, body] of [
      ['GET', '/api/staff/teachers', undefined],
      ['POST', '/api/staff/teachers', { name: 'X', email: 'x@vivente.nu', groep: '1' }],
      ['PUT', `/api/staff/teachers/${id}`, { name: 'X', email: ANNA, groep: '1' }],
      ['DELETE', `/api/staff/teachers/${id}`, undefined],
    ] as const) {
      const response = await asStaff(t, bertine, method, url, body);
      expect(response.statusCode, `${method} ${url}`).toBe(403);
    }
    expect(await auditActions(ELMAR)).toEqual(expect.arrayContaining(['teacher.add', 'teacher.change']));
  });

  it(`holds at most ${MAX_TEACHERS_PER_SCHOOL} teachers per school`, async () => {
    const rows = Array.from({ length: MAX_TEACHERS_PER_SCHOOL - 1 }, (_, index) => ({
      school: 'kopakker',
      name: `Leerkracht ${index}`,
      email: `l${index}@vivente.nu`,
      groep: '1',
      created_at: '2026-09-01T08:00:00.000Z',
    }));
    await t.context.db.insertInto('teacher').values(rows).execute();
    const elmar = await loginAs(t, ELMAR);
    expect((await asStaff(t, elmar, 'POST', '/api/staff/teachers', { name: 'Laatste', email: 'last@vivente.nu', groep: '8' })).statusCode).toBe(201);
    const full = await asStaff(t, elmar, 'POST', '/api/staff/teachers', { name: 'Te veel', email: 'extra@vivente.nu', groep: '8' });
    expect(full.statusCode).toBe(400);
    expect(full.json().error.message).toContain(`${MAX_TEACHERS_PER_SCHOOL} leerkrachten`);
  });

  it('is kept by a board admin in /beheer too, audited under the board', async () => {
    await t.close();
    t = await startTestApp({ env: { BOARD_ADMINS: 'fenna@bestuur.nl' } });
    const remoteAddress = freshAddress();
    await t.app.inject({ method: 'POST', url: '/api/beheer/login', payload: { email: 'fenna@bestuur.nl' }, remoteAddress });
    const mail = (await outbox(t, 'board-login')).at(-1)!;
    const token = /\/beheer\/login#([A-Za-z0-9_-]+)/.exec(mail.text_body)![1];
    const session = await t.app.inject({ method: 'POST', url: '/api/beheer/sessions', payload: { token }, remoteAddress });
    const headers = { cookie: String(session.headers['set-cookie']).split(';')[0]!, 'x-csrf-token': session.json().csrfToken as string };
    const added = await t.app.inject({
      method: 'POST',
      url: '/api/beheer/schools/kopakker/teachers',
      headers,
      payload: { name: 'Anna Visser', email: ANNA, groep: '5' },
    });
    expect(added.statusCode).toBe(201);
    const bad = await t.app.inject({ method: 'POST', url: '/api/beheer/schools/kopakker/teachers', headers, payload: { name: 'B', email: 'nee', groep: '5' } });
    expect(bad.json().error.fields).toEqual({ email: 'Vul een geldig e-mailadres in, zoals naam@school.nl.' });
    expect((await t.app.inject({ method: 'GET', url: '/api/beheer/schools/nergens/teachers', headers })).statusCode).toBe(404);
    const id = added.json().teachers[0].id as number;
    // The teacher's invitations follow the row: a new address by the board is told to the directeur and the old address.
    const moved = await t.app.inject({ method: 'PUT', url: `/api/beheer/schools/kopakker/teachers/${id}`, headers, payload: { name: 'Anna Visser', email: 'anna@elders.nl', groep: '5' } });
    expect(moved.statusCode).toBe(200);
    const told = await outbox(t, 'contact-table-changed');
    expect(addressesOf(told)).toEqual([ANNA, ELMAR].sort());
    for (const row of told) expect(row.text_body).toContain(`het e-mailadres van leerkracht Anna Visser is nu <anna@elders.nl> (was <${ANNA}>)`);
    const removed = await t.app.inject({ method: 'DELETE', url: `/api/beheer/schools/kopakker/teachers/${id}`, headers });
    expect(removed.json().teachers).toEqual([]);
    expect(await auditActions('fenna@bestuur.nl')).toEqual(expect.arrayContaining(['board.teacher.add', 'board.teacher.remove']));
  });
});

describe('a teacher on a case', () => {
  let elmar: StaffSession;
  let bertine: StaffSession;
  let caseId: number;
  let otherId: number;
  let annaId: number;

  beforeEach(async () => {
    t = await startTestApp();
    elmar = await loginAs(t, ELMAR);
    bertine = await loginAs(t, BERTINE);
    await asStaff(t, elmar, 'POST', '/api/staff/teachers', { name: 'Bob Mulder', email: BOB, groep: '7/8' });
    const list = await asStaff(t, elmar, 'POST', '/api/staff/teachers', { name: 'Anna Visser', email: ANNA, groep: 'groep 5' });
    annaId = (list.json().teachers as Array<{ id: number; email: string }>).find((row) => row.email === ANNA)!.id;
    caseId = (
      await submitReport(t, {
        anonymous: false,
        name: 'MELDERNAAM Sanne',
        email: 'sanne.ouder@example.nl',
        group: 5,
        description: 'Ze pakken elke dag mijn pet af.',
      })
    ).id;
    otherId = (await submitReport(t, { description: 'ANDERE-MELDING: ik word uitgescholden.' })).id;
  });

  async function invite(session: StaffSession, id: number, shareIdentity = false) {
    return asStaff(t, session, 'POST', `/api/staff/reports/${id}/invitations`, { teacherId: annaId, shareIdentity });
  }

  it('is offered with the groep first, invited by the coordinator, mailed without details, and sees only that case', async () => {
    const offered = await asStaff(t, bertine, 'GET', `/api/staff/reports/${caseId}/invitations`);
    expect(offered.json().canInvite).toBe(true);
    expect(offered.json().teachers.map((row: { name: string }) => row.name)).toEqual(['Anna Visser', 'Bob Mulder']);
    expect(offered.json().teachers[0].ofTheGroep).toBe(true);

    // The IB'er may look, not invite.
    const yvonne = await loginAs(t, YVONNE);
    expect((await asStaff(t, yvonne, 'GET', `/api/staff/reports/${caseId}/invitations`)).json().canInvite).toBe(false);
    expect((await invite(yvonne, caseId)).statusCode).toBe(403);

    const invited = await invite(bertine, caseId);
    expect(invited.statusCode).toBe(201);
    expect(invited.json().invitations).toEqual([expect.objectContaining({ name: 'Anna Visser', shareIdentity: false, invitedBy: 'Bertine Pas' })]);
    expect((await invite(bertine, caseId)).statusCode).toBe(409);
    const [mail] = await outbox(t, 'teacher-invited');
    expect(mail!.to_address).toContain(ANNA);
    expect(mail!.text_body).toContain(`/staff/reports/${caseId}`);
    expect(mail!.text_body).not.toMatch(/pet af|MELDERNAAM|sanne/i);

    const anna = await loginAs(t, ANNA);
    expect((anna.me as unknown as { kind: string }).kind).toBe('teacher');
    expect(anna.me.roles).toEqual([]);
    const view = await asStaff(t, anna, 'GET', `/api/staff/reports/${caseId}`);
    expect(view.statusCode).toBe(200);
    expect(view.json().description).toContain('pet af');
    expect(view.json().reporter).toMatchObject({ name: null, email: null });
    expect(view.body).not.toMatch(/MELDERNAAM|sanne\.ouder/);
    expect(view.json().messages).toEqual([]);

    const other = await asStaff(t, anna, 'GET', `/api/staff/reports/${otherId}`);
    expect(other.statusCode).toBe(404);
    expect(other.body).not.toContain('ANDERE-MELDING');
    expect((await asStaff(t, anna, 'POST', `/api/staff/reports/${otherId}/steps`, { step: '2', note: 'x' })).statusCode).toBe(404);
    expect((await asStaff(t, anna, 'GET', '/api/staff/invited-cases')).json().cases.map((row: { id: number }) => row.id)).toEqual([caseId]);

    // Everything else of the portal is closed to a teacher, including this case's other parts.
    for (const [method, url, body] of [
      ['GET', '/api/staff/reports', undefined],
      ['GET', '/api/staff/audit', undefined],
      ['GET', '/api/staff/statistics', undefined],
      ['GET', '/api/staff/register.csv', undefined],
      ['GET', '/api/staff/teachers', undefined],
      ['GET', `/api/staff/reports/${caseId}/invitations`, undefined],
      ['POST', `/api/staff/reports/${caseId}/invitations`, { teacherId: annaId }],
      ['POST', `/api/staff/reports/${caseId}/messages`, { text: 'Hoi' }],
      ['POST', `/api/staff/reports/${caseId}/close`, { outcome: 'resolved', message: '' }],
      ['PUT', `/api/staff/reports/${caseId}/assignee`, { email: ANNA }],
      ['POST', `/api/staff/reports/${caseId}/indication`, { indication: 'pesten' }],
      ['GET', `/api/staff/reports/${caseId}/screenshots/1`, undefined],
      ['POST', '/api/staff/school', { school: 'kopakker' }],
      ['GET', '/api/staff/mail-problems', undefined],
      ['GET', '/api/staff/school-year', undefined],
    ] as const) {
      const response = await asStaff(t, anna, method, url, body);
      expect(response.statusCode, `${method} ${url}`).toBe(403);
      expect(response.body, `${method} ${url}`).not.toMatch(/pet af|ANDERE-MELDING/);
    }
  });

  it('refuses a teacher on every staff route not opened to teachers, route by route', async () => {
    await invite(bertine, caseId);
    const anna = await loginAs(t, ANNA);
    // The routes a teacher reaches: the own session and second factor, the own cases and their protocol parts.
    const opened = new Set([
      'GET /api/staff/me',
      'POST /api/staff/logout',
      'POST /api/staff/logout-everywhere',
      'GET /api/staff/second-factor',
      'POST /api/staff/second-factor/verify',
      'POST /api/staff/second-factor/setup',
      'POST /api/staff/second-factor/enable',
      'POST /api/staff/second-factor/disable',
      'GET /api/staff/invited-cases',
      'GET /api/staff/reports/:id',
      'POST /api/staff/reports/:id/steps',
      'PUT /api/staff/reports/:id/checklist',
      'PUT /api/staff/reports/:id/follow-up',
      'POST /api/staff/reports/:id/notes',
      'POST /api/staff/reports',
    ]);
    const publicRoutes = new Set(['POST /api/staff/login', 'POST /api/staff/sessions', 'GET /api/staff/login-options']);
    const routes = registeredRoutes(t.app.printRoutes({ commonPrefix: false })).filter((route) => route.url.startsWith('/api/staff'));
    let refused = 0;
    for (const route of routes) {
      const key = `${route.method} ${route.url}`;
      if (opened.has(key) || publicRoutes.has(key) || route.url.startsWith('/api/staff/oidc')) continue;
      const url = route.url.replace(':id', String(caseId)).replace(':screenshotId', '1').replace(':invitationId', '1');
      const response = await asStaff(t, anna, route.method as 'GET', url, route.method === 'GET' ? undefined : {});
      expect(response.statusCode, key).toBe(403);
      expect(response.body, key).not.toMatch(/pet af|ANDERE-MELDING/);
      refused += 1;
    }
    expect(refused).toBeGreaterThan(20);
    expect((await asStaff(t, anna, 'GET', '/api/staff/me')).statusCode).toBe(200);
  });

  it('records the teacher steps, ticks the checklists, keeps own notes, every view and change audited', async () => {
    await invite(bertine, caseId);
    await asStaff(t, bertine, 'POST', `/api/staff/reports/${caseId}/notes`, { text: 'NOTITIE-COORDINATOR' });
    const anna = await loginAs(t, ANNA);
    expect((await asStaff(t, anna, 'GET', `/api/staff/reports/${caseId}`)).statusCode).toBe(200);
    for (const step of ['1', '2', '3a', '3b', '4']) {
      const recorded = await asStaff(t, anna, 'POST', `/api/staff/reports/${caseId}/steps`, { step, note: `stap ${step}` });
      expect(recorded.statusCode, step).toBe(201);
    }
    for (const step of ['5', '6']) {
      const refused = await asStaff(t, anna, 'POST', `/api/staff/reports/${caseId}/steps`, { step, note: 'x', ...(step === '5' ? { referral: 'ggd' } : {}) });
      expect(refused.statusCode, step).toBe(403);
    }
    const ticked = await asStaff(t, anna, 'PUT', `/api/staff/reports/${caseId}/checklist`, { list: 'gepeste', item: 0, checked: true });
    expect(ticked.json().checklists[0].items[0].tickedBy).toBe('Anna Visser');
    const noted = await asStaff(t, anna, 'POST', `/api/staff/reports/${caseId}/notes`, { text: 'Gesprek met de klas gehad.' });
    expect(noted.json().notes.map((note: { text: string }) => note.text)).toEqual(['Gesprek met de klas gehad.']);
    expect(noted.body).not.toContain('NOTITIE-COORDINATOR');
    expect(noted.json().steps.map((row: { by: string }) => row.by)).toEqual(Array(5).fill('Anna Visser'));

    // The coordinator sees what the teacher recorded.
    const seen = await asStaff(t, bertine, 'GET', `/api/staff/reports/${caseId}`);
    expect(seen.json().step).toBe('4');
    expect(await auditActions(ANNA)).toEqual(
      expect.arrayContaining(['login', 'case.view', 'step.record', 'checklist.tick', 'note.add']),
    );
  });

  it('shows the reporter only when the coordinator shares it, and access ends on withdrawal and on closing', async () => {
    const invited = await invite(bertine, caseId);
    const invitationId = invited.json().invitations[0].id as number;
    const anna = await loginAs(t, ANNA);
    // The school has an aandachtsfunctionaris (added by hand, as an UPDATE would): the coordinator is told whom a mark mails, the teacher not.
    await insertContact(t.context.db, 'kopakker', { name: 'Anke Visser', email: 'anke.visser@vivente.nu', roles: ['aandachtsfunctionaris'], note: null }, new Date().toISOString());
    expect((await asStaff(t, bertine, 'GET', `/api/staff/reports/${caseId}`)).json().aandachtsfunctionarissen).toEqual(['Anke Visser']);
    const withheld = (await asStaff(t, anna, 'GET', `/api/staff/reports/${caseId}`)).json();
    expect(withheld.reporter).toMatchObject({ name: null, identityWithheld: true });
    // Her summary for the leerlingdossier says the name was not shared with her, never that nobody gave one.
    expect(withheld.summary).toContain('naam en mailadres niet met jou gedeeld');
    expect(withheld.summary).not.toMatch(/MELDERNAAM|naam niet ingevuld/);
    // The step form names whom stap 3a and 4 mail; the Meldcode's mark is not theirs.
    expect(withheld.routing['3a']).toEqual(['Elmar van Dokkum']);
    expect(withheld.aandachtsfunctionarissen).toEqual([]);

    const shared = await asStaff(t, bertine, 'PUT', `/api/staff/reports/${caseId}/invitations/${invitationId}`, { shareIdentity: true });
    expect(shared.json().invitations[0].shareIdentity).toBe(true);
    const named = (await asStaff(t, anna, 'GET', `/api/staff/reports/${caseId}`)).json().reporter;
    expect(named).toMatchObject({ name: 'MELDERNAAM Sanne', email: 'sanne.ouder@example.nl', identityWithheld: false });
    await asStaff(t, bertine, 'PUT', `/api/staff/reports/${caseId}/invitations/${invitationId}`, { shareIdentity: false });
    expect((await asStaff(t, anna, 'GET', `/api/staff/reports/${caseId}`)).json().reporter.name).toBeNull();

    const withdrawn = await asStaff(t, bertine, 'DELETE', `/api/staff/reports/${caseId}/invitations/${invitationId}`);
    expect(withdrawn.json().invitations).toEqual([]);
    expect((await asStaff(t, anna, 'GET', `/api/staff/reports/${caseId}`)).statusCode).toBe(404);
    expect((await asStaff(t, anna, 'POST', `/api/staff/reports/${caseId}/steps`, { step: '2', note: 'x' })).statusCode).toBe(404);
    expect((await asStaff(t, anna, 'GET', '/api/staff/invited-cases')).json().cases).toEqual([]);

    await invite(bertine, caseId);
    expect((await asStaff(t, anna, 'GET', `/api/staff/reports/${caseId}`)).statusCode).toBe(200);
    await asStaff(t, bertine, 'POST', `/api/staff/reports/${caseId}/close`, { outcome: 'resolved', message: '' });
    expect((await asStaff(t, anna, 'GET', `/api/staff/reports/${caseId}`)).statusCode).toBe(404);
    expect((await asStaff(t, anna, 'PUT', `/api/staff/reports/${caseId}/checklist`, { list: 'gepeste', item: 0, checked: true })).statusCode).toBe(404);
    // Reopening does not bring the teacher back: the coordinator invites again if needed.
    await asStaff(t, bertine, 'POST', `/api/staff/reports/${caseId}/reopen`);
    expect((await asStaff(t, anna, 'GET', `/api/staff/reports/${caseId}`)).statusCode).toBe(404);
    expect(await auditActions(BERTINE)).toEqual(expect.arrayContaining(['invitation.add', 'invitation.share', 'invitation.withdraw', 'invitation.end']));
  });

  it('on a report for the vertrouwenspersoon only is invited only by the vertrouwenspersoon', async () => {
    const confidential = (await submitReport(t, { recipients: 'vertrouwenspersoon', description: 'VERTROUWELIJK verhaal.' })).id;
    // Elmar is anti-pestcoördinator but not the VP: the case does not exist for him.
    expect((await invite(elmar, confidential)).statusCode).toBe(404);
    expect((await asStaff(t, elmar, 'GET', `/api/staff/reports/${confidential}/invitations`)).statusCode).toBe(404);
    const anna = await loginAs(t, ANNA);
    expect((await asStaff(t, anna, 'GET', `/api/staff/reports/${confidential}`)).statusCode).toBe(404);
    expect((await invite(bertine, confidential)).statusCode).toBe(201);
    const view = await asStaff(t, anna, 'GET', `/api/staff/reports/${confidential}`);
    expect(view.json().description).toContain('VERTROUWELIJK');
  });

  describe('recording a report told at their desk', () => {
    const told = {
      source: 'in_person',
      role: 'self',
      anonymous: false,
      name: 'LEERLING Daan',
      email: 'daan.ouder@example.nl',
      group: 5,
      description: 'Daan wordt op het plein steeds geduwd.',
      kinds: ['physical'],
      signals: ['irritable'],
    };

    it('stores it, mails the contacts and not the teacher, audits it under the teacher, and invites them with the name shared', async () => {
      const anna = await loginAs(t, ANNA);
      const lastMail = Math.max(0, ...(await outbox(t)).map((row) => row.id));
      const recorded = await asStaff(t, anna, 'POST', '/api/staff/reports', told);
      expect(recorded.statusCode).toBe(201);
      const id = recorded.json().id as number;

      const newMails = (await outbox(t)).filter((row) => row.id > lastMail);
      const mailed = (purpose?: string) => addressesOf(newMails.filter((row) => !purpose || row.purpose === purpose)).map((address) => address.toLowerCase());
      expect(mailed('new-report').sort()).toEqual([BERTINE, ELMAR].map((address) => address.toLowerCase()).sort());
      expect(mailed()).not.toContain(ANNA);

      const audited = await t.context.db.selectFrom('audit_log').select(['action', 'staff_name', 'report_id']).where('report_id', '=', id).orderBy('id').execute();
      expect(audited.map((row) => [row.action, row.staff_name])).toEqual([
        ['report.record', 'Anna Visser'],
        ['invitation.add', 'Anna Visser'],
      ]);

      // In the teacher's list at once, with the name they typed, and open for their steps.
      expect((await asStaff(t, anna, 'GET', '/api/staff/invited-cases')).json().cases.map((row: { id: number }) => row.id)).toEqual([id]);
      const view = await asStaff(t, anna, 'GET', `/api/staff/reports/${id}`);
      expect(view.json().reporter).toMatchObject({ name: 'LEERLING Daan', email: 'daan.ouder@example.nl', identityWithheld: false });
      expect(view.json().source).toBe('in_person');
      expect((await asStaff(t, anna, 'POST', `/api/staff/reports/${id}/steps`, { step: '1', note: 'Daan kwam naar mij.' })).statusCode).toBe(201);

      // The team sees it as new, and the invitation as the coordinator's to withdraw; then the teacher's access ends.
      const inbox = (await asStaff(t, bertine, 'GET', '/api/staff/reports')).json().reports as Array<{ id: number; unread: boolean }>;
      expect(inbox.find((row) => row.id === id)?.unread).toBe(true);
      const invitations = (await asStaff(t, bertine, 'GET', `/api/staff/reports/${id}/invitations`)).json().invitations;
      expect(invitations).toEqual([expect.objectContaining({ teacherId: annaId, shareIdentity: true, invitedBy: 'Anna Visser' })]);
      await asStaff(t, bertine, 'DELETE', `/api/staff/reports/${id}/invitations/${invitations[0].id}`);
      expect((await asStaff(t, anna, 'GET', `/api/staff/reports/${id}`)).statusCode).toBe(404);
      // Other cases stay closed to the teacher.
      expect((await asStaff(t, anna, 'GET', `/api/staff/reports/${caseId}`)).statusCode).toBe(404);
    });

    it('refuses one for the vertrouwenspersoon only, in Dutch, and stores nothing', async () => {
      const anna = await loginAs(t, ANNA);
      const before = await t.context.db.selectFrom('report').select('id').execute();
      const mailsBefore = (await outbox(t)).length;
      const refused = await asStaff(t, anna, 'POST', '/api/staff/reports', { ...told, recipients: 'vertrouwenspersoon' });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.fields.recipients).toBe('Alleen de vertrouwenspersoon legt een melding voor de vertrouwenspersoon vast.');
      expect(await t.context.db.selectFrom('report').select('id').execute()).toEqual(before);
      expect(await t.context.db.selectFrom('case_invitation').selectAll().execute()).toEqual([]);
      expect(await outbox(t)).toHaveLength(mailsBefore);
      expect(await auditActions(ANNA)).not.toContain('report.record');
    });
  });

  it('ends with the teacher: a removed teacher loses their session at once', async () => {
    await invite(bertine, caseId);
    const anna = await loginAs(t, ANNA);
    expect((await asStaff(t, elmar, 'DELETE', `/api/staff/teachers/${annaId}`)).statusCode).toBe(200);
    expect((await asStaff(t, anna, 'GET', '/api/staff/me')).statusCode).toBe(401);
    expect(await t.context.db.selectFrom('case_invitation').selectAll().execute()).toEqual([]);
  });
});
