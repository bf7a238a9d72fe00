import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  MAX_MESSAGE_LENGTH,
  MAX_STAFF_INBOX_PAGE_SIZE,
  MAX_STAFF_NOTE_LENGTH,
  MAX_STEP_NOTE_LENGTH,
} from '../server/shared/limits.js';
import { CHECKLISTS, CLOSING_MESSAGES } from '../server/shared/protocol.js';
import type { CaseResponse } from '../server/shared/staff-responses.js';
import { jpegWithGps, pngImage } from './helpers/images.js';
import { multipartBody } from './helpers/multipart.js';
import { makeDataDir, startTestApp, type TestApp } from './helpers/test-app.js';
import {
  addressesOf,
  asStaff,
  BERTINE,
  ELMAR,
  loginAs,
  outbox,
  submitReport,
  writeSchoolsFile,
  YVONNE,
  type StaffSession,
} from './helpers/staff.js';

let t: TestApp;
let bertine: StaffSession;

beforeEach(async () => {
  t = await startTestApp();
  bertine = await loginAs(t, BERTINE);
});
afterEach(async () => {
  await t.close();
});

const PESTEN_ANSWERS = { equal: false, sameTarget: true, hurtful: true, frequency: 'daily' };

async function auditRows(reportId?: number) {
  let query = t.context.db.selectFrom('audit_log').selectAll().orderBy('id');
  if (reportId !== undefined) query = query.where('report_id', '=', reportId);
  return query.execute();
}

describe('inbox', () => {
  it('lists the school\'s reports newest day first, with the count of unopened ones', async () => {
    await t.close();
    let clock = new Date('2026-03-02T09:00:00Z');
    t = await startTestApp({ now: () => clock });
    bertine = await loginAs(t, BERTINE);
    const first = await submitReport(t);
    clock = new Date('2026-03-03T09:00:00Z');
    const second = await submitReport(t);
    // A day later the first session has long expired.
    bertine = await loginAs(t, BERTINE);
    const inbox = await asStaff(t, bertine, 'GET', '/api/staff/reports');
    expect(inbox.statusCode).toBe(200);
    expect(inbox.headers['cache-control']).toBe('no-store');
    expect(inbox.json().reports.map((r: { id: number }) => r.id)).toEqual([second.id, first.id]);
    expect(inbox.json().unreadCount).toBe(2);
    await asStaff(t, bertine, 'GET', `/api/staff/reports/${first.id}`);
    const after = await asStaff(t, bertine, 'GET', '/api/staff/reports');
    expect(after.json().unreadCount).toBe(1);
    expect(after.json().reports.find((r: { id: number }) => r.id === first.id).unread).toBe(false);
  });

  it('numbers cases at random, so the numbers tell neither the order of arrival nor the gaps of reports others cannot see', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 12; i += 1) ids.push((await submitReport(t)).id);
    for (const id of ids) expect(String(id)).toMatch(/^[1-9]\d{8}$/);
    expect(new Set(ids).size).toBe(ids.length);
    // Twelve counted numbers would rise one by one; twelve drawn ones rise in order once in 479 million.
    expect(ids.some((id, i) => i > 0 && id < ids[i - 1]!)).toBe(true);
  });

  it('pages with a keyset cursor, up to the page size limit', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 5; i += 1) ids.push((await submitReport(t)).id);
    // One day: within it the order is the random case number's, not the order of arrival.
    const expected = [...ids].sort((a, b) => b - a);
    const page1 = (await asStaff(t, bertine, 'GET', '/api/staff/reports?limit=2')).json();
    expect(page1.reports.map((r: { id: number }) => r.id)).toEqual(expected.slice(0, 2));
    const page2 = (await asStaff(t, bertine, 'GET', `/api/staff/reports?limit=2&before=${page1.next}`)).json();
    expect(page2.reports.map((r: { id: number }) => r.id)).toEqual(expected.slice(2, 4));
    const page3 = (await asStaff(t, bertine, 'GET', `/api/staff/reports?limit=2&before=${page2.next}`)).json();
    expect(page3.reports.map((r: { id: number }) => r.id)).toEqual(expected.slice(4));
    expect(page3.next).toBeNull();

    expect((await asStaff(t, bertine, 'GET', `/api/staff/reports?limit=${MAX_STAFF_INBOX_PAGE_SIZE}`)).statusCode).toBe(200);
    const tooMany = await asStaff(t, bertine, 'GET', `/api/staff/reports?limit=${MAX_STAFF_INBOX_PAGE_SIZE + 1}`);
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.fields).toHaveProperty('limit');
  });

  it('puts urgent reports first, and pages across them without skipping or repeating', async () => {
    const plain1 = await submitReport(t);
    const urgent1 = await submitReport(t, { urgent: true });
    const plain2 = await submitReport(t);
    const urgent2 = await submitReport(t, { urgent: true });
    const seen: number[] = [];
    let next: string | null = null;
    do {
      const url: string = `/api/staff/reports?limit=1${next ? `&before=${next}` : ''}`;
      const page = (await asStaff(t, bertine, 'GET', url)).json() as { reports: Array<{ id: number; urgent: boolean }>; next: string | null };
      seen.push(...page.reports.map((report) => report.id));
      next = page.next;
    } while (next);
    const newestFirst = (a: number, b: number) => b - a;
    expect(seen).toEqual([...[urgent1.id, urgent2.id].sort(newestFirst), ...[plain1.id, plain2.id].sort(newestFirst)]);
    const view = (await asStaff(t, bertine, 'GET', `/api/staff/reports/${urgent1.id}`)).json();
    expect(view.urgent).toBe(true);
    expect(view.summary).toMatch(/DRINGEND/);
    const bad = await asStaff(t, bertine, 'GET', '/api/staff/reports?before=12');
    expect(bad.statusCode).toBe(400);
  });

  it('filters by status, step, kind, place, date range, indication and unread', async () => {
    const time = new Date();
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam', dateStyle: 'short' }).format(time);
    const online = await submitReport(t, { kinds: ['cyber'], places: ['online'], ...PESTEN_ANSWERS });
    const playground = await submitReport(t, { kinds: ['physical'], places: ['playground'], equal: true, sameTarget: false, hurtful: false, frequency: 'once' });
    await asStaff(t, bertine, 'POST', `/api/staff/reports/${online.id}/steps`, { step: '2' });
    const ids = async (query: string) =>
      (await asStaff(t, bertine, 'GET', `/api/staff/reports?${query}`)).json().reports.map((r: { id: number }) => r.id);
    expect(await ids('kind=cyber')).toEqual([online.id]);
    expect(await ids('place=playground')).toEqual([playground.id]);
    expect(await ids('step=2')).toEqual([online.id]);
    expect(await ids('step=none')).toEqual([playground.id]);
    expect(await ids('status=open')).toEqual([online.id]);
    expect(await ids('status=new')).toEqual([playground.id]);
    expect(await ids('indication=pesten')).toEqual([online.id]);
    expect(await ids('indication=plagen')).toEqual([playground.id]);
    expect(await ids('unread=true')).toEqual([playground.id]);
    expect(await ids(`from=${today}&to=${today}`)).toEqual([playground.id, online.id].sort((a, b) => b - a));
    expect(await ids('to=2000-01-01')).toEqual([]);
    const bad = await asStaff(t, bertine, 'GET', '/api/staff/reports?kind=slaan&from=gisteren');
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['from', 'kind']);
  });
});

