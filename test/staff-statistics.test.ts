import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { purgeReportContent } from '../db/queries/reports.js';
import { MAX_STATISTICS_RANGE_MONTHS } from '../server/shared/limits.js';
import type { StatisticsResponse } from '../server/shared/staff-responses.js';
import { makeDataDir, startTestApp, type TestApp } from './helpers/test-app.js';
import { asStaff, BERTINE, clock, ELMAR, loginAs, submitReport, writeSchoolsFile, YVONNE, type StaffSession } from './helpers/staff.js';

let t: TestApp;
afterEach(async () => {
  await t.close();
});

const counts = (rows: StatisticsResponse['kinds']) => Object.fromEntries(rows.filter((row) => row.reports > 0).map((row) => [row.key, row.reports]));

describe('GET /api/staff/statistics', () => {
  const ids: Record<string, number> = {};
  let vp: StaffSession;

  beforeEach(async () => {
    const time = clock('2024-07-31T21:00:00Z');
    const dataDir = await makeDataDir();
    t = await startTestApp({ dataDir, now: time.now, env: { SCHOOLS_FILE: await writeSchoolsFile(dataDir) } });
    const at = async (iso: string, key: string, extra: Record<string, unknown>) => {
      time.set(iso);
      ids[key] = (await submitReport(t, { description: `GEHEIM-${key}: wat er gebeurde.`, ...extra })).id;
    };
    // 23:00 in Amsterdam on 31 July: the school year before.
    await at('2024-07-31T21:00:00Z', 'E', { kinds: ['verbal'] });
    // 00:30 in Amsterdam on 1 August (a named report keeps its time): this school year, August.
    await at('2024-07-31T22:30:00Z', 'F', { anonymous: false, name: 'Fleur', kinds: ['other'] });
    await at('2024-09-15T10:00:00Z', 'A', { kinds: ['verbal', 'exclusion'], places: ['playground'] });
    await at('2024-09-20T10:00:00Z', 'G', { school: 'de-linde', kinds: ['verbal'], places: ['classroom'] });
    // 00:30 in Amsterdam on 1 November: November, although it is still 31 October in UTC.
    await at('2024-10-31T23:30:00Z', 'B', {
      anonymous: false,
      name: 'Bram',
      kinds: ['cyber'],
      places: ['online'],
      urgent: true,
      equal: false,
      sameTarget: true,
      hurtful: true,
      frequency: 'daily',
    });
    await at('2024-12-05T10:00:00Z', 'D', { kinds: ['physical', 'verbal'], places: ['gym'] });
    await at('2025-01-10T10:00:00Z', 'C', { kinds: ['threat'], places: ['way_home'], recipients: 'vertrouwenspersoon' });

    time.set('2025-03-10T10:00:00Z');
    vp = await loginAs(t, BERTINE);
    expect((await asStaff(t, vp, 'POST', `/api/staff/reports/${ids.A}/close`, { outcome: 'resolved', message: '' })).statusCode).toBe(200);
    expect((await asStaff(t, vp, 'POST', `/api/staff/reports/${ids.D}/close`, { outcome: 'plagen', message: '' })).statusCode).toBe(200);
    await purgeReportContent(t.context.db, ids.D!, time.now().toISOString());
  });

  it('counts the school year per month, kind, place, indication, verdict and outcome, purged and confidential reports included', async () => {
    // B's answers say pesten; the school overrules that.
    expect((await asStaff(t, vp, 'POST', `/api/staff/reports/${ids.B}/indication`, { indication: 'plagen' })).statusCode).toBe(200);
    const response = await asStaff(t, vp, 'GET', '/api/staff/statistics');
    expect(response.statusCode).toBe(200);
    const body = response.json() as StatisticsResponse;
    expect(body.from).toBe('2024-08-01');
    expect(body.to).toBe('2025-07-31');
    expect(body.total).toBe(5);
    expect(body.urgent).toBe(1);
    expect(body.months.map((row) => row.key)).toHaveLength(12);
    expect(counts(body.months)).toEqual({ '2024-08': 1, '2024-09': 1, '2024-11': 1, '2024-12': 1, '2025-01': 1 });
    expect(counts(body.kinds)).toEqual({ verbal: 2, exclusion: 1, cyber: 1, physical: 1, threat: 1, other: 1 });
    expect(body.kinds.find((row) => row.key === 'belongings')).toEqual({ key: 'belongings', reports: 0 });
    expect(counts(body.places)).toEqual({ playground: 1, online: 1, gym: 1, way_home: 1 });
    // What the answers indicate and what the school judged are counted apart: B's answers say pesten
    // and the school said plagen; D was closed as plagen while its answers left it onduidelijk.
    expect(counts(body.indications)).toEqual({ pesten: 1, onduidelijk: 4 });
    expect(body.verdicts).toEqual([
      { key: 'pesten', reports: 0 },
      { key: 'plagen', reports: 2 },
      { key: 'none', reports: 3 },
    ]);
    expect(body.outcomes).toEqual([
      { key: 'open', reports: 3 },
      { key: 'plagen', reports: 1 },
      { key: 'resolved', reports: 1 },
    ]);
    // Numbers only: no words, ids or days of any report.
    expect(response.body).not.toContain('GEHEIM');
    expect(response.body).not.toContain('Bram');
  });

  it('counts a report for the vertrouwenspersoon only for the VP, not for colleagues', async () => {
    const ib = (await asStaff(t, await loginAs(t, YVONNE), 'GET', '/api/staff/statistics')).json() as StatisticsResponse;
    expect(ib.total).toBe(4);
    expect(counts(ib.months)).toEqual({ '2024-08': 1, '2024-09': 1, '2024-11': 1, '2024-12': 1 });
    expect(counts(ib.kinds)).not.toHaveProperty('threat');
    expect(counts(ib.places)).not.toHaveProperty('way_home');
  });

  it('takes Amsterdam days for the range', async () => {
    const october = (await asStaff(t, vp, 'GET', '/api/staff/statistics?from=2024-10-01&to=2024-10-31')).json() as StatisticsResponse;
    expect(october.total).toBe(0);
    expect(october.months).toEqual([{ key: '2024-10', reports: 0 }]);
    const november = (await asStaff(t, vp, 'GET', '/api/staff/statistics?from=2024-11-01&to=2024-11-01')).json() as StatisticsResponse;
    expect(november.total).toBe(1);
    const lastYear = (await asStaff(t, vp, 'GET', '/api/staff/statistics?from=2023-08-01&to=2024-07-31')).json() as StatisticsResponse;
    expect(lastYear.total).toBe(1);
    expect(counts(lastYear.kinds)).toEqual({ verbal: 1 });
    // Only one end given: the school year around it.
    const fromOnly = (await asStaff(t, vp, 'GET', '/api/staff/statistics?from=2024-12-01')).json() as StatisticsResponse;
    expect([fromOnly.from, fromOnly.to, fromOnly.total]).toEqual(['2024-12-01', '2025-07-31', 2]);
    const twoYears = await asStaff(t, vp, 'GET', `/api/staff/statistics?from=2023-08-01&to=2025-07-31`);
    expect(twoYears.statusCode).toBe(200);
    expect((twoYears.json() as StatisticsResponse).total).toBe(6);
  });

  it('counts a case held by a report of the year before once, through the two reports linked into it this year', async () => {
    // E (the year before) holds a case that F and B (this year) join: this year sees the case once,
    // with the verdict and outcome of the case, and F and B each as a report.
    for (const id of [ids.F, ids.B]) {
      expect((await asStaff(t, vp, 'POST', `/api/staff/reports/${ids.E}/links`, { reportId: id })).statusCode).toBeLessThan(300);
    }
    expect((await asStaff(t, vp, 'POST', `/api/staff/reports/${ids.E}/indication`, { indication: 'pesten' })).statusCode).toBe(200);
    const body = (await asStaff(t, vp, 'GET', '/api/staff/statistics')).json() as StatisticsResponse;
    expect([body.total, body.cases]).toEqual([5, 4]);
    expect(counts(body.verdicts)).toEqual({ pesten: 1, plagen: 1, none: 2 });
    expect(counts(body.outcomes)).toEqual({ open: 2, plagen: 1, resolved: 1 });
    expect(counts(body.kinds)).toEqual({ verbal: 2, exclusion: 1, cyber: 1, physical: 1, threat: 1, other: 1 });
    // The year before holds the case through E alone: counted once there too.
    const lastYear = (await asStaff(t, vp, 'GET', '/api/staff/statistics?from=2023-08-01&to=2024-07-31')).json() as StatisticsResponse;
    expect([lastYear.total, lastYear.cases, counts(lastYear.verdicts)]).toEqual([1, 1, { pesten: 1 }]);
    // Both years at once: E, F and B are one case.
    const both = (await asStaff(t, vp, 'GET', '/api/staff/statistics?from=2023-08-01&to=2025-07-31')).json() as StatisticsResponse;
    expect([both.total, both.cases, counts(both.verdicts), counts(both.outcomes)]).toEqual([6, 4, { pesten: 1, plagen: 1, none: 2 }, { open: 2, plagen: 1, resolved: 1 }]);
  });

  it('never counts another school, and its staff get their own numbers only', async () => {
    const linde = await loginAs(t, 'anouk.smit@linde.nl');
    const body = (await asStaff(t, linde, 'GET', '/api/staff/statistics')).json() as StatisticsResponse;
    expect(body.total).toBe(1);
    expect(counts(body.kinds)).toEqual({ verbal: 1 });
    expect(counts(body.places)).toEqual({ classroom: 1 });
    // Lotte works at both schools: the session's school decides.
    const lotte = await loginAs(t, 'lotte.bos@vivente.nu', 'kopakker');
    expect(((await asStaff(t, lotte, 'GET', '/api/staff/statistics')).json() as StatisticsResponse).total).toBe(4);
  });

  it('refuses a bad range with a Dutch message, and anyone without a session', async () => {
    const cases: Array<[string, string]> = [
      [`from=2023-08-01&to=2025-08-01`, `hoogstens ${MAX_STATISTICS_RANGE_MONTHS / 12} jaar`],
      ['from=2025-03-01&to=2025-02-01', 'vóór de begindatum'],
      ['from=2025-02-30', 'bestaat niet'],
      ['to=31-07-2025', 'jjjj-mm-dd'],
    ];
    for (const [query, message] of cases) {
      const response = await asStaff(t, vp, 'GET', `/api/staff/statistics?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.code).toBe('invalid_input');
      expect(Object.values(response.json().error.fields as Record<string, string>).join(' '), query).toContain(message);
    }
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/staff/statistics' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('unauthorized');
  });

  it('is written in the audit log, with the range and nothing else', async () => {
    await asStaff(t, vp, 'GET', '/api/staff/statistics?from=2024-09-01&to=2024-12-31');
    const director = await loginAs(t, ELMAR);
    const entries = (await asStaff(t, director, 'GET', '/api/staff/audit')).json().entries as Array<{ action: string; detail: string; reportId: number | null }>;
    expect(entries.find((entry) => entry.action === 'statistics.view')).toMatchObject({ detail: '2024-09-01 t/m 2024-12-31', reportId: null });
  });
});
