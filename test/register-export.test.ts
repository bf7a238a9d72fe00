// The register for the MR and the Inspectie: one CSV row per case, codes and day counts only.
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { makeDataDir, startTestApp, type TestApp } from './helpers/test-app.js';
import type { BoardFiguresResponse } from '../server/shared/board-responses.js';
import type { StatisticsResponse } from '../server/shared/staff-responses.js';
import { asStaff, clock, loginAs, loginAsBoardAdmin, submitReport, writeSchoolsFile, type StaffSession } from './helpers/staff.js';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

const ANOUK = 'anouk.smit@linde.nl'; // anti-pestcoördinator and vertrouwenspersoon
const KARIM = 'karim.haddou@linde.nl'; // directeur
const ADMIN = 'bestuur.beheer@vivente.nu';
const WORDS = ['Sanne', 'UNIEK-VERHAAL-4410', 'Kees', 'Gesprek met de ouders', 'GEHEIM-VP', 'Moeder van Sem', 'TELEFOON-VERHAAL'];
const SOURCES = ['bron: via het meldformulier', 'bron: persoonlijk verteld', 'bron: telefonisch', 'bron: per brief', 'bron: zelf gezien'];
const OCTOBER = '?from=2025-10-01&to=2025-10-31';

async function startLinde(at = '2025-10-06T08:00:00Z') {
  const time = clock(at);
  const dataDir = await makeDataDir();
  t = await startTestApp({ dataDir, now: time.now, env: { SCHOOLS_FILE: await writeSchoolsFile(dataDir), BOARD_ADMINS: ADMIN } });
  return time;
}

async function register(query = OCTOBER) {
  const karim = await loginAs(t, KARIM, 'de-linde');
  const response = await asStaff(t, karim, 'GET', `/api/staff/register.csv${query}`);
  expect(response.statusCode, response.body).toBe(200);
  for (const word of WORDS) expect(response.body, word).not.toContain(word);
  return parse(response.rawPayload, { bom: true, delimiter: ';', columns: true }) as Array<Record<string, string>>;
}

async function ok(session: StaffSession, path: string, body: object = {}) {
  const response = await asStaff(t, session, 'POST', path, body);
  expect(response.statusCode, `${path}: ${response.body}`).toBeLessThan(300);
  return response;
}

/** A report told on the phone, recorded by Anouk (so opened by her at once). */
async function recordByPhone(anouk: StaffSession): Promise<number> {
  const response = await ok(anouk, '/api/staff/reports', {
    source: 'phone',
    role: 'parent',
    anonymous: false,
    name: 'Moeder van Sem',
    description: 'TELEFOON-VERHAAL Sem wordt uitgescholden in de gang.',
    kinds: ['verbal'],
    places: ['corridor'],
  });
  return (response.json() as { id: number }).id;
}