describe('case page', () => {
  it('shows what the reporter sent, and their identity only when they gave it', async () => {
    const anonymous = await submitReport(t, { name: 'Sanne', group: 6, email: 'sanne@example.org', target: 'Tim', perpetrators: 'Kees' });
    const named = await submitReport(t, { anonymous: false, name: 'Sanne', group: 6, email: 'sanne@example.org', ...PESTEN_ANSWERS });
    const a = (await asStaff(t, bertine, 'GET', `/api/staff/reports/${anonymous.id}`)).json();
    expect(a.reporter).toEqual({ role: 'self', anonymous: true, name: null, group: null, email: null, language: 'nl', identityWithheld: false });
    expect(a.target).toBe('Tim');
    expect(a.perpetrators).toBe('Kees');
    const n = (await asStaff(t, bertine, 'GET', `/api/staff/reports/${named.id}`)).json();
    expect(n.reporter).toEqual({ role: 'self', anonymous: false, name: 'Sanne', group: 6, email: 'sanne@example.org', language: 'nl', identityWithheld: false });
    expect(n.criteria).toEqual([
      { key: 'equal', plagen: 'Gelijkwaardigheid', pesten: 'Machtsongelijkheid', answer: 'pesten' },
      { key: 'sameTarget', plagen: 'Wisselend ‘slachtofferschap’', pesten: 'Hetzelfde slachtoffer', answer: 'pesten' },
      { key: 'hurtful', plagen: 'Humoristisch', pesten: 'Kwetsend', answer: 'pesten' },
      { key: 'frequency', plagen: 'Af en toe', pesten: 'Vaak / voortdurend', answer: 'pesten' },
    ]);
    expect(n.indication).toBe('pesten');
    expect(n.summary).toContain('Sanne');
    expect(n.summary).toContain('Ze pakken elke dag mijn pet af op het plein.');
  });

  it('answers 404 for an unknown id and 400 for a malformed one, in the error shape', async () => {
    const missing = await asStaff(t, bertine, 'GET', '/api/staff/reports/999');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
    const malformed = await asStaff(t, bertine, 'GET', '/api/staff/reports/abc');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.fields).toHaveProperty('id');
  });

  it('serves screenshots with headers that keep them inert and uncached, and logs each view', async () => {
    const image = await pngImage();
    const { payload, headers } = multipartBody(
      [
        ['role', 'parent'],
        ['description', 'Kijk wat ze in de groepsapp zetten.'],
      ],
      [{ field: 'screenshots', filename: 'app.png', contentType: 'image/png', data: image }],
    );
    await t.app.inject({ method: 'POST', url: '/api/reports', payload, headers });
    const report = (await asStaff(t, bertine, 'GET', '/api/staff/reports')).json().reports[0];
    const view = (await asStaff(t, bertine, 'GET', `/api/staff/reports/${report.id}`)).json();
    expect(view.screenshots).toHaveLength(1);
    const response = await asStaff(t, bertine, 'GET', view.screenshots[0].url);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(response.rawPayload.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // Saved from the browser, it keeps an extension that matches its type.
    expect(response.headers['content-disposition']).toBe(`inline; filename="schermafbeelding-${report.id}-${view.screenshots[0].id}.png"`);
    const anonymous = await t.app.inject({ method: 'GET', url: view.screenshots[0].url });
    expect(anonymous.statusCode).toBe(401);
    const rows = await auditRows(report.id);
    expect(rows.map((row) => row.action)).toEqual(['case.view', 'screenshot.view']);
  });

  it('names a JPEG screenshot .jpg when it is downloaded', async () => {
    const { payload, headers } = multipartBody(
      [['role', 'parent'], ['description', 'Een foto van het bericht.']],
      [{ field: 'screenshots', filename: 'foto', contentType: 'image/jpeg', data: await jpegWithGps() }],
    );
    expect((await t.app.inject({ method: 'POST', url: '/api/reports', payload, headers })).statusCode).toBe(201);
    const report = (await asStaff(t, bertine, 'GET', '/api/staff/reports')).json().reports[0];
    const shot = (await asStaff(t, bertine, 'GET', `/api/staff/reports/${report.id}`)).json().screenshots[0];
    const response = await asStaff(t, bertine, 'GET', shot.url);
    expect(response.headers['content-type']).toBe('image/jpeg');
    expect(response.headers['content-disposition']).toBe(`inline; filename="schermafbeelding-${report.id}-${shot.id}.jpg"`);
  });

  it('numbers screenshots and messages within their report, so no id places one report among others in time', async () => {
    // Ids count over all reports: a staff member who knows when their own rows were written could
    // bound an anonymous report's time by its rows' ids. The view shows positions in the report instead.
    const withShot = async (fields: Array<[string, string]>, url: string, width: number) => {
      const { payload, headers } = multipartBody(fields, [{ field: 'screenshots', filename: 'a.png', contentType: 'image/png', data: await pngImage(width, 10) }]);
      const response = await t.app.inject({ method: 'POST', url, payload, headers });
      expect(response.statusCode, response.body).toBe(201);
      return response;
    };
    const first = (await withShot([['role', 'self'], ['description', 'Eerste melding.']], '/api/reports', 11)).json().receipt as string;
    await withShot([['role', 'self'], ['description', 'Tweede melding.']], '/api/reports', 12);
    await t.app.inject({ method: 'POST', url: '/api/followup/messages', payload: { receipt: first, text: 'Groep 6.' } });
    await withShot([['receipt', first], ['text', 'Nog een plaatje.']], '/api/followup/messages', 13);

    const reports = (await asStaff(t, bertine, 'GET', '/api/staff/reports')).json().reports as Array<{ id: number }>;
    const views = await Promise.all(reports.map(async (report) => (await asStaff(t, bertine, 'GET', `/api/staff/reports/${report.id}`)).json()));
    const second = views.find((view) => view.description === 'Tweede melding.');
    const firstView = views.find((view) => view.description === 'Eerste melding.');
    expect(second.screenshots.map((shot: { id: number }) => shot.id)).toEqual([1]);
    expect(firstView.messages.map((message: { id: number }) => message.id)).toEqual([1, 2]);
    expect(firstView.screenshots.map((shot: { id: number; messageId: number | null }) => [shot.id, shot.messageId])).toEqual([[1, null], [2, 2]]);
    // Each number opens its own picture, and is what the audit log and the file name say.
    const widths = [];
    for (const shot of firstView.screenshots as Array<{ url: string }>) {
      const response = await asStaff(t, bertine, 'GET', shot.url);
      widths.push((await sharp(response.rawPayload).metadata()).width);
    }
    expect(widths).toEqual([11, 13]);
    expect((await asStaff(t, bertine, 'GET', `/api/staff/reports/${firstView.id}/screenshots/3`)).statusCode).toBe(404);
    const details = (await auditRows(firstView.id)).filter((row) => row.action === 'screenshot.view').map((row) => row.detail);
    expect(details).toEqual(['schermafbeelding 1', 'schermafbeelding 2']);
  });
});

