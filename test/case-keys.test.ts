// Case keys on either backend (the postgres lane runs this file too): what staff and /volgen read is
// sealed in every content column, retention deletes the case key, a ciphertext moved to another case
// or field does not open, linked cases carry their notes under the right key, a wrong or missing
// master key refuses the start, and npm run rotate-key re-wraps every case key.
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { CaseContentError, CaseCrypto, newCaseKey, openBytes, openText, sealBytes } from '../db/case-crypto.js';
import { deleteCaseKey, findCaseKey, newCaseKeyRow } from '../db/queries/case-keys.js';
import { findSchoolReport, insertReport, SCHOOL_CHANGED, writeNewReport, type WrittenReport } from '../db/queries/reports.js';
import { outboxRows } from '../server/notifications/outbox.js';
import { runTransaction } from '../db/transaction.js';
import { MASTER_KEY } from '../server/case-keys/master-key.js';
import { loadConfig } from '../server/config.js';
import { createContext } from '../server/context.js';
import { runMaintenance } from '../server/jobs/maintenance.js';
import { rotateMasterKey } from '../server/rotate-key.js';
import { readSecretFile } from '../server/secret-file.js';
import { StartupError } from '../server/startup-error.js';
import { caseWithEverything, closeAndRemove, WORDS } from './helpers/case-content.js';
import { asStaff, BERTINE, clock, ELMAR, loginAs, submitReport } from './helpers/staff.js';
import { schoolRevisionOf } from './helpers/rows.js';
import { databaseFiles, makeDataDir, startTestApp, type TestApp } from './helpers/test-app.js';

let t: TestApp | undefined;
const dirs: string[] = [];
afterEach(() => closeAndRemove(t, dirs).finally(() => (t = undefined)));

/** The environment of the app on this folder, for a start outside startTestApp (the postgres lane's DATABASE_URL). */
function envOf(app: TestApp): Record<string, string> {
  const url = app.context.config.databaseUrl;
  return { DATA_DIR: app.dataDir, ...(url ? { DATABASE_URL: url } : {}) };
}

/** A data folder whose server stored a case with everything and stopped: where rotate-key runs. */
async function stoppedServerWithCase() {
  const dataDir = await makeDataDir();
  dirs.push(dataDir);
  t = await startTestApp({ dataDir });
  const { id } = await caseWithEverything(t);
  const env = envOf(t);
  await t.close();
  t = undefined;
  return { dataDir, id, env, keyFile: path.join(dataDir, MASTER_KEY.name) };
}

/** An outbox row that names case `id`, as a new report's mail does. */
function mailAbout(id: number) {
  return outboxRows('kopakker', 'new-report', [{ name: 'Bertine Pas', email: BERTINE }], { subject: `over ${id}`, text: '', html: '', urgent: false }, new Date())[0]!;
}