describe('the register export', () => {
  it('gives the directeur one row per case that parses back, with no name or free text, and logs the download', async () => {
    const time = await startLinde();
    const { id } = await submitReport(t, {
      school: 'de-linde',
      anonymous: false,
      name: 'Sanne de Vries',
      description: 'UNIEK-VERHAAL-4410 ze zetten foto’s van mij in de groepsapp',
      target: 'Sanne',
      perpetrators: 'Kees',
      kinds: ['cyber', 'verbal'],
      places: ['online'],
      platforms: ['whatsapp'],
    });
    await submitReport(t, { school: 'de-linde', recipients: 'vertrouwenspersoon', description: 'GEHEIM-VP ik durf het niemand anders te zeggen' });
    time.set('2025-10-08T09:00:00Z'); // opened two days later
    const anouk = await loginAs(t, ANOUK, 'de-linde');
    expect((await asStaff(t, anouk, 'GET', `/api/staff/reports/${id}`)).statusCode).toBe(200);
    expect((await asStaff(t, anouk, 'POST', `/api/staff/reports/${id}/steps`, { step: '3a', note: 'Gesprek met de ouders van Sanne' })).statusCode).toBe(201);
    time.set('2025-10-20T09:00:00Z'); // closed 14 days after it came in
    const later = await loginAs(t, ANOUK, 'de-linde');
    expect((await asStaff(t, later, 'POST', `/api/staff/reports/${id}/close`, { outcome: 'resolved', message: '' })).statusCode).toBe(200);

    const karim = await loginAs(t, KARIM, 'de-linde');
    const response = await asStaff(t, karim, 'GET', '/api/staff/register.csv?from=2025-10-01&to=2025-10-31');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="register-de-linde-2025-10-01-2025-10-31.csv"');
    // Dutch Excel: a byte order mark and ";" between the columns.
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parse(response.rawPayload, { bom: true, delimiter: ';', columns: true }) as Array<Record<string, string>>;
    expect(rows).toEqual([
      {
        maand: '2025-10',
        'aantal meldingen': '1',
        ...Object.fromEntries(SOURCES.map((source, index) => [source, index === 0 ? '1' : '0'])),
        soort: 'Met woorden (schelden, uitlachen), Online (cyberpesten)',
        plaats: expect.any(String),
        'online platform': expect.stringMatching(/WhatsApp/i),
        'indicatie uit de antwoorden': expect.any(String),
        'oordeel van de school': 'Pesten',
        'protocolstappen bereikt': '3a',
        uitkomst: 'Afgesloten: opgelost',
        'dagen tot eerste keer geopend': '2',
        'dagen tot afsluiten': '14',
      },
    ]);
    for (const word of WORDS) expect(response.body, word).not.toContain(word);
    const audit = await t.context.db.selectFrom('audit_log').select(['action', 'detail', 'staff_email']).where('action', '=', 'register.export').execute();
    expect(audit).toEqual([{ action: 'register.export', detail: '2025-10-01 t/m 2025-10-31, 1 zaken, 1 meldingen', staff_email: KARIM }]);
  });

  it('is for the directeur only, and refuses a bad period with a Dutch message', async () => {
    await startLinde();
    await submitReport(t, { school: 'de-linde' });
    const anouk = await loginAs(t, ANOUK, 'de-linde');
    const refused = await asStaff(t, anouk, 'GET', '/api/staff/register.csv');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toBe('Alleen de directeur kan het register downloaden.');
    expect((await t.app.inject({ method: 'GET', url: '/api/staff/register.csv' })).statusCode).toBe(401);
    const karim = await loginAs(t, KARIM, 'de-linde');
    const bad = await asStaff(t, karim, 'GET', '/api/staff/register.csv?from=2025-10-31&to=2025-10-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.to).toBe('De einddatum ligt vóór de begindatum.');
    const none = await t.context.db.selectFrom('audit_log').select('id').where('action', '=', 'register.export').execute();
    expect(none).toEqual([]);
  });
  it('gives linked reports one row with their number, every kind and place, counts each source, and two rows again after unlinking', async () => {
    const time = await startLinde();
    const first = await submitReport(t, { school: 'de-linde', kinds: ['physical'], places: ['playground'], description: 'UNIEK-VERHAAL-4410 Kees duwt' });
    time.set('2025-10-07T09:00:00Z');
    const second = await submitReport(t, { school: 'de-linde', role: 'bystander', kinds: ['physical', 'verbal'], places: ['classroom'] });
    const anouk = await loginAs(t, ANOUK, 'de-linde');
    const phoned = await recordByPhone(anouk); // opened on the 7th, the case's first opening
    time.set('2025-10-08T09:00:00Z');
    const later = await loginAs(t, ANOUK, 'de-linde');
    await ok(later, `/api/staff/reports/${first.id}/links`, { reportId: second.id });
    await ok(later, `/api/staff/reports/${first.id}/links`, { reportId: phoned });
    await ok(later, `/api/staff/reports/${second.id}/steps`, { step: '2', note: 'Gesprek met de ouders' });

    const linked = await register();
    expect(linked).toEqual([
      expect.objectContaining({
        maand: '2025-10',
        'aantal meldingen': '3',
        'bron: via het meldformulier': '2',
        'bron: telefonisch': '1',
        'bron: persoonlijk verteld': '0',
        soort: 'Lichamelijk (slaan, schoppen, duwen), Met woorden (schelden, uitlachen)',
        plaats: 'Plein, Klas, Gang',
        'protocolstappen bereikt': '2',
        'dagen tot eerste keer geopend': '1',
      }),
    ]);
    const audit = await t.context.db.selectFrom('audit_log').select('detail').where('action', '=', 'register.export').execute();
    expect(audit.at(-1)!.detail).toBe('2025-10-01 t/m 2025-10-31, 1 zaken, 3 meldingen');

    await ok(later, `/api/staff/reports/${phoned}/unlink`);
    const unlinked = await register();
    expect(unlinked.map((row) => [row['aantal meldingen'], row['bron: telefonisch'], row.plaats])).toEqual([
      ['2', '0', 'Plein, Klas'],
      ['1', '1', 'Gang'],
    ]);
    // The report that left keeps a copy of the case's record as it stood.
    expect(unlinked[1]!['protocolstappen bereikt']).toBe('2');
  });

  it('counts the same cases and reports as Cijfers and the board figures, linked or not, VP-only left out everywhere', async () => {
    const time = await startLinde('2025-09-29T08:00:00Z'); // a Monday in September: outside the period
    const september = await submitReport(t, { school: 'de-linde' });
    time.set('2025-10-06T08:00:00Z');
    const ids: number[] = [];
    for (let i = 0; i < 8; i += 1) ids.push((await submitReport(t, { school: 'de-linde' })).id);
    await submitReport(t, { school: 'de-linde', recipients: 'vertrouwenspersoon', description: 'GEHEIM-VP niemand mag het weten' });
    const anouk = await loginAs(t, ANOUK, 'de-linde');
    const phoned = await recordByPhone(anouk);
    // Case A: three reports (one by phone); case B: two; a case from September with one October report; four alone.
    await ok(anouk, `/api/staff/reports/${ids[0]}/links`, { reportId: ids[1] });
    await ok(anouk, `/api/staff/reports/${ids[0]}/links`, { reportId: phoned });
    await ok(anouk, `/api/staff/reports/${ids[2]}/links`, { reportId: ids[3] });
    await ok(anouk, `/api/staff/reports/${september.id}/links`, { reportId: ids[4] });
    await ok(anouk, `/api/staff/reports/${ids[2]}/close`, { outcome: 'resolved', message: '' });

    const compare = async (cases: number, reports: number) => {
      const rows = await register();
      const karim = await loginAs(t, KARIM, 'de-linde');
      const cijfers = (await asStaff(t, karim, 'GET', `/api/staff/statistics${OCTOBER}`)).json() as StatisticsResponse;
      const admin = await loginAsBoardAdmin(t, ADMIN);
      const board = (await t.app.inject({ method: 'GET', url: `/api/beheer/figures${OCTOBER}`, headers: { cookie: admin } })).json() as BoardFiguresResponse;
      const linde = board.schools.find((school) => school.slug === 'de-linde')!;
      const sum = (column: string) => rows.reduce((total, row) => total + Number(row[column]), 0);
      const open = rows.filter((row) => !row.uitkomst!.startsWith('Afgesloten')).length;
      expect(rows).toHaveLength(cases);
      expect(sum('aantal meldingen')).toBe(reports);
      expect({ cases: cijfers.cases, total: cijfers.total }).toEqual({ cases, total: reports });
      expect({ cases: linde.cases, total: linde.total, open: linde.open }).toEqual({ cases, total: reports, open });
      expect(cijfers.outcomes.find((row) => row.key === 'open')!.reports).toBe(open);
      expect(cijfers.sources.find((row) => row.key === 'phone')!.reports).toBe(sum('bron: telefonisch'));
      expect(cijfers.sources.find((row) => row.key === 'form')!.reports).toBe(sum('bron: via het meldformulier'));
      return rows;
    };
    // October: 9 reports (8 by the form, 1 by phone) in 6 cases; the September report is not in it.
    const rows = await compare(6, 9);
    expect(rows.map((row) => row['aantal meldingen']).sort()).toEqual(['1', '1', '1', '1', '2', '3']);
    await ok(anouk, `/api/staff/reports/${ids[1]}/unlink`);
    await compare(7, 9);
  });
});