describe('plagen or pesten', () => {
  it('lets staff overrule the indication; confirming pesten informs the IB\'er once', async () => {
    const { id } = await submitReport(t, { equal: true, sameTarget: false, hurtful: false, frequency: 'once' });
    const plagen = await asStaff(t, bertine, 'POST', `/api/staff/reports/${id}/indication`, { indication: 'plagen' });
    expect(plagen.statusCode).toBe(200);
    expect(plagen.json().staffIndication).toBe('plagen');
    expect(await outbox(t, 'case-pesten')).toHaveLength(0);
    const overruled = await asStaff(t, bertine, 'POST', `/api/staff/reports/${id}/indication`, { indication: 'pesten', note: 'Na gesprek: het gebeurt vaker.' });
    expect(overruled.json().staffIndication).toBe('pesten');
    expect(overruled.json().indication).toBe('plagen');
    expect(overruled.json().indicationBy).toBe('Bertine Pas');
    await asStaff(t, bertine, 'POST', `/api/staff/reports/${id}/indication`, { indication: 'pesten' });
    await asStaff(t, bertine, 'POST', `/api/staff/reports/${id}/steps`, { step: '3b' });
    const mails = await outbox(t, 'case-pesten');
    expect(addressesOf(mails)).toEqual([YVONNE]);
    const audit = await auditRows(id);
    expect(audit.filter((row) => row.action === 'indication.set').map((row) => row.detail)).toEqual([
      'plagen, bevestigd',
      'pesten, overruled (antwoorden: plagen)',
      'pesten, overruled (antwoorden: plagen)',
    ]);
  });
});

