// Children's words are sealed before they reach the database (db/case-crypto.ts), seen in SQLite's own
// file: the file and its WAL hold no plain text, and an older database is sealed in place on upgrade.
// What holds on either backend (retention, moved ciphertext, wrong key, rotation) is in case-keys.test.ts.
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Migrator } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { CaseCrypto, withCaseCrypto } from '../db/case-crypto.js';
import { checkpointWal, openDatabase } from '../db/database.js';
import { MIGRATIONS } from '../db/migrations/index.js';
import { SEALING_UPGRADE, sealPlaintextCases } from '../db/queries/case-keys.js';
import { insertMeldcodeEntry, listMeldcodeEntries } from '../db/queries/meldcode.js';
import { findSchoolReport } from '../db/queries/reports.js';
import { MASTER_KEY } from '../server/case-keys/master-key.js';
import { DATABASE_FILE } from '../server/context.js';
import { rotateMasterKey } from '../server/rotate-key.js';
import { readSecretFile } from '../server/secret-file.js';
import { caseWithEverything, closeAndRemove, WORDS } from './helpers/case-content.js';
import { pngImage } from './helpers/images.js';
import { asStaff, BERTINE, loginAs, submitReport } from './helpers/staff.js';
import { makeDataDir, sqliteOf, startTestApp, type TestApp } from './helpers/test-app.js';

let t: TestApp | undefined;
const dirs: string[] = [];
afterEach(() => closeAndRemove(t, dirs).finally(() => (t = undefined)));

async function fileBytes(dataDir: string): Promise<Buffer> {
  const parts = await Promise.all(
    [DATABASE_FILE, `${DATABASE_FILE}-wal`].map((name) => readFile(path.join(dataDir, name)).catch(() => Buffer.alloc(0))),
  );
  return Buffer.concat(parts);
}

describe('encryption at rest in the SQLite file', () => {
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


  it('rotate-key refuses while a server holds DATA_DIR', async () => {
    t = await startTestApp();
    await submitReport(t);
    await expect(rotateMasterKey({ dataDir: t.dataDir })).rejects.toThrow(/is already in use.*Stop every server first/s);
    expect(await readFile(`${path.join(t.dataDir, MASTER_KEY.name)}.new`).catch(() => 'none')).toBe('none');
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
    checkpointWal(sqliteOf(t));
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
    // Not marked done: the next start looks for plain text again.
    expect(sqlite.prepare('SELECT name FROM finished_upgrade').pluck().all()).toEqual([]);
    sqlite.exec('DROP TRIGGER stop_here');
    await db.destroy();

    await writeFile(path.join(dataDir, MASTER_KEY.name), `${Buffer.alloc(32, 7).toString('hex')}\n`, { mode: 0o600 });
    t = await startTestApp({ dataDir });
    for (const [index, id] of ids.entries()) {
      const report = await findSchoolReport(t.context.db, 'kopakker', id);
      expect(report!.description).toBe(`OUD-VERHAAL-${index}`);
    }
    const raw = sqliteOf(t).prepare('SELECT description FROM report WHERE id IN (?, ?, ?)').pluck().all(...ids) as string[];
    for (const value of raw) expect(value).toMatch(/^k1:/);
    expect(sqliteOf(t).prepare('SELECT name FROM finished_upgrade').pluck().all()).toEqual([SEALING_UPGRADE]);
  });

  it('a start on a database whose sealing finished does not look through its reports again', async () => {
    const dataDir = await makeDataDir();
    dirs.push(dataDir);
    t = await startTestApp({ dataDir });
    expect(sqliteOf(t).prepare('SELECT name FROM finished_upgrade').pluck().all()).toEqual([SEALING_UPGRADE]);
    // A plain-text case that no version writes any more, put in behind the app's back: only a look
    // through every report would find it.
    const insertPlain = (id: number) =>
      sqliteOf(t!)
        .prepare(
          `INSERT INTO report (id, school, receipt_hash, role, anonymous, description, kinds, places, platforms, recipients, indication, received_at)
           VALUES (?, 'kopakker', ?, 'self', 1, 'ONGEZIEN-VERHAAL', '[]', '[]', '[]', 'default', 'pesten', '2025-03-03')`,
        )
        .run(id, `hash-${id}`);
    insertPlain(444_444_444);
    await t.close();

    t = await startTestApp({ dataDir });
    const unsealed = () => sqliteOf(t!).prepare('SELECT description FROM report WHERE id = 444444444').pluck().get();
    expect(unsealed()).toBe('ONGEZIEN-VERHAAL');
    expect(sqliteOf(t).prepare('SELECT count(*) FROM case_key WHERE report_id = 444444444').pluck().get()).toBe(0);
    // Without the mark the same start seals it: the mark is what the start goes by.
    sqliteOf(t).prepare('DELETE FROM finished_upgrade').run();
    await t.close();
    t = await startTestApp({ dataDir });
    expect(unsealed()).toMatch(/^k1:/);
    expect((await findSchoolReport(t.context.db, 'kopakker', 444_444_444))!.description).toBe('ONGEZIEN-VERHAAL');
  });
});
