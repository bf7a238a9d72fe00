import { readdir, utimes } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAIL_FOLDER } from '../server/context.js';
import { runMaintenance } from '../server/jobs/maintenance.js';
import { purgeExpiredCases } from '../server/jobs/retention.js';
import { addMonths, dayAfterSchoolDays } from '../server/schools/school-days.js';
import { MAIL_FILE_RETENTION_DAYS, RETENTION_WARNING_DAYS } from '../server/shared/limits.js';
import { pngImage } from './helpers/images.js';
import { multipartBody } from './helpers/multipart.js';
import { databaseFiles, makeDataDir, startTestApp, type TestApp } from './helpers/test-app.js';
import { addressesOf, asStaff, clock, loginAs, outbox, submitReport, writeSchoolsFile } from './helpers/staff.js';

let t: TestApp;
afterEach(async () => {
  // The calendar tests start no app.
  if (t) await t.close();
  t = undefined as unknown as TestApp;
});

const ANOUK = 'anouk.smit@linde.nl';
const KARIM = 'karim.haddou@linde.nl';

/** De Linde: Anouk is anti-pestcoördinator and vertrouwenspersoon, Karim directeur. */
async function startLinde(start: string) {
  const time = clock(start);
  const dataDir = await makeDataDir();
  t = await startTestApp({ dataDir, now: time.now, env: { SCHOOLS_FILE: await writeSchoolsFile(dataDir) } });
  return time;
}

async function reminders() {
  return (await outbox(t)).filter((row) => row.purpose.startsWith('reminder-'));
}

describe('school days', () => {
  it('skip weekends and do not count the day itself', () => {
    expect(dayAfterSchoolDays('2025-03-03', 2, new Set())).toBe('2025-03-06'); // Monday → Thursday
    expect(dayAfterSchoolDays('2025-03-06', 2, new Set())).toBe('2025-03-11'); // Thursday → Tuesday
    expect(dayAfterSchoolDays('2025-03-08', 2, new Set())).toBe('2025-03-12'); // Saturday → Wednesday
    expect(dayAfterSchoolDays('2025-03-03', 5, new Set())).toBe('2025-03-11'); // Monday → next Tuesday
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2025-03-10', 12)).toBe('2026-03-10');
  });
});

describe('reminders', () => {
  it('remind the anti-pestcoördinator after 2 school days, the directeur too after 5, each once', async () => {
    // Monday 3 March 2025, 10:00 in Amsterdam.
    const time = await startLinde('2025-03-03T09:00:00Z');
    const { id } = await submitReport(t, { school: 'de-linde' });

    time.set('2025-03-05T22:59:00Z'); // Wednesday 23:59: two school days not yet over
    expect(await runMaintenance(t.context)).toMatchObject({ reminders: 0 });
    time.set('2025-03-05T23:00:00Z'); // Thursday 00:00
    expect(await runMaintenance(t.context)).toMatchObject({ reminders: 1 });
    const [first] = await reminders();
    expect(first!.purpose).toBe('reminder-coordinator');
    expect(addressesOf([first!])).toEqual([ANOUK]);
    expect(first!.text_body).toContain(`/staff/reports/${id}`);
    expect(first!.text_body).toContain('Er staan geen namen of details van kinderen in deze mail.');
    await runMaintenance(t.context);
    expect(await reminders()).toHaveLength(1);

    time.set('2025-03-10T22:00:00Z'); // Monday 23:00: the fifth school day is not over
    await runMaintenance(t.context);
    expect(await reminders()).toHaveLength(1);
    time.set('2025-03-10T23:00:00Z'); // Tuesday 00:00
    await runMaintenance(t.context);
    const director = (await reminders()).filter((row) => row.purpose === 'reminder-director');
    expect(addressesOf(director)).toEqual([ANOUK, KARIM]);
    time.set('2025-04-01T10:00:00Z');
    await runMaintenance(t.context);
    expect(await reminders()).toHaveLength(3);
  });

  it('do not count the weekend', async () => {
    // Thursday 6 March 2025: Friday and Monday are the two school days.
    const time = await startLinde('2025-03-06T13:00:00Z');
    await submitReport(t, { school: 'de-linde', anonymous: false, name: 'Sanne' });
    time.set('2025-03-09T12:00:00Z'); // Sunday: two calendar days have passed, not two school days
    await runMaintenance(t.context);
    time.set('2025-03-10T21:00:00Z'); // Monday 22:00
    await runMaintenance(t.context);
    expect(await reminders()).toHaveLength(0);
    time.set('2025-03-10T23:30:00Z'); // Tuesday 00:30
    await runMaintenance(t.context);
    expect(await reminders()).toHaveLength(1);
  });

  it('are not sent for a report someone opened', async () => {
    const time = await startLinde('2025-03-03T09:00:00Z');
    const { id } = await submitReport(t, { school: 'de-linde' });
    const karim = await loginAs(t, KARIM);
    await asStaff(t, karim, 'GET', `/api/staff/reports/${id}`);
    time.set('2025-03-20T09:00:00Z');
    await runMaintenance(t.context);
    expect(await reminders()).toHaveLength(0);
  });

  it('for a report meant for the vertrouwenspersoon only go to the vertrouwenspersoon only', async () => {
    const time = clock('2025-03-03T09:00:00Z');
    t = await startTestApp({ now: time.now });
    await submitReport(t, { recipients: 'vertrouwenspersoon' });
    time.set('2025-03-20T09:00:00Z');
    await runMaintenance(t.context);
    const sent = await reminders();
    expect(sent).toHaveLength(1);
    // Both due at once (nobody ran the job in between): one mail, not two.
    expect(addressesOf(sent)).toEqual(['Bertine.pas@vivente.nu']);
  });
});

