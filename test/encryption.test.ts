// Children's words are sealed before they reach the database (db/case-crypto.ts): the file holds no
// plain text, staff and /volgen read everything, retention deletes the case key, a ciphertext moved to
// another case or field does not open, a wrong master key refuses the start, an older database is
// sealed in place, and the master key can be rotated.
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Migrator } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { CaseContentError, CaseCrypto, openText, withCaseCrypto } from '../db/case-crypto.js';
import { checkpointWal, openDatabase } from '../db/database.js';
import { MIGRATIONS } from '../db/migrations/index.js';
import { findCaseKey, sealPlaintextCases } from '../db/queries/case-keys.js';
import { insertMeldcodeEntry, listMeldcodeEntries } from '../db/queries/meldcode.js';
import { findSchoolReport } from '../db/queries/reports.js';
import { MASTER_KEY } from '../server/case-keys/master-key.js';
import { loadConfig } from '../server/config.js';
import { createContext, DATABASE_FILE } from '../server/context.js';
import { runMaintenance } from '../server/jobs/maintenance.js';
import { rotateMasterKey } from '../server/rotate-key.js';
import { readSecretFile } from '../server/secret-file.js';
import { StartupError } from '../server/startup-error.js';
import { pngImage } from './helpers/images.js';
import { multipartBody } from './helpers/multipart.js';
import { asStaff, BERTINE, clock, loginAs, submitReport } from './helpers/staff.js';
import { makeDataDir, startTestApp, type TestApp } from './helpers/test-app.js';