describe('case keys', () => {
  it('every content column holds the sealed form, by raw SQL and on disk, while staff and /volgen read the words', async () => {
    t = await startTestApp();
    const { id, receipt, view, image } = await caseWithEverything(t);
    expect(view).toMatchObject({ description: WORDS.description, reporter: { name: WORDS.name, email: WORDS.email } });
    const followUp = (await t.app.inject({ method: 'POST', url: '/api/followup', payload: { receipt } })).json();
    expect(followUp.messages.map((message: { text: string }) => message.text)).toEqual([WORDS.staffMessage, WORDS.reporterMessage, WORDS.closeMessage]);

    const { rows } = await sql<{ value: string | null }>`
      SELECT description AS value FROM report WHERE id = ${id} UNION ALL SELECT reporter_name FROM report WHERE id = ${id}
      UNION ALL SELECT reporter_email FROM report WHERE id = ${id} UNION ALL SELECT target FROM report WHERE id = ${id}
      UNION ALL SELECT perpetrators FROM report WHERE id = ${id} UNION ALL SELECT text FROM message
      UNION ALL SELECT text FROM case_note UNION ALL SELECT note FROM case_step WHERE note IS NOT NULL`.execute(t.context.db);
    expect(rows).toHaveLength(10);
    const everything = rows.map((row) => row.value).join('\n');
    for (const row of rows) expect(row.value).toMatch(/^k1:/);
    for (const text of Object.values(WORDS)) expect(everything).not.toContain(text);
    const shot = await sql<{ data: Buffer }>`SELECT data FROM screenshot`.execute(t.context.db);
    expect(Buffer.from(shot.rows[0]!.data).includes(image.subarray(image.length - 64))).toBe(false);
    // And on disk: SQLite's file and WAL, or PostgreSQL's data files and WAL after a CHECKPOINT.
    const files = await databaseFiles(t.dataDir);
    // The scan does see what is stored in the clear (the staff member's name on her note).
    expect(files.some(({ bytes }) => bytes.includes('Bertine Pas'))).toBe(true);
    for (const { name, bytes } of files) {
      for (const text of Object.values(WORDS)) expect(bytes.includes(text), `${text} in ${name}`).toBe(false);
      expect(bytes.includes(image.subarray(image.length - 64)), `screenshot in ${name}`).toBe(false);
    }
  });

  it('retention deletes the case key: the ciphertext taken before no longer opens, with the master key or without', async () => {
    const time = clock('2025-03-03T09:00:00Z');
    t = await startTestApp({ now: time.now });
    const { id } = await caseWithEverything(t);
    const before = await t.context.db.selectFrom('report').select('description').where('id', '=', id).executeTakeFirstOrThrow();
    const caseKey = await findCaseKey(t.context.db, id);
    expect(openText(caseKey!, id, 'report.description', before.description)).toBe(WORDS.description);

    time.set('2026-03-04T12:00:00Z');
    expect(await runMaintenance(t.context)).toMatchObject({ purged: 1 });
    expect(await t.context.db.selectFrom('case_key').selectAll().where('report_id', '=', id).execute()).toEqual([]);
    expect(await findCaseKey(t.context.db, id)).toBeUndefined();
    // Whoever kept the ciphertext (a replica, a copy of the WAL) holds only the master key besides: it is not the case key.
    const master = readSecretFile(path.join(t.dataDir, MASTER_KEY.name))!;
    expect(() => openText(master, id, 'report.description', before.description)).toThrow(CaseContentError);
    // The staff view of the purged case still works (counts stay) and shows no content.
    const staff = await loginAs(t, BERTINE);
    const view = await asStaff(t, staff, 'GET', `/api/staff/reports/${id}`);
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({ description: null, notes: [], messages: [] });
  });

  it('a case key the server kept opened goes with retention: the content put back from a copy does not open', async () => {
    const time = clock('2025-03-03T09:00:00Z');
    t = await startTestApp({ now: time.now });
    const db = t.context.db;
    const { id } = await caseWithEverything(t);
    const before = await db.selectFrom('report').select('description').where('id', '=', id).executeTakeFirstOrThrow();
    const keyRow = await db.selectFrom('case_key').selectAll().where('report_id', '=', id).executeTakeFirstOrThrow();
    expect((await findSchoolReport(db, 'kopakker', id))!.description).toBe(WORDS.description);
    // Taken away behind the server's back: on SQLite the key kept opened still opens the case (no
    // query), on PostgreSQL every read asks the database.
    await db.deleteFrom('case_key').where('report_id', '=', id).execute();
    const read = await findSchoolReport(db, 'kopakker', id).then(
      (report) => report!.description,
      (error: unknown) => error,
    );
    if (t.context.dialect === 'sqlite') expect(read).toBe(WORDS.description);
    else expect(read).toBeInstanceOf(CaseContentError);
    await db.insertInto('case_key').values(keyRow).execute();

    time.set('2026-03-04T12:00:00Z');
    expect(await runMaintenance(t.context)).toMatchObject({ purged: 1 });
    // A backup's copy of the sealed description put back: nothing in the server opens it any more.
    await db.updateTable('report').set({ description: before.description }).where('id', '=', id).execute();
    await expect(findSchoolReport(db, 'kopakker', id)).rejects.toThrow(CaseContentError);
  });

  it('maintenance removes a key a purged case has again (left by a failed removal), and no other', async () => {
    const time = clock('2025-03-03T09:00:00Z');
    t = await startTestApp({ now: time.now });
    const db = t.context.db;
    const { id: closed } = await caseWithEverything(t);
    time.set('2026-03-04T12:00:00Z');
    const live = await submitReport(t, { description: 'LEVEND verhaal' });
    expect(await runMaintenance(t.context)).toMatchObject({ purged: 1, strayCaseKeys: 0 });
    // As a report's write leaves it when its removal fails (test/postgres/report-batch.test.ts).
    await db.insertInto('case_key').values(newCaseKeyRow(db, closed).row).execute();

    expect(await runMaintenance(t.context)).toMatchObject({ purged: 0, strayCaseKeys: 1 });
    expect((await db.selectFrom('case_key').select('report_id').execute()).map((key) => key.report_id)).toEqual([live.id]);
    expect((await findSchoolReport(db, 'kopakker', live.id))?.description).toBe('LEVEND verhaal');
    expect(await runMaintenance(t.context)).toMatchObject({ strayCaseKeys: 0 });
  });

  it('a retired, a purged and a taken case number are drawn again: only the new report gets a key and its mail, the others stay as they were', async () => {
    t = await startTestApp();
    const db = t.context.db;
    const live = await submitReport(t, { description: 'LEVEND verhaal' });
    const purged = await submitReport(t, { description: 'GEWIST verhaal' });
    await deleteCaseKey(db, purged.id);
    const retired = 111_111_111;
    await db.insertInto('retired_report_id').values({ id: retired }).execute();
    const keysBefore = await db.selectFrom('case_key').selectAll().orderBy('report_id').execute();
    const mailsBefore = await db.selectFrom('outbox').select('id').execute();
    const { id: _id, received_day: _day, ...fields } = await db.selectFrom('report').selectAll().where('id', '=', live.id).executeTakeFirstOrThrow();
    const schoolRevision = await schoolRevisionOf(db, 'kopakker');

    // Outside a transaction: on PostgreSQL each try is the one statement on its own.
    const draws = [retired, purged.id, live.id, 222_222_222];
    const row = { ...fields, description: 'NIEUW verhaal', receipt_hash: 'drawn-again' };
    const written = await insertReport(db, { row, schoolRevision, mails: (id) => [mailAbout(id)] }, () => draws.shift()!);
    expect(written).toEqual({ id: 222_222_222, mailsQueued: 1 });
    const drawn = 222_222_222;
    expect(draws).toEqual([]);
    const keysAfter = await db.selectFrom('case_key').selectAll().orderBy('report_id').execute();
    expect(keysAfter.filter((key) => key.report_id !== drawn)).toEqual(keysBefore);
    expect(await db.selectFrom('report').select('id').where('id', '=', retired).execute()).toEqual([]);
    expect((await findSchoolReport(db, 'kopakker', 222_222_222))?.description).toBe('NIEUW verhaal');
    expect((await findSchoolReport(db, 'kopakker', live.id))?.description).toBe('LEVEND verhaal');
    // One mail, the drawn number's: none for the numbers that were skipped.
    const newMails = await db.selectFrom('outbox').select('subject').where('id', 'not in', mailsBefore.map((mail) => mail.id)).execute();
    expect(newMails).toEqual([{ subject: `over ${drawn}` }]);
  });

  it('reports written together: one the database refuses fails alone, the others are stored with their mails', async () => {
    t = await startTestApp();
    const db = t.context.db;
    const live = await submitReport(t, { description: 'LEVEND verhaal' });
    const { id: _id, received_day: _day, ...fields } = await db.selectFrom('report').selectAll().where('id', '=', live.id).executeTakeFirstOrThrow();
    const schoolRevision = await schoolRevisionOf(db, 'kopakker');
    const write = (receipt: string | null) =>
      writeNewReport(db, { row: { ...fields, receipt_hash: receipt as string }, schoolRevision, mails: (id) => [mailAbout(id)] });
    // Handed in during one turn: on PostgreSQL one statement, on SQLite one COMMIT.
    const [first, refused, last] = await Promise.allSettled([write('samen-1'), write(null), write('samen-3')]);
    expect(refused.status).toBe('rejected');
    for (const written of [first, last]) {
      expect(written.status).toBe('fulfilled');
      const { id, mailsQueued } = (written as PromiseFulfilledResult<WrittenReport>).value;
      expect(mailsQueued).toBe(1);
      expect(await db.selectFrom('outbox').select('subject').where('subject', '=', `over ${id}`).execute()).toHaveLength(1);
    }
    expect((await db.selectFrom('report').select('receipt_hash').execute()).map((row) => row.receipt_hash).sort()).toEqual([fields.receipt_hash, 'samen-1', 'samen-3'].sort());
  });

  it('writes nothing, no key, no report, no mail, when the school changed since its revision was read', async () => {
    t = await startTestApp();
    const db = t.context.db;
    const live = await submitReport(t, { description: 'LEVEND verhaal' });
    const { id: _id, received_day: _day, ...fields } = await db.selectFrom('report').selectAll().where('id', '=', live.id).executeTakeFirstOrThrow();
    const readRevision = await schoolRevisionOf(db, 'kopakker');
    // Straight in the database, as another server or a command would: only the school's revision tells.
    const { id: contact } = await db.selectFrom('school_contact').select('id').where('school', '=', 'kopakker').orderBy('id').executeTakeFirstOrThrow();
    await db.updateTable('school_contact').set({ note: 'Op dinsdag niet op school' }).where('id', '=', contact).execute();
    expect(await schoolRevisionOf(db, 'kopakker')).toBe(readRevision + 1);
    const counts = async () => Promise.all((['report', 'case_key', 'outbox'] as const).map(async (table) => (await db.selectFrom(table).selectAll().execute()).length));
    const before = await counts();

    const row = { ...fields, receipt_hash: 'school-changed' };
    const mails = (id: number) => [mailAbout(id)];
    expect(await insertReport(db, { row, schoolRevision: readRevision, mails }, () => 333_333_333)).toBe(SCHOOL_CHANGED);
    expect(await runTransaction(db, (trx) => insertReport(trx, { row, schoolRevision: readRevision, mails }, () => 333_333_333))).toBe(SCHOOL_CHANGED);
    expect(await counts()).toEqual(before);
    expect(await insertReport(db, { row, schoolRevision: readRevision + 1, mails }, () => 333_333_333)).toEqual({ id: 333_333_333, mailsQueued: 1 });
  });

  it('a ciphertext moved to another case or another field does not open', async () => {
    t = await startTestApp();
    const first = await submitReport(t, { description: 'EERSTE verhaal', target: 'Sam' });
    const second = await submitReport(t, { description: 'TWEEDE verhaal', target: 'Noor' });
    const sealed = await t.context.db.selectFrom('report').select(['description', 'target']).where('id', '=', first.id).executeTakeFirstOrThrow();

    await t.context.db.updateTable('report').set({ description: sealed.description }).where('id', '=', second.id).execute();
    await expect(findSchoolReport(t.context.db, 'kopakker', second.id)).rejects.toThrow(CaseContentError);

    await t.context.db.updateTable('report').set({ description: sealed.target, target: sealed.description }).where('id', '=', first.id).execute();
    await expect(findSchoolReport(t.context.db, 'kopakker', first.id)).rejects.toThrow(CaseContentError);
  });

  it('a changed byte in a sealed column answers case_unreadable (409) on the case page, the screenshot and /volgen, keeps the row as it was, logs no content and shows on /healthz', async () => {
    const healthToken = 'the-operator-health-token-0123456789';
    t = await startTestApp({ env: { HEALTH_TOKEN: healthToken } });
    const db = t.context.db;
    const { id, receipt, staff, view } = await caseWithEverything(t);
    const other = await submitReport(t, { description: 'ANDER verhaal' });
    // One byte of a ciphertext flipped by raw SQL, as a damaged disk or a hand in the database would: the screenshot's first.
    const { rows: [shotRow] } = await sql<{ id: number; data: Buffer }>`SELECT id, data FROM screenshot WHERE report_id = ${id}`.execute(db);
    const shotBytes = Buffer.from(shotRow!.data);
    shotBytes[shotBytes.length - 1]! ^= 0x01;
    await sql`UPDATE screenshot SET data = ${shotBytes} WHERE id = ${shotRow!.id}`.execute(db);
    const shot = await asStaff(t, staff, 'GET', `/api/staff/reports/${id}/screenshots/${view.screenshots[0].id}`);
    expect(shot.statusCode).toBe(409);
    expect(shot.json().error.code).toBe('case_unreadable');
    // Then the description: the case page no longer opens either.
    const { rows: [stored] } = await sql<{ description: string }>`SELECT description FROM report WHERE id = ${id}`.execute(db);
    const bytes = Buffer.from(stored!.description.slice('k1:'.length), 'base64');
    bytes[bytes.length - 1]! ^= 0x01;
    const tampered = `k1:${bytes.toString('base64')}`;
    await sql`UPDATE report SET description = ${tampered} WHERE id = ${id}`.execute(db);

    const page = await asStaff(t, staff, 'GET', `/api/staff/reports/${id}`);
    expect(page.statusCode).toBe(409);
    expect(page.json()).toEqual({
      error: {
        code: 'case_unreadable',
        message:
          `De inhoud van melding ${id} kan niet worden geopend. Er is niets gewist of veranderd. ` +
          'Vertel het aan wie de server van klikvrij beheert, met het nummer van de melding.',
        fields: {},
      },
    });
    const followUp = await t.app.inject({ method: 'POST', url: '/api/followup', payload: { receipt, language: 'en' } });
    expect(followUp.statusCode).toBe(409);
    expect(followUp.json().error).toEqual({ code: 'case_unreadable', message: 'We cannot open your report right now. Tell your teacher. They can help you.', fields: {} });
    const inDutch = await t.app.inject({ method: 'POST', url: '/api/followup', payload: { receipt } });
    expect(inDutch.json().error.message).toBe('We kunnen je melding nu niet openen. Vertel het aan je juf of meester. Zij kunnen je helpen.');

    // The rest of the portal works on: the inbox, another case, the register.
    expect((await asStaff(t, staff, 'GET', '/api/staff/reports')).statusCode).toBe(200);
    const otherCase = await asStaff(t, staff, 'GET', `/api/staff/reports/${other.id}`);
    expect(otherCase.json().description).toBe('ANDER verhaal');
    const elmar = await loginAs(t, ELMAR);
    expect((await asStaff(t, elmar, 'GET', '/api/staff/register.csv')).statusCode).toBe(200);

    // Nothing stored was rewritten; the log names the case and column, never what it holds.
    const after = await sql<{ description: string }>`SELECT description FROM report WHERE id = ${id}`.execute(db);
    expect(after.rows[0]!.description).toBe(tampered);
    const shotAfter = await sql<{ data: Buffer }>`SELECT data FROM screenshot WHERE id = ${shotRow!.id}`.execute(db);
    expect(Buffer.compare(Buffer.from(shotAfter.rows[0]!.data), shotBytes)).toBe(0);
    const errorLines = t.logOutput().split('\n').filter((line) => line.includes('case content does not open'));
    expect(errorLines.length).toBeGreaterThanOrEqual(4);
    for (const line of errorLines) expect(JSON.parse(line)).toMatchObject({ level: 50, caseNumber: id });
    for (const text of Object.values(WORDS)) expect(t.logOutput()).not.toContain(text);

    const health = await t.app.inject({ url: '/healthz', headers: { authorization: `Bearer ${healthToken}` } });
    const body = health.json() as { status: string; problems: string[]; database: { unreadableCases: Array<{ caseNumber: number; field: string }> } };
    expect(body.status).toBe('failing');
    expect(body.database.unreadableCases.map(({ caseNumber, field }) => `${caseNumber} ${field}`).sort()).toEqual([`${id} report.description`, `${id} screenshot.data`]);
    expect(body.problems.filter((problem) => problem.includes(`of case ${id} does not open`))).toHaveLength(2);
  });

  it('a case key that is missing while its content is there answers case_unreadable, not 500', async () => {
    t = await startTestApp();
    const { id, receipt } = await submitReport(t, { description: 'ZONDER sleutel' });
    const staff = await loginAs(t, BERTINE);
    await sql`DELETE FROM case_key WHERE report_id = ${id}`.execute(t.context.db);
    const page = await asStaff(t, staff, 'GET', `/api/staff/reports/${id}`);
    expect(page.statusCode).toBe(409);
    expect(page.json().error.message).toContain(`melding ${id} kan niet worden geopend`);
    const followUp = await t.app.inject({ method: 'POST', url: '/api/followup', payload: { receipt, language: 'tr' } });
    expect(followUp.statusCode).toBe(409);
    expect(followUp.json().error.message).toBe('Bildirimini şu an açamıyoruz. Öğretmenine söyle. Sana yardım edebilir.');
    const { rows } = await sql<{ description: string }>`SELECT description FROM report WHERE id = ${id}`.execute(t.context.db);
    expect(rows[0]!.description).toMatch(/^k1:/);
  });

  it('a screenshot sealed in slices opens whole, and not under another case or with one byte changed', async () => {
    const key = newCaseKey();
    // A few slices and a partial last one.
    const photo = Buffer.from(Array.from({ length: 3 * 256 * 1024 + 777 }, (_, i) => (i * 7) % 256));
    const sealed = await sealBytes(key, 41, photo);
    expect(sealed.length).toBe(1 + 12 + 16 + photo.length);
    expect(Buffer.compare(openBytes(key, 41, sealed), photo)).toBe(0);
    expect(() => openBytes(key, 42, sealed)).toThrow(CaseContentError);
    const changed = Buffer.from(sealed);
    changed[changed.length - 1]! ^= 1;
    expect(() => openBytes(key, 41, changed)).toThrow(CaseContentError);
    expect(Buffer.compare(openBytes(key, 7, await sealBytes(key, 7, Buffer.alloc(0))), Buffer.alloc(0))).toBe(0);
  });

  it("linking carries a report's notes into the case sealed under the case's key, and unlinking copies them back", async () => {
    t = await startTestApp();
    const a = await submitReport(t, { description: 'VERHAAL-A' });
    const b = await submitReport(t, { description: 'VERHAAL-B' });
    const staff = await loginAs(t, BERTINE);
    await asStaff(t, staff, 'POST', `/api/staff/reports/${b.id}/steps`, { step: '1', note: 'STAP-VAN-B' });
    await asStaff(t, staff, 'POST', `/api/staff/reports/${b.id}/notes`, { text: 'NOTITIE-VAN-B' });
    const linked = await asStaff(t, staff, 'POST', `/api/staff/reports/${a.id}/links`, { reportId: b.id });
    expect(linked.statusCode, linked.body).toBe(200);
    const onA = linked.json();
    expect(onA.notes.map((note: { text: string }) => note.text)).toEqual(['NOTITIE-VAN-B']);
    expect(onA.steps.map((step: { note: string }) => step.note)).toEqual(['STAP-VAN-B']);
    // Moved rows now belong to A and open only under A's key.
    const note = await t.context.db.selectFrom('case_note').select(['report_id', 'text']).executeTakeFirstOrThrow();
    expect(note.report_id).toBe(a.id);
    expect(openText((await findCaseKey(t.context.db, a.id))!, a.id, 'case_note.text', note.text)).toBe('NOTITIE-VAN-B');
    expect(() => openText(Buffer.alloc(32), b.id, 'case_note.text', note.text)).toThrow(CaseContentError);
    const unlinked = await asStaff(t, staff, 'POST', `/api/staff/reports/${b.id}/unlink`);
    expect(unlinked.statusCode, unlinked.body).toBe(200);
    expect(unlinked.json().notes.map((row: { text: string }) => row.text)).toEqual(['NOTITIE-VAN-B']);
  });

  it('refuses to start with another master key, or without a MASTER_KEY_FILE that was named', async () => {
    const dataDir = await makeDataDir();
    dirs.push(dataDir);
    t = await startTestApp({ dataDir });
    await submitReport(t);
    const env = envOf(t);
    await t.close();
    t = undefined;
    const keyFile = path.join(dataDir, MASTER_KEY.name);
    const right = await readFile(keyFile);

    await writeFile(keyFile, `${'ab'.repeat(32)}\n`);
    const wrong = createContext(loadConfig(env));
    await expect(wrong).rejects.toThrow(StartupError);
    await expect(wrong).rejects.toThrow(/master-key is not the key this database was used with \(1 rows depend on it\)/);

    await rm(keyFile);
    await expect(createContext(loadConfig(env))).rejects.toThrow(/master-key is missing, but 1 rows/);

    const mounted = path.join(dataDir, 'mounted-master-key');
    await expect(createContext(loadConfig({ ...env, MASTER_KEY_FILE: mounted }))).rejects.toThrow(/mounted-master-key does not exist/);

    // The same key from MASTER_KEY_FILE: the case reads as before.
    await writeFile(mounted, right);
    t = await startTestApp({ dataDir, env: { MASTER_KEY_FILE: mounted } });
    const report = (await t.context.db.selectFrom('report').select('id').executeTakeFirstOrThrow()).id;
    expect((await findSchoolReport(t.context.db, 'kopakker', report))!.description).toBe('Ze pakken elke dag mijn pet af op het plein.');
  });

  it('rotate-key re-wraps every case key under a new master key and keeps the old key aside', async () => {
    const dataDir = await makeDataDir();
    dirs.push(dataDir);
    t = await startTestApp({ dataDir });
    const { id } = await caseWithEverything(t);
    const env = envOf(t);
    const config = loadConfig(env);
    await t.close();
    t = undefined;
    const keyFile = path.join(dataDir, MASTER_KEY.name);
    const oldKey = readSecretFile(keyFile)!;

    const result = await rotateMasterKey(config);
    expect(result.rewrapped).toBe(1);
    const newKey = readSecretFile(keyFile)!;
    expect(newKey.equals(oldKey)).toBe(false);
    expect(readSecretFile(result.oldKeyFile)!.equals(oldKey)).toBe(true);

    t = await startTestApp({ dataDir });
    const row = await t.context.db.selectFrom('case_key').selectAll().where('report_id', '=', id).executeTakeFirstOrThrow();
    expect(row.master_key_id).toBe(new CaseCrypto(newKey).masterKeyId);
    const staff = await loginAs(t, BERTINE);
    const view = (await asStaff(t, staff, 'GET', `/api/staff/reports/${id}`)).json();
    expect(view).toMatchObject({ description: WORDS.description, reporter: { name: WORDS.name } });
    expect(JSON.stringify(view.notes)).toContain(WORDS.note);
    await t.close();
    t = undefined;

    // The old key no longer opens this database.
    await writeFile(keyFile, oldKey);
    await expect(createContext(loadConfig(env))).rejects.toThrow(/is not the key this database was used with/);
  });

  it('a server started after rotate-key stopped between its commit and its renames says to run it again', async () => {
    const { dataDir, id, env, keyFile } = await stoppedServerWithCase();
    const oldKey = await readFile(keyFile);
    await rotateMasterKey(loadConfig(env));
    // Both renames undone, as if the process had stopped right after its commit.
    await writeFile(`${keyFile}.new`, await readFile(keyFile));
    await writeFile(keyFile, oldKey);

    await expect(createContext(loadConfig(env))).rejects.toThrow(/rotate-key stopped half-way.*Run npm run rotate-key again/s);
    expect((await rotateMasterKey(loadConfig(env))).rewrapped).toBe(0);
    t = await startTestApp({ dataDir });
    expect((await findSchoolReport(t.context.db, 'kopakker', id))!.description).toBe(WORDS.description);
  });

  it('rotate-key replaces a new key file a stopped run left empty, while the database is under the old key', async () => {
    const { dataDir, id, env, keyFile } = await stoppedServerWithCase();
    const config = loadConfig(env);
    // Made, then the run stopped before writing into it.
    await writeFile(`${keyFile}.new`, '', { mode: 0o600 });

    expect((await rotateMasterKey(config)).rewrapped).toBe(1);
    t = await startTestApp({ dataDir });
    expect((await findSchoolReport(t.context.db, 'kopakker', id))!.description).toBe(WORDS.description);
  });

  it('rotate-key run again after a stop between its commit and its renames finishes them', async () => {
    const { dataDir, id, env, keyFile } = await stoppedServerWithCase();
    const config = loadConfig(env);
    await rotateMasterKey(config);
    // Undo only the last rename, as if the process had stopped just before it.
    const newKey = await readFile(keyFile);
    await writeFile(`${keyFile}.new`, newKey);
    await rm(keyFile);

    const again = await rotateMasterKey(config);
    expect(again.rewrapped).toBe(0);
    expect((await readFile(keyFile)).equals(newKey)).toBe(true);
    t = await startTestApp({ dataDir });
    expect((await findSchoolReport(t.context.db, 'kopakker', id))!.description).toBe(WORDS.description);
  });
});
