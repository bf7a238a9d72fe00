// The register for the MR and the Inspectie: one CSV row per case, codes and day counts only.
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { makeDataDir, startTestApp, type TestApp } from './helpers/test-app.js';
import { asStaff, clock, loginAs, submitReport, writeSchoolsFile } from './helpers/staff.js';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

const ANOUK = 'anouk.smit@linde.nl'; // anti-pestcoördinator and vertrouwenspersoon
const KARIM = 'karim.haddou@linde.nl'; // directeur
const WORDS = ['Sanne', 'UNIEK-VERHAAL-4410', 'Kees', 'Gesprek met de ouders', 'GEHEIM-VP'];

async function startLinde() {
  const time = clock('2025-10-06T08:00:00Z'); // Monday
  const dataDir = await makeDataDir();
  t = await startTestApp({ dataDir, now: time.now, env: { SCHOOLS_FILE: await writeSchoolsFile(dataDir) } });
  return time;
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
        soort: 'Online (cyberpesten), Met woorden (schelden, uitlachen)',
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
    expect(audit).toEqual([{ action: 'register.export', detail: '2025-10-01 t/m 2025-10-31, 1 meldingen', staff_email: KARIM }]);
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
});