let t: TestApp | undefined;
/** Data folders a test keeps across restarts of its app; removed after it. */
const dirs: string[] = [];
afterEach(async () => {
  const app = t;
  t = undefined;
  await app?.close();
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const WORDS = {
  description: 'GEHEIM-VERHAAL-5512 ze schoppen mij bij de fietsenstalling',
  name: 'Fleur-Anouk Zwanenburg',
  email: 'fleur.zwanenburg@example.nl',
  target: 'DOELWIT-Fleur-Anouk',
  perpetrators: 'DADERS-Bram-en-Joep',
  staffMessage: 'SCHOOLBERICHT-4471 we praten morgen met je',
  reporterMessage: 'MELDERBERICHT-9083 het gebeurde weer',
  note: 'NOTITIE-2208 vader gebeld',
  stepNote: 'STAPNOTITIE-6634 gesprek met de klas',
  closeMessage: 'AFSLUITBERICHT-3319 fijn dat het beter gaat',
};

async function fileBytes(dataDir: string): Promise<Buffer> {
  const parts = await Promise.all(
    [DATABASE_FILE, `${DATABASE_FILE}-wal`].map((name) => readFile(path.join(dataDir, name)).catch(() => Buffer.alloc(0))),
  );
  return Buffer.concat(parts);
}

/** A named report with a screenshot, a message each way, a note, a step note and a closing message. */
async function caseWithEverything(app: TestApp) {
  const { payload, headers } = multipartBody(
    [
      ['role', 'self'],
      ['anonymous', 'false'],
      ['name', WORDS.name],
      ['email', WORDS.email],
      ['description', WORDS.description],
      ['target', WORDS.target],
      ['perpetrators', WORDS.perpetrators],
      ['kinds[]', 'cyber'],
      ['places[]', 'online'],
    ],
    [{ field: 'screenshots', filename: 'a.png', contentType: 'image/png', data: await pngImage() }],
  );
  const response = await app.app.inject({ method: 'POST', url: '/api/reports', payload, headers });
  expect(response.statusCode).toBe(201);
  const { receipt } = response.json() as { receipt: string };
  const id = (await app.context.db.selectFrom('report').select('id').executeTakeFirstOrThrow()).id;
  const staff = await loginAs(app, BERTINE);
  expect((await asStaff(app, staff, 'POST', `/api/staff/reports/${id}/steps`, { step: '2', note: WORDS.stepNote })).statusCode).toBe(201);
  expect((await asStaff(app, staff, 'POST', `/api/staff/reports/${id}/notes`, { text: WORDS.note })).statusCode).toBe(201);
  expect((await asStaff(app, staff, 'POST', `/api/staff/reports/${id}/messages`, { text: WORDS.staffMessage })).statusCode).toBe(201);
  const answer = await app.app.inject({ method: 'POST', url: '/api/followup/messages', payload: { receipt, text: WORDS.reporterMessage } });
  expect(answer.statusCode).toBe(201);
  const closed = await asStaff(app, staff, 'POST', `/api/staff/reports/${id}/close`, { outcome: 'resolved', message: WORDS.closeMessage });
  expect(closed.statusCode).toBe(200);
  const view = (await asStaff(app, staff, 'GET', `/api/staff/reports/${id}`)).json();
  const shot = await asStaff(app, staff, 'GET', `/api/staff/reports/${id}/screenshots/${view.screenshots[0].id}`);
  expect(shot.statusCode).toBe(200);
  return { id, receipt, staff, view, image: shot.rawPayload };
}

describe('encryption at rest', () => {
  it('stores no plain text of a report, while staff and /volgen read everything', async () => {
    t = await startTestApp();
    const { id, receipt, view, image } = await caseWithEverything(t);

    expect(view).toMatchObject({ description: WORDS.description, target: WORDS.target, perpetrators: WORDS.perpetrators });
    expect(view.reporter).toMatchObject({ name: WORDS.name, email: WORDS.email });
    const seen = JSON.stringify(view);
    for (const text of [WORDS.staffMessage, WORDS.reporterMessage, WORDS.note, WORDS.stepNote, WORDS.closeMessage]) expect(seen).toContain(text);
    expect(image.length).toBeGreaterThan(100);
    const followUp = (await t.app.inject({ method: 'POST', url: '/api/followup', payload: { receipt } })).json();
    expect(followUp.messages.map((message: { text: string }) => message.text)).toEqual([WORDS.staffMessage, WORDS.reporterMessage, WORDS.closeMessage]);

    // The raw file and its WAL, byte for byte.
    const bytes = await fileBytes(t.dataDir);
    for (const text of Object.values(WORDS)) expect(bytes.includes(text), text).toBe(false);
    expect(bytes.includes(image.subarray(image.length - 64))).toBe(false);
    expect(bytes.includes(image.subarray(0, 64))).toBe(false);

    // And as SQL sees it: every content column holds the sealed form.
    const raw = new SQLite(path.join(t.dataDir, DATABASE_FILE), { readonly: true });
    try {
      const report = raw.prepare('SELECT description, reporter_name, reporter_email, target, perpetrators FROM report WHERE id = ?').get(id) as Record<string, string>;
      for (const value of Object.values(report)) expect(value).toMatch(/^k1:/);
      const texts = raw
        .prepare('SELECT text FROM message UNION ALL SELECT text FROM case_note UNION ALL SELECT note FROM case_step WHERE note IS NOT NULL')
        .pluck()
        .all() as string[];
      expect(texts).toHaveLength(5);
      for (const text of texts) expect(text).toMatch(/^k1:/);
      const data = raw.prepare('SELECT data FROM screenshot').pluck().get() as Buffer;
      expect(data.equals(image)).toBe(false);
      expect(data[0]).toBe(1);
      const keyRow = raw.prepare('SELECT master_key_id, wrapped_key FROM case_key WHERE report_id = ?').get(id) as { wrapped_key: string };
      expect(keyRow.wrapped_key).toMatch(/^w1:/);
      // The master key is not in the database.
      const master = readSecretFile(path.join(t.dataDir, MASTER_KEY.name))!;
      expect(bytes.includes(master)).toBe(false);
      expect(bytes.includes(master.toString('hex'))).toBe(false);
    } finally {
      raw.close();
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

  it('seals Meldcode notes like every other note of a case', async () => {
    t = await startTestApp();
    const { id } = await submitReport(t);
    await insertMeldcodeEntry(t.context.db, { reportId: id, step: '1', note: 'MELDCODE-NOTITIE-7140', staffEmail: 'b@x.nl', staffName: 'B', at: '2025-03-03T09:00:00Z' });
    const raw = await t.context.db.selectFrom('case_meldcode_entry').select('note').executeTakeFirstOrThrow();
    expect(raw.note).toMatch(/^k1:/);
    expect((await fileBytes(t.dataDir)).includes('MELDCODE-NOTITIE-7140')).toBe(false);
    expect((await listMeldcodeEntries(t.context.db, id)).map((entry) => entry.note)).toEqual(['MELDCODE-NOTITIE-7140']);
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
    await t.close();
    t = undefined;
    const keyFile = path.join(dataDir, MASTER_KEY.name);
    const right = await readFile(keyFile);

    await writeFile(keyFile, `${'ab'.repeat(32)}\n`);
    const wrong = createContext(loadConfig({ DATA_DIR: dataDir }));
    await expect(wrong).rejects.toThrow(StartupError);
    await expect(wrong).rejects.toThrow(/master-key is not the key this database was used with \(1 rows depend on it\)/);

    await rm(keyFile);
    await expect(createContext(loadConfig({ DATA_DIR: dataDir }))).rejects.toThrow(/master-key is missing, but 1 rows/);

    const mounted = path.join(dataDir, 'mounted-master-key');
    await expect(createContext(loadConfig({ DATA_DIR: dataDir, MASTER_KEY_FILE: mounted }))).rejects.toThrow(/mounted-master-key does not exist/);

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
    await expect(rotateMasterKey({ dataDir })).rejects.toThrow(/Stop every server first/);
    await t.close();
    t = undefined;
    const keyFile = path.join(dataDir, MASTER_KEY.name);
    const oldKey = readSecretFile(keyFile)!;

    const result = await rotateMasterKey({ dataDir });
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
    await expect(createContext(loadConfig({ DATA_DIR: dataDir }))).rejects.toThrow(/is not the key this database was used with/);
  });

  it('rotate-key run again after a stop between its commit and its renames finishes them', async () => {
    const dataDir = await makeDataDir();
    dirs.push(dataDir);
    t = await startTestApp({ dataDir });
    const { id } = await caseWithEverything(t);
    await t.close();
    t = undefined;
    const keyFile = path.join(dataDir, MASTER_KEY.name);
    await rotateMasterKey({ dataDir });
    // Undo only the last rename, as if the process had stopped just before it.
    const newKey = await readFile(keyFile);
    await writeFile(`${keyFile}.new`, newKey);
    await rm(keyFile);

    const again = await rotateMasterKey({ dataDir });
    expect(again.rewrapped).toBe(0);
    expect((await readFile(keyFile)).equals(newKey)).toBe(true);
    t = await startTestApp({ dataDir });
    expect((await findSchoolReport(t.context.db, 'kopakker', id))!.description).toBe(WORDS.description);
  });
});

/** The migration level of the last version without encryption. */
const LEVEL_BEFORE_ENCRYPTION = Object.keys(MIGRATIONS)[Object.keys(MIGRATIONS).indexOf('0027-case-keys') - 1]!;

describe('upgrade of a database from before encryption', () => {
  async function plaintextDatabase(dataDir: string) {
    const file = path.join(dataDir, DATABASE_FILE);
    const { db, sqlite } = openDatabase(file);
    const { error } = await new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } }).migrateTo(LEVEL_BEFORE_ENCRYPTION);
    expect(error).toBeUndefined();
    const png = await pngImage();
    const ids = [111_111_111, 222_222_222, 333_333_333];
    for (const [index, id] of ids.entries()) {
      sqlite
        .prepare(
          `INSERT INTO report (id, school, receipt_hash, role, anonymous, reporter_name, reporter_email, description, kinds, places, platforms, target, perpetrators, recipients, indication, received_at)
           VALUES (?, 'kopakker', ?, 'self', 0, ?, ?, ?, '["cyber"]', '["online"]', '[]', ?, ?, 'default', 'pesten', '2025-03-03')`,
        )
        .run(id, `hash-${id}`, `OUDE-NAAM-${index}`, `oud${index}@example.nl`, `OUD-VERHAAL-${index}`, `OUD-DOEL-${index}`, `OUDE-DADERS-${index}`);
      sqlite.prepare(`INSERT INTO message (report_id, author, text, created_at) VALUES (?, 'reporter', ?, '2025-03-03')`).run(id, `OUD-BERICHT-${index}`);
      sqlite
        .prepare(`INSERT INTO case_note (report_id, text, staff_email, staff_name, created_at) VALUES (?, ?, 'b@x.nl', 'B', '2025-03-03')`)
        .run(id, `OUDE-NOTITIE-${index}`);
      sqlite
        .prepare(`INSERT INTO case_step (report_id, step, note, staff_email, staff_name, created_at) VALUES (?, '2', ?, 'b@x.nl', 'B', '2025-03-03')`)
        .run(id, `OUDE-STAPNOTITIE-${index}`);
      sqlite
        .prepare(`INSERT INTO screenshot (report_id, mime_type, width, height, byte_size, data) VALUES (?, 'image/png', 10, 10, ?, ?)`)
        .run(id, png.length, png);
      sqlite
        .prepare(`INSERT INTO case_meldcode_entry (report_id, step, note, staff_email, staff_name, created_at) VALUES (?, '1', ?, 'b@x.nl', 'B', '2025-03-03')`)
        .run(id, `OUDE-MELDCODE-${index}`);
    }
    // A case purged by the old version: nothing to seal, and it gets no key.
    sqlite
      .prepare(
        `INSERT INTO report (id, school, receipt_hash, role, anonymous, kinds, places, platforms, recipients, indication, received_at, status, purged_at)
         VALUES (444444444, 'kopakker', 'hash-purged', 'self', 1, '[]', '[]', '[]', 'default', 'plagen', '2024-01-01', 'closed', '2025-01-01')`,
      )
      .run();
    await db.destroy();
    // The old version's receipt secret, which the reports' receipt hashes depend on.
    await writeFile(path.join(dataDir, 'receipt-secret'), `${Buffer.alloc(32, 3).toString('hex')}\n`, { mode: 0o600 });
    return { ids, png };
  }

  it('seals every plain-text case on start, in place, and staff read them as before', async () => {
    const dataDir = await makeDataDir();
    dirs.push(dataDir);
    const { ids, png } = await plaintextDatabase(dataDir);

    t = await startTestApp({ dataDir });
    checkpointWal(t.context.sqlite);
    const bytes = await fileBytes(dataDir);
    for (const index of [0, 1, 2]) {
      for (const text of [`OUD-VERHAAL-${index}`, `OUDE-NAAM-${index}`, `oud${index}@example.nl`, `OUD-BERICHT-${index}`, `OUDE-NOTITIE-${index}`, `OUDE-STAPNOTITIE-${index}`, `OUDE-MELDCODE-${index}`]) {
        expect(bytes.includes(text), text).toBe(false);
      }
    }
    expect(bytes.includes(png.subarray(png.length - 48))).toBe(false);
    expect((await t.context.db.selectFrom('case_key').select('report_id').orderBy('report_id').execute()).map((row) => row.report_id)).toEqual(ids);

    const staff = await loginAs(t, BERTINE);
    const view = (await asStaff(t, staff, 'GET', `/api/staff/reports/${ids[1]}`)).json();
    expect(view).toMatchObject({ description: 'OUD-VERHAAL-1', target: 'OUD-DOEL-1', perpetrators: 'OUDE-DADERS-1', reporter: { name: 'OUDE-NAAM-1', email: 'oud1@example.nl' } });
    expect(JSON.stringify(view)).toContain('OUDE-NOTITIE-1');
    expect(JSON.stringify(view)).toContain('OUDE-STAPNOTITIE-1');
    expect(JSON.stringify(view)).toContain('OUD-BERICHT-1');
    const shot = await asStaff(t, staff, 'GET', `/api/staff/reports/${ids[1]}/screenshots/${view.screenshots[0].id}`);
    expect(shot.rawPayload.equals(png)).toBe(true);
    expect((await listMeldcodeEntries(t.context.db, ids[2]!)).map((entry) => entry.note)).toEqual(['OUDE-MELDCODE-2']);
    // Idempotent: a second pass finds nothing left to seal.
    expect(await sealPlaintextCases(t.context.db)).toBe(0);
  });

  it('a start that stops half-way leaves each case wholly plain or wholly sealed, and the next start goes on', async () => {
    const dataDir = await makeDataDir();
    dirs.push(dataDir);
    const { ids } = await plaintextDatabase(dataDir);
    const { db, sqlite } = openDatabase(path.join(dataDir, DATABASE_FILE));
    const { error } = await new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } }).migrateToLatest();
    expect(error).toBeUndefined();
    // The second case's note cannot be written: as if the process died there.
    sqlite.exec(`CREATE TRIGGER stop_here BEFORE UPDATE ON case_note WHEN OLD.report_id = ${ids[1]} BEGIN SELECT RAISE(ABORT, 'stopped'); END`);
    const crypto = new CaseCrypto(Buffer.alloc(32, 7));
    await expect(sealPlaintextCases(withCaseCrypto(db, crypto), 1)).rejects.toThrow(/stopped/);
    expect(sqlite.prepare('SELECT report_id FROM case_key').pluck().all()).toEqual([ids[0]]);
    expect(sqlite.prepare('SELECT description FROM report WHERE id = ?').pluck().get(ids[1])).toBe('OUD-VERHAAL-1');
    expect(sqlite.prepare('SELECT text FROM message WHERE report_id = ?').pluck().get(ids[1])).toBe('OUD-BERICHT-1');
    sqlite.exec('DROP TRIGGER stop_here');
    await db.destroy();

    await writeFile(path.join(dataDir, MASTER_KEY.name), `${Buffer.alloc(32, 7).toString('hex')}\n`, { mode: 0o600 });
    t = await startTestApp({ dataDir });
    for (const [index, id] of ids.entries()) {
      const report = await findSchoolReport(t.context.db, 'kopakker', id);
      expect(report!.description).toBe(`OUD-VERHAAL-${index}`);
    }
    const raw = t.context.sqlite.prepare('SELECT description FROM report WHERE id IN (?, ?, ?)').pluck().all(...ids) as string[];
    for (const value of raw) expect(value).toMatch(/^k1:/);
  });
});
