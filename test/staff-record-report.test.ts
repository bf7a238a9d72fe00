import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RECORDED_SOURCES } from '../server/shared/report-options.js';
import type { StatisticsResponse } from '../server/shared/staff-responses.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';
import { addressesOf, asStaff, BERTINE, ELMAR, loginAs, outbox, submitReport, YVONNE, type StaffSession } from './helpers/staff.js';

let t: TestApp;
let elmar: StaffSession;
beforeEach(async () => {
  t = await startTestApp();
  elmar = await loginAs(t, ELMAR);
});
afterEach(async () => {
  await t.close();
});

const told = {
  source: 'in_person',
  role: 'parent',
  anonymous: false,
  name: 'Moeder van Sem',
  group: 5,
  description: 'Sem wordt elke dag uitgescholden in de gang.',
  kinds: ['verbal'],
  places: ['corridor'],
  frequency: 'daily',
  equal: false,
  sameTarget: true,
  hurtful: true,
  signals: ['avoidsSchool', 'irritable'],
};

function record(session: StaffSession | undefined, body: object) {
  return asStaff(t, session, 'POST', '/api/staff/reports', body);
}

describe('POST /api/staff/reports', () => {
  it('stores every source, and the case shows it with the signals, opened by the one who recorded it', async () => {
    for (const source of RECORDED_SOURCES) {
      const response = await record(elmar, { ...told, source });
      expect(response.statusCode, source).toBe(201);
      const { id } = response.json() as { id: number };
      const view = (await asStaff(t, elmar, 'GET', `/api/staff/reports/${id}`)).json();
      expect(view.source, source).toBe(source);
      expect(view.signals).toEqual(['avoidsSchool', 'irritable']);
      expect(view.reporter).toMatchObject({ role: 'parent', anonymous: false, name: 'Moeder van Sem', group: 5 });
      // The same flow as the form: the indication comes from the answers.
      expect(view.indication).toBe('pesten');
      expect(view.summary).toContain('Signalen van pesten: Wil niet meer naar school');
    }
    const inbox = (await asStaff(t, elmar, 'GET', '/api/staff/reports')).json();
    expect(inbox.reports).toHaveLength(RECORDED_SOURCES.length);
    expect(inbox.reports.every((item: { unread: boolean; status: string }) => !item.unread && item.status === 'open')).toBe(true);
    const form = await submitReport(t);
    const view = (await asStaff(t, elmar, 'GET', `/api/staff/reports/${form.id}`)).json();
    expect(view.source).toBe('form');
    expect(view.signals).toEqual([]);
  });

  it('audits the recording staff member', async () => {
    const { id } = (await record(elmar, told)).json() as { id: number };
    const entries = (await asStaff(t, elmar, 'GET', '/api/staff/audit')).json().entries as Array<{ action: string; reportId: number; email: string; detail: string }>;
    expect(entries.find((entry) => entry.action === 'report.record')).toMatchObject({ reportId: id, email: ELMAR.toLowerCase(), detail: 'Persoonlijk verteld' });
  });

  it('mails the other contacts about the new report, not the one who recorded it', async () => {
    const mailed = async () => addressesOf(await outbox(t, 'new-report')).map((address) => address.toLowerCase()).sort();
    await record(elmar, told);
    expect(await mailed()).toEqual([BERTINE.toLowerCase()]);
    const bertine = await loginAs(t, BERTINE);
    await record(bertine, told);
    expect(await mailed()).toEqual([BERTINE, ELMAR].map((address) => address.toLowerCase()).sort());
  });

  it('hands out a receipt code once, when asked, which works at /api/followup', async () => {
    const without = (await record(elmar, told)).json();
    expect(without.receipt).toBeUndefined();
    expect(without.receiptWords).toBeUndefined();
    const withCode = (await record(elmar, { ...told, followUp: true })).json() as { receipt: string; receiptWords: string };
    expect(withCode.receiptWords.split(/\s+|-/).filter(Boolean)).toHaveLength(6);
    for (const receipt of [withCode.receipt, withCode.receiptWords]) {
      const followUp = await t.app.inject({ method: 'POST', url: '/api/followup', payload: { receipt } });
      expect(followUp.statusCode).toBe(200);
      expect(followUp.json().status).toBe('received');
    }
  });

  it('refuses a report without a story or with an unknown source or signal, naming the field in Dutch', async () => {
    const cases: Array<[object, string, RegExp]> = [
      [{ ...told, description: '  ' }, 'description', /Vertel wat er gebeurd is/],
      [{ ...told, source: 'form' }, 'source', /Kies hoe de melding binnenkwam/],
      [{ ...told, source: undefined }, 'source', /Kies hoe de melding binnenkwam/],
      [{ ...told, signals: ['lonely'] }, 'signals', /Kies signalen uit de lijst/],
      [{ ...told, group: 9 }, 'group', /groep van 1 tot en met 8/],
    ];
    for (const [body, field, message] of cases) {
      const response = await record(elmar, body);
      expect(response.statusCode, field).toBe(400);
      expect(response.json().error.fields[field], field).toMatch(message);
    }
    expect(await t.context.db.selectFrom('report').select('id').execute()).toEqual([]);
  });

  it('lets only a vertrouwenspersoon record a report for the vertrouwenspersoon only', async () => {
    const yvonne = await loginAs(t, YVONNE);
    const refused = await record(yvonne, { ...told, recipients: 'vertrouwenspersoon' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields.recipients).toMatch(/vertrouwenspersoon/);
    const bertine = await loginAs(t, BERTINE);
    expect((await record(bertine, { ...told, recipients: 'vertrouwenspersoon' })).statusCode).toBe(201);
  });

  it('refuses a request without a session (401) or without the CSRF token (403)', async () => {
    expect((await record(undefined, told)).statusCode).toBe(401);
    const noCsrf = await t.app.inject({ method: 'POST', url: '/api/staff/reports', headers: { cookie: elmar.cookie }, payload: told });
    expect(noCsrf.statusCode).toBe(403);
    expect(await t.context.db.selectFrom('report').select('id').execute()).toEqual([]);
  });

  it('counts reports per source in the statistics', async () => {
    await submitReport(t);
    await record(elmar, told);
    await record(elmar, { ...told, source: 'phone' });
    await record(elmar, { ...told, source: 'phone' });
    const body = (await asStaff(t, elmar, 'GET', '/api/staff/statistics')).json() as StatisticsResponse;
    expect(body.total).toBe(4);
    expect(body.sources).toEqual([
      { key: 'form', reports: 1 },
      { key: 'in_person', reports: 1 },
      { key: 'phone', reports: 2 },
      { key: 'letter', reports: 0 },
      { key: 'observation', reports: 0 },
    ]);
  });
});