describe('protocol steps', () => {
  it('keeps a timeline with who, when and a note, and routes the protocol\'s mails', async () => {
    const { id } = await submitReport(t, { description: 'Tim wordt door Kees geslagen.', target: 'Tim', perpetrators: 'Kees' });
    await asStaff(t, bertine, 'POST', `/api/staff/reports/${id}/steps`, { step: '1', note: 'Gemeld door leerling' });
    await asStaff(t, bertine, 'POST', `/api/staff/reports/${id}/steps`, { step: '2' });
    expect(await outbox(t, 'case-pesten')).toHaveLength(0);

    const step3a = await asStaff(t, bertine, 'POST', `/api/staff/reports/${id}/steps`, { step: '3a', note: 'Ouders op school geweest' });
    expect(step3a.statusCode).toBe(201);
    // Stap 3a is only for pesten: the IB'er is informed, and the MT-lid; the seed's table has no
    // MT, so the directeur is.
    expect(addressesOf(await outbox(t, 'case-pesten'))).toEqual([YVONNE]);
    expect(addressesOf(await outbox(t, 'case-3a'))).toEqual([ELMAR]);

    await asStaff(t, bertine, 'POST', `/api/staff/reports/${id}/steps`, { step: '4' });
    expect(addressesOf(await outbox(t, 'case-4'))).toEqual([ELMAR]);
    const referral = await asStaff(t, bertine, 'POST', `/api/staff/reports/${id}/steps`, { step: '5', referral: 'ggd' });
    expect(referral.statusCode).toBe(201);
    await asStaff(t, bertine, 'POST', `/api/staff/reports/${id}/steps`, { step: '6' });
    expect(addressesOf(await outbox(t, 'case-6'))).toEqual([ELMAR]);
    // The IB'er heard once, not at every step.
    expect(await outbox(t, 'case-pesten')).toHaveLength(1);

    const view = (await asStaff(t, bertine, 'GET', `/api/staff/reports/${id}`)).json();
    expect(view.steps.map((step: { step: string }) => step.step)).toEqual(['1', '2', '3a', '4', '5', '6']);
    expect(view.steps[0]).toMatchObject({ by: 'Bertine Pas', note: 'Gemeld door leerling' });
    expect(view.steps[4].referral).toBe('ggd');
    expect(view.step).toBe('6');
    expect(view.staffIndication).toBe('pesten');

    // No child's name or words in any routing mail.
    for (const mail of (await outbox(t)).filter((row) => row.purpose.startsWith('case-'))) {
      for (const secret of ['Tim', 'Kees', 'geslagen', 'Ouders op school']) {
        expect(mail.text_body).not.toContain(secret);
        expect(mail.html_body).not.toContain(secret);
      }
      expect(mail.text_body).toContain('Er staan geen namen of details van kinderen in deze mail.');
      expect(mail.text_body).toContain(`/staff/reports/${id}`);
    }
  });

  it('does not mail the person who made the change, and uses an MT-lid when the table has one', async () => {
    await t.close();
    const dataDir = await makeDataDir();
    t = await startTestApp({ dataDir, env: { SCHOOLS_FILE: await writeSchoolsFile(dataDir) } });
    const anouk = await loginAs(t, 'anouk.smit@linde.nl');
    const { id } = await submitReport(t, { school: 'de-linde' });
    await asStaff(t, anouk, 'POST', `/api/staff/reports/${id}/steps`, { step: '3a' });
    expect(addressesOf(await outbox(t, 'case-3a'))).toEqual(['mees.jansen@linde.nl']);
    expect(addressesOf(await outbox(t, 'case-pesten'))).toEqual(['lotte.bos@vivente.nu']);
    const karim = await loginAs(t, 'karim.haddou@linde.nl');
    await asStaff(t, karim, 'POST', `/api/staff/reports/${id}/steps`, { step: '6' });
    expect(await outbox(t, 'case-6')).toHaveLength(0);
  });

  it('says on the case whom each routed step would mail, as the mails then go, and nobody where nobody is', async () => {
    const { id } = await submitReport(t);
    const caseOf = async (session: StaffSession, reportId = id) =>
      (await asStaff(t, session, 'GET', `/api/staff/reports/${reportId}`)).json() as CaseResponse;
    const routing = async (session: StaffSession, reportId = id) => (await caseOf(session, reportId)).routing;
    // The seed's table: an IB'er, no MT (so the directeur), no aandachtsfunctionaris.
    expect(await routing(bertine)).toEqual({ pesten: ['Yvonne de Bruin'], '3a': ['Elmar van Dokkum'], '4': ['Elmar van Dokkum'], '6': ['Elmar van Dokkum'] });
    expect((await caseOf(bertine)).aandachtsfunctionarissen).toEqual([]);
    // The directeur does not mail himself: for him stap 3a, 4 and 6 mail nobody, and so they do.
    const elmar = await loginAs(t, ELMAR);
    expect(await routing(elmar)).toMatchObject({ '3a': [], '4': [], '6': [], pesten: ['Yvonne de Bruin'] });
    await asStaff(t, elmar, 'POST', `/api/staff/reports/${id}/steps`, { step: '3a' });
    expect(await outbox(t, 'case-3a')).toHaveLength(0);
    expect(addressesOf(await outbox(t, 'case-pesten'))).toEqual([YVONNE]);
    // Marking for the Meldcode at a school without an aandachtsfunctionaris mails nobody, as the case said.
    await asStaff(t, bertine, 'POST', `/api/staff/reports/${id}/meldcode`);
    expect(await outbox(t, 'case-meldcode')).toHaveLength(0);

    // A case for the vertrouwenspersoon only routes nothing to colleagues.
    const confidential = await submitReport(t, { recipients: 'vertrouwenspersoon' });
    expect(await routing(bertine, confidential.id)).toEqual({ pesten: [], '3a': [], '4': [], '6': [] });
    await asStaff(t, bertine, 'POST', `/api/staff/reports/${confidential.id}/steps`, { step: '4' });
    expect(await outbox(t, 'case-4')).toHaveLength(0);
  });

  it('refuses an unknown step, a missing referral at stap 5, and a note one character too long', async () => {
    const { id } = await submitReport(t);
    const unknown = await asStaff(t, bertine, 'POST', `/api/staff/reports/${id}/steps`, { step: '7' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields).toHaveProperty('step');
    const noReferral = await asStaff(t, bertine, 'POST', `/api/staff/reports/${id}/steps`, { step: '5' });
    expect(noReferral.statusCode).toBe(400);
    expect(noReferral.json().error.fields).toHaveProperty('referral');
    const atLimit = await asStaff(t, bertine, 'POST', `/api/staff/reports/${id}/steps`, { step: '1', note: 'a'.repeat(MAX_STEP_NOTE_LENGTH) });
    expect(atLimit.statusCode).toBe(201);
    const over = await asStaff(t, bertine, 'POST', `/api/staff/reports/${id}/steps`, { step: '1', note: 'a'.repeat(MAX_STEP_NOTE_LENGTH + 1) });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.fields).toHaveProperty('note');
    expect(over.json().error.message).toMatch(/\S/);
  });
});