describe('retention', () => {
  async function closedCaseWithEverything(time: ReturnType<typeof clock>, assignee?: string) {
    const { payload, headers } = multipartBody(
      [
        ['role', 'self'],
        ['anonymous', 'false'],
        ['name', 'Sanne de Vries'],
        ['group', '6'],
        ['description', 'UNIEK-VERHAAL-7731 ze pesten mij in de app'],
        ['target', 'Sanne'],
        ['perpetrators', 'Kees en Piet'],
        ['kinds[]', 'cyber'],
        ['places[]', 'online'],
        ['sameTarget', 'true'],
        ['hurtful', 'true'],
        ['frequency', 'daily'],
      ],
      [{ field: 'screenshots', filename: 'a.png', contentType: 'image/png', data: await pngImage() }],
    );
    const response = await t.app.inject({ method: 'POST', url: '/api/reports', payload, headers });
    const { receipt } = response.json();
    const id = (await t.context.db.selectFrom('report').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
    const staff = await loginAs(t, 'Bertine.pas@vivente.nu');
    await asStaff(t, staff, 'POST', `/api/staff/reports/${id}/steps`, { step: '3a', note: 'Gesprek met ouders van Sanne' });
    await asStaff(t, staff, 'POST', `/api/staff/reports/${id}/notes`, { text: 'Vader van Kees gebeld' });
    await asStaff(t, staff, 'PUT', `/api/staff/reports/${id}/checklist`, { list: 'gepeste', item: 0, checked: true });
    await asStaff(t, staff, 'POST', `/api/staff/reports/${id}/messages`, { text: 'Hoe gaat het nu, Sanne?' });
    if (assignee) expect((await asStaff(t, staff, 'PUT', `/api/staff/reports/${id}/assignee`, { email: assignee })).statusCode).toBe(200);
    time.set('2025-03-10T12:00:00Z');
    // A week later: a new session, the old one timed out.
    const later = await loginAs(t, 'Bertine.pas@vivente.nu');
    const closed = await asStaff(t, later, 'POST', `/api/staff/reports/${id}/close`, { outcome: 'resolved', message: '' });
    expect(closed.statusCode).toBe(200);
    return { id, receipt: receipt as string, staff };
  }

  it('deletes a closed case 12 months after closing and keeps what the counts need', async () => {
    const time = clock('2025-03-03T09:00:00Z');
    t = await startTestApp({ now: time.now });
    const { id, receipt, staff } = await closedCaseWithEverything(time);

    time.set('2026-03-09T12:00:00Z');
    expect(await runMaintenance(t.context)).toMatchObject({ purged: 0 });
    time.set('2026-03-10T12:00:00Z');
    expect(await runMaintenance(t.context)).toMatchObject({ purged: 1 });

    const row = await t.context.db.selectFrom('report').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      description: null,
      reporter_name: null,
      reporter_group: null,
      reporter_email: null,
      target: null,
      perpetrators: null,
      school: 'kopakker',
      kinds: '["cyber"]',
      places: '["online"]',
      indication: 'pesten',
      status: 'closed',
      closed_as: 'resolved',
    });
    expect(row.received_at).toBe('2025-03-03');
    expect(row.purged_at).not.toBeNull();
    const count = async (table: 'screenshot' | 'message' | 'case_note' | 'case_checklist_tick') =>
      (await t.context.db.selectFrom(table).select('report_id').where('report_id', '=', id).execute()).length;
    expect(await count('screenshot')).toBe(0);
    expect(await count('message')).toBe(0);
    expect(await count('case_note')).toBe(0);
    expect(await count('case_checklist_tick')).toBe(0);
    const steps = await t.context.db.selectFrom('case_step').selectAll().where('report_id', '=', id).execute();
    expect(steps.map((step) => [step.step, step.note])).toEqual([['3a', null]]);

    expect((await t.app.inject({ method: 'POST', url: '/api/followup', payload: { receipt } })).statusCode).toBe(404);
    const inbox = await asStaff(t, await loginAs(t, 'Bertine.pas@vivente.nu'), 'GET', '/api/staff/reports');
    expect(inbox.json().reports).toEqual([]);
    void staff;

    // The words are in none of the database's files, not only gone from query results (SQLite's
    // secure_delete is checked by test/safety/crash.test.ts).
    for (const { name, bytes } of await databaseFiles(t.dataDir)) {
      expect(bytes.includes(Buffer.from('UNIEK-VERHAAL-7731')), name).toBe(false);
      expect(bytes.includes(Buffer.from('Vader van Kees')), name).toBe(false);
    }
  });

  it(`warns the handler ${RETENTION_WARNING_DAYS} days before the deletion, once, without the child's details`, async () => {
    const time = clock('2025-03-03T09:00:00Z');
    t = await startTestApp({ now: time.now });
    // Without a handler both anti-pestcoördinators would hear it; Elmar handled this one.
    const { id } = await closedCaseWithEverything(time, 'Elmar.van.dokkum@vivente.nu');
    // Closed 10 March 2025: deleted 10 March 2026, warned from 3 March 2026.
    time.set('2026-03-02T12:00:00Z');
    await runMaintenance(t.context);
    expect(await outbox(t, 'retention-warning')).toEqual([]);
    time.set('2026-03-03T12:00:00Z');
    expect(await runMaintenance(t.context)).toMatchObject({ purged: 0 });
    time.set('2026-03-04T12:00:00Z');
    await runMaintenance(t.context);
    const warnings = await outbox(t, 'retention-warning');
    expect(addressesOf(warnings)).toEqual(['Elmar.van.dokkum@vivente.nu']);
    const mail = warnings[0]!;
    expect(mail.subject).toBe(`Melding ${id} (CBS de Kopakker) wordt op 10 maart 2026 gewist`);
    expect(mail.text_body).toContain(`/staff/reports/${id}`);
    for (const secret of ['UNIEK-VERHAAL-7731', 'Sanne', 'Kees', 'Vader']) {
      expect(mail.text_body).not.toContain(secret);
      expect(mail.html_body).not.toContain(secret);
    }
  });

  it('is postponed by new input from the reporter', async () => {
    const time = clock('2025-03-03T09:00:00Z');
    t = await startTestApp({ now: time.now });
    const { id, receipt } = await closedCaseWithEverything(time);
    time.set('2025-06-01T12:00:00Z');
    const answer = await t.app.inject({ method: 'POST', url: '/api/followup/messages', payload: { receipt, text: 'Het begint weer.' } });
    expect(answer.statusCode).toBe(201);
    time.set('2026-03-10T12:00:00Z');
    expect(await runMaintenance(t.context)).toMatchObject({ purged: 0 });
    time.set('2026-05-31T12:00:00Z');
    expect(await runMaintenance(t.context)).toMatchObject({ purged: 0 });
    time.set('2026-06-01T12:00:00Z');
    expect(await runMaintenance(t.context)).toMatchObject({ purged: 1 });
    const row = await t.context.db.selectFrom('report').select('purged_at').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.purged_at).not.toBeNull();
  });

  it('answers requests while it purges many cases at once', async () => {
    // A board that shortens its retention makes many cases due in one run; each is its own COMMIT.
    const CASES = 60;
    const time = clock('2025-03-03T09:00:00Z');
    t = await startTestApp({ now: time.now, env: { RATE_LIMIT_REPORTS: String(CASES) } });
    const ids: number[] = [];
    for (let i = 0; i < CASES; i++) ids.push((await submitReport(t)).id);
    time.set('2025-03-10T12:00:00Z');
    const staff = await loginAs(t, 'Bertine.pas@vivente.nu');
    for (const id of ids) {
      expect((await asStaff(t, staff, 'POST', `/api/staff/reports/${id}/close`, { outcome: 'resolved', message: '' })).statusCode).toBe(200);
    }
    time.set('2026-03-10T12:00:00Z');
    const purgedSoFar = async () =>
      (await t.context.db.selectFrom('report').select('id').where('purged_at', 'is not', null).execute()).length;

    const run = runMaintenance(t.context);
    const health = await t.app.inject({ url: '/healthz' });
    expect(health.statusCode).toBe(200);
    // Answered while the run was under way, not after it.
    expect(await purgedSoFar()).toBeLessThan(CASES);
    expect(await run).toMatchObject({ purged: CASES });
  });

  it('purges and warns once when two runs go at the same time', async () => {
    const time = clock('2025-03-03T09:00:00Z');
    t = await startTestApp({ now: time.now });
    const { id: due } = await closedCaseWithEverything(time, 'Elmar.van.dokkum@vivente.nu');
    time.set('2025-03-24T12:00:00Z');
    const staff = await loginAs(t, 'Bertine.pas@vivente.nu');
    const { id: warned } = await submitReport(t);
    await asStaff(t, staff, 'PUT', `/api/staff/reports/${warned}/assignee`, { email: 'Elmar.van.dokkum@vivente.nu' });
    expect((await asStaff(t, staff, 'POST', `/api/staff/reports/${warned}/close`, { outcome: 'resolved', message: '' })).statusCode).toBe(200);
    // The first case is due (closed 10 March 2025), the second in its warning days (closed 24 March 2025).
    time.set('2026-03-18T12:00:00Z');
    const runs = await Promise.all([purgeExpiredCases(t.context), purgeExpiredCases(t.context)]);
    expect(runs[0]! + runs[1]!).toBe(1);
    const warnings = await outbox(t, 'retention-warning');
    expect(warnings.map((mail) => mail.subject)).toEqual([`Melding ${warned} (CBS de Kopakker) wordt op 24 maart 2026 gewist`]);
    const row = await t.context.db.selectFrom('report').select('purged_at').where('id', '=', due).executeTakeFirstOrThrow();
    expect(row.purged_at).not.toBeNull();
  });

  it('follows RETENTION_MONTHS and never touches open cases', async () => {
    const time = clock('2025-03-03T09:00:00Z');
    t = await startTestApp({ now: time.now, env: { RETENTION_MONTHS: '1' } });
    const { id } = await closedCaseWithEverything(time);
    const open = await submitReport(t);
    time.set('2025-04-09T12:00:00Z');
    expect(await runMaintenance(t.context)).toMatchObject({ purged: 0 });
    time.set('2025-04-10T12:00:00Z');
    expect(await runMaintenance(t.context)).toMatchObject({ purged: 1 });
    time.set('2030-01-01T12:00:00Z');
    await runMaintenance(t.context);
    const rows = await t.context.db.selectFrom('report').select(['id', 'purged_at', 'description']).orderBy('id').execute();
    expect(rows.find((row) => row.id === id)!.purged_at).not.toBeNull();
    expect(rows.find((row) => row.id === open.id)).toMatchObject({ purged_at: null, description: expect.any(String) });
  });
});

describe('mail files', () => {
  it(`deletes .eml files ${MAIL_FILE_RETENTION_DAYS} days after they were written, and keeps younger ones`, async () => {
    const time = await startLinde('2026-03-02T09:00:00Z');
    await submitReport(t);
    await t.context.mailWorker.sendDue();
    const folder = path.join(t.dataDir, MAIL_FOLDER);
    const files = (await readdir(folder)).filter((name) => name.endsWith('.eml'));
    expect(files.length).toBeGreaterThanOrEqual(2);
    // One file written an hour over the limit ago, the others an hour short of it.
    const [old, ...young] = files as [string, ...string[]];
    const limitAgo = time.now().getTime() - MAIL_FILE_RETENTION_DAYS * 24 * 60 * 60 * 1000;
    const hour = 60 * 60 * 1000;
    await utimes(path.join(folder, old), new Date(limitAgo - hour), new Date(limitAgo - hour));
    for (const name of young) await utimes(path.join(folder, name), new Date(limitAgo + hour), new Date(limitAgo + hour));
    expect(await runMaintenance(t.context)).toMatchObject({ mailFilesDeleted: 1 });
    expect((await readdir(folder)).sort()).toEqual([...young].sort());
  });
});