describe('closing', () => {
  it('closes as resolved: closed_at set, the reporter sees closed, and further steps are refused until reopened', async () => {
    const { id, receipt } = await submitReport(t);
    const closed = await asStaff(t, bertine, 'POST', `/api/staff/reports/${id}/close`, {
      outcome: 'resolved',
      note: 'Rustig sinds twee weken',
      message: CLOSING_MESSAGES.resolved,
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', closedAs: 'resolved', reporterStatus: 'closed' });
    const row = await t.context.db.selectFrom('report').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.closed_at).not.toBeNull();
    const followUp = await t.app.inject({ method: 'POST', url: '/api/followup', payload: { receipt } });
    expect(followUp.json().status).toBe('closed');
    expect(followUp.json().messages).toEqual([{ from: 'school', text: CLOSING_MESSAGES.resolved, at: expect.any(String) }]);
    // The note is for colleagues: it never reaches the reporter.
    expect(followUp.body).not.toContain('Rustig sinds twee weken');

    const refused = await asStaff(t, bertine, 'POST', `/api/staff/reports/${id}/steps`, { step: '2' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('conflict');
    const reopened = await asStaff(t, bertine, 'POST', `/api/staff/reports/${id}/reopen`);
    expect(reopened.json()).toMatchObject({ status: 'open', closedAt: null, reporterStatus: 'in_progress' });
  });

  it('closes as plagen, which is also the school\'s judgement when none was given', async () => {
    const { id } = await submitReport(t);
    const closed = (await asStaff(t, bertine, 'POST', `/api/staff/reports/${id}/close`, { outcome: 'plagen', message: '' })).json();
    expect(closed).toMatchObject({ closedAs: 'plagen', staffIndication: 'plagen' });
  });

  it('refuses a close without the message field, and keeps the case open', async () => {
    const { id, receipt } = await submitReport(t);
    const refused = await asStaff(t, bertine, 'POST', `/api/staff/reports/${id}/close`, { outcome: 'plagen' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields.message).toMatch(/bericht aan de melder/);
    const row = await t.context.db.selectFrom('report').select(['status', 'reporter_status']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'new', reporter_status: 'received' });
    const over = await asStaff(t, bertine, 'POST', `/api/staff/reports/${id}/close`, { outcome: 'plagen', message: 'm'.repeat(MAX_MESSAGE_LENGTH + 1) });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.fields).toHaveProperty('message');
    // Deliberately cleared: closed, and the reporter sees the status without a message.
    const silent = await asStaff(t, bertine, 'POST', `/api/staff/reports/${id}/close`, { outcome: 'plagen', message: '  ' });
    expect(silent.statusCode).toBe(200);
    expect(silent.json().messages).toEqual([]);
    const followUp = (await t.app.inject({ method: 'POST', url: '/api/followup', payload: { receipt } })).json();
    expect(followUp).toEqual({ status: 'closed', messages: [] });
  });

  it('has a default message per outcome, and the reporter reads the edited one with the closed status', async () => {
    expect(CLOSING_MESSAGES.plagen).not.toBe(CLOSING_MESSAGES.resolved);
    expect(CLOSING_MESSAGES.plagen).toMatch(/plagen/);
    expect(CLOSING_MESSAGES.resolved).toMatch(/gestopt/);
    // Their readability for a child is pinned in test/readability.test.ts.
    const { id, receipt } = await submitReport(t, { anonymous: false, name: 'Mevrouw de Vries', email: 'ouder@example.nl', notifyOnAnswer: true, role: 'parent' });
    const edited = `${CLOSING_MESSAGES.plagen} Groetjes van juf Bertine.`;
    const closed = await asStaff(t, bertine, 'POST', `/api/staff/reports/${id}/close`, { outcome: 'plagen', message: edited });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().messages).toEqual([expect.objectContaining({ from: 'school', text: edited, by: 'Bertine Pas' })]);
    const followUp = (await t.app.inject({ method: 'POST', url: '/api/followup', payload: { receipt } })).json();
    expect(followUp.status).toBe('closed');
    expect(followUp.messages.map((m: { from: string; text: string }) => [m.from, m.text])).toEqual([['school', edited]]);
    // The named reporter's notice goes out as for any school message, without the text.
    const notices = await outbox(t, 'reporter-notice');
    expect(addressesOf(notices)).toEqual(['ouder@example.nl']);
    expect(notices[0]!.text_body).not.toContain('plagen');
    const actions = (await auditRows(id)).map((row) => row.action);
    expect(actions.slice(-2)).toEqual(['case.close', 'message.send']);
  });
});

describe('checklists', () => {
  it('ticks and unticks the seed\'s begeleiding items per case', async () => {
    const { id } = await submitReport(t);
    const ticked = await asStaff(t, bertine, 'PUT', `/api/staff/reports/${id}/checklist`, { list: 'pester', item: 2, checked: true });
    expect(ticked.statusCode).toBe(200);
    const pester = ticked.json().checklists.find((list: { name: string }) => list.name === 'pester');
    expect(pester.items[2]).toMatchObject({ text: CHECKLISTS.pester.items[2], tickedBy: 'Bertine Pas' });
    const unticked = await asStaff(t, bertine, 'PUT', `/api/staff/reports/${id}/checklist`, { list: 'pester', item: 2, checked: false });
    expect(unticked.json().checklists.find((list: { name: string }) => list.name === 'pester').items[2].tickedAt).toBeNull();
    const last = CHECKLISTS.meeloper.items.length;
    expect((await asStaff(t, bertine, 'PUT', `/api/staff/reports/${id}/checklist`, { list: 'meeloper', item: last - 1, checked: true })).statusCode).toBe(200);
    const beyond = await asStaff(t, bertine, 'PUT', `/api/staff/reports/${id}/checklist`, { list: 'meeloper', item: last, checked: true });
    expect(beyond.statusCode).toBe(400);
    expect(beyond.json().error.fields).toHaveProperty('item');
  });
});

describe('notes and messages', () => {
  it('keeps staff notes away from the reporter, and shows messages to the reporter at /api/followup', async () => {
    const { id, receipt } = await submitReport(t);
    await asStaff(t, bertine, 'POST', `/api/staff/reports/${id}/notes`, { text: 'INTERN: vader belde ook.' });
    const sent = await asStaff(t, bertine, 'POST', `/api/staff/reports/${id}/messages`, { text: 'In welke klas zit je?' });
    expect(sent.statusCode).toBe(201);
    expect(sent.json().notes[0]).toMatchObject({ text: 'INTERN: vader belde ook.', by: 'Bertine Pas' });
    const followUp = await t.app.inject({ method: 'POST', url: '/api/followup', payload: { receipt } });
    expect(followUp.json().messages).toEqual([{ from: 'school', text: 'In welke klas zit je?', at: expect.any(String) }]);
    expect(followUp.body).not.toContain('INTERN');

    await t.app.inject({ method: 'POST', url: '/api/followup/messages', payload: { receipt, text: 'Groep 6' } });
    const view = (await asStaff(t, bertine, 'GET', `/api/staff/reports/${id}`)).json();
    expect(view.messages.map((m: { from: string; text: string; by: string | null }) => [m.from, m.text, m.by])).toEqual([
      ['school', 'In welke klas zit je?', 'Bertine Pas'],
      ['reporter', 'Groep 6', null],
    ]);
  });

  it('marks a case with a new answer from the reporter until its handler opens it', async () => {
    const { id, receipt } = await submitReport(t);
    const answer = () => t.app.inject({ method: 'POST', url: '/api/followup/messages', payload: { receipt, text: 'Het gebeurde weer.' } });
    const mark = async (session: StaffSession) =>
      (await asStaff(t, session, 'GET', '/api/staff/reports')).json().reports.find((r: { id: number }) => r.id === id).newAnswer;
    expect(await mark(bertine)).toBe(false);
    expect((await answer()).statusCode).toBe(201);
    expect(await mark(bertine)).toBe(true);
    // Nobody is assigned: whoever opens it has seen the answer.
    await asStaff(t, bertine, 'GET', `/api/staff/reports/${id}`);
    expect(await mark(bertine)).toBe(false);

    await asStaff(t, bertine, 'PUT', `/api/staff/reports/${id}/assignee`, { email: YVONNE });
    await answer();
    // A colleague looking does not clear the handler's mark; the handler's own view does.
    await asStaff(t, bertine, 'GET', `/api/staff/reports/${id}`);
    expect(await mark(bertine)).toBe(true);
    const yvonne = await loginAs(t, YVONNE);
    await asStaff(t, yvonne, 'GET', `/api/staff/reports/${id}`);
    expect(await mark(bertine)).toBe(false);
    const row = await t.context.db.selectFrom('report').select('reporter_answer_unseen').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.reporter_answer_unseen).toBe(0);
  });

  it('lets staff choose the status the reporter sees', async () => {
    const { id, receipt } = await submitReport(t);
    const response = await asStaff(t, bertine, 'PUT', `/api/staff/reports/${id}/reporter-status`, { status: 'in_progress' });
    expect(response.json().reporterStatus).toBe('in_progress');
    expect((await t.app.inject({ method: 'POST', url: '/api/followup', payload: { receipt } })).json().status).toBe('in_progress');
    const bad = await asStaff(t, bertine, 'PUT', `/api/staff/reports/${id}/reporter-status`, { status: 'weg' });
    expect(bad.statusCode).toBe(400);
  });

  it('accepts notes and messages up to their limits and refuses one character more', async () => {
    const { id } = await submitReport(t);
    const post = (path: string, text: string) => asStaff(t, bertine, 'POST', `/api/staff/reports/${id}/${path}`, { text });
    expect((await post('notes', 'n'.repeat(MAX_STAFF_NOTE_LENGTH))).statusCode).toBe(201);
    expect((await post('notes', 'n'.repeat(MAX_STAFF_NOTE_LENGTH + 1))).statusCode).toBe(400);
    expect((await post('messages', 'm'.repeat(MAX_MESSAGE_LENGTH))).statusCode).toBe(201);
    const over = await post('messages', 'm'.repeat(MAX_MESSAGE_LENGTH + 1));
    expect(over.statusCode).toBe(400);
    expect(over.json().error.fields).toHaveProperty('text');
    const empty = await post('messages', '   ');
    expect(empty.statusCode).toBe(400);
  });
});

describe('assignment', () => {
  it('hands a case to a colleague, who is mailed without child details', async () => {
    const { id } = await submitReport(t, { target: 'Tim' });
    const response = await asStaff(t, bertine, 'PUT', `/api/staff/reports/${id}/assignee`, { email: YVONNE });
    expect(response.json().assignee).toEqual({ email: YVONNE.toLowerCase(), name: 'Yvonne de Bruin' });
    const [mail] = await outbox(t, 'case-assigned');
    expect(addressesOf([mail!])).toEqual([YVONNE]);
    expect(mail!.text_body).not.toContain('Tim');
    const inbox = (await asStaff(t, bertine, 'GET', '/api/staff/reports')).json();
    expect(inbox.reports[0].assignee).toBe('Yvonne de Bruin');
    const external = await asStaff(t, bertine, 'PUT', `/api/staff/reports/${id}/assignee`, { email: 'j.van.driel@ecadapt.nl' });
    expect(external.statusCode).toBe(400);
  });
});

describe('audit log', () => {
  it('records every view and change with who and when, and the database refuses to change it', async () => {
    const { id } = await submitReport(t);
    await asStaff(t, bertine, 'GET', `/api/staff/reports/${id}`);
    await asStaff(t, bertine, 'POST', `/api/staff/reports/${id}/steps`, { step: '1' });
    await asStaff(t, bertine, 'POST', `/api/staff/reports/${id}/notes`, { text: 'Notitie' });
    await asStaff(t, bertine, 'POST', `/api/staff/reports/${id}/messages`, { text: 'Bericht' });
    await asStaff(t, bertine, 'PUT', `/api/staff/reports/${id}/checklist`, { list: 'gepeste', item: 0, checked: true });
    await asStaff(t, bertine, 'PUT', `/api/staff/reports/${id}/reporter-status`, { status: 'in_progress' });
    await asStaff(t, bertine, 'POST', `/api/staff/reports/${id}/close`, { outcome: 'resolved', message: '' });
    const rows = await auditRows(id);
    expect(rows.map((row) => row.action)).toEqual([
      'case.view',
      'step.record',
      'note.add',
      'message.send',
      'checklist.tick',
      'reporter_status.set',
      'case.close',
    ]);
    for (const row of rows) {
      expect(row.staff_email).toBe(BERTINE.toLowerCase());
      expect(row.staff_name).toBe('Bertine Pas');
      expect(Date.parse(row.at)).not.toBeNaN();
    }
    // Nothing a person wrote ends up in the log.
    expect(JSON.stringify(rows)).not.toMatch(/Notitie|Bericht/);

    await expect(t.context.db.updateTable('audit_log').set({ action: 'x' }).execute()).rejects.toThrow(/append-only/);
    await expect(t.context.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);

    const elmar = await loginAs(t, ELMAR);
    const page = (await asStaff(t, elmar, 'GET', '/api/staff/audit')).json();
    expect(page.entries.some((entry: { reportId: number | null; action: string }) => entry.reportId === id && entry.action === 'case.close')).toBe(true);
    expect(page.entries[0].action).toBe('login');
  });
});
