import { caseCryptoIn, caseCryptoOf, CaseContentError, newCaseKey, openText, sealBytes, sealText, type CaseCrypto } from '../case-crypto.js';
import type { Db } from '../database.js';
import { dialectOf } from '../dialect.js';
import type { CaseKeyTable } from '../schema.js';
import { runTransaction } from '../transaction.js';

/**
 * Creates the data key of a new case and stores it wrapped; returns the key for sealing its content,
 * or undefined when this case number already has a key.
 */
export async function createCaseKey(db: Db, reportId: number): Promise<Buffer | undefined> {
  const { key, row: keyRow } = newCaseKeyRow(db, reportId);
  const row = await db
    .insertInto('case_key')
    .values(keyRow)
    .onConflict((conflict) => conflict.column('report_id').doNothing())
    .returning('report_id')
    .executeTakeFirst();
  return row ? key : undefined;
}

/** A new data key for case `reportId`, and its row: the key wrapped under the master key. */
export function newCaseKeyRow(db: Db, reportId: number): { key: Buffer; row: CaseKeyTable } {
  const crypto = caseCryptoOf(db);
  const key = newCaseKey();
  return { key, row: { report_id: reportId, master_key_id: crypto.masterKeyId, wrapped_key: crypto.wrap(reportId, key) } };
}

/**
 * The case's data key, or undefined when retention deleted it (or the case does not exist). A key
 * once read is kept opened (OPENED_CASE_KEYS) where this process sees every deletion of it: on
 * SQLite, where one server holds the database and deleteCaseKey drops the copy with the row. It
 * is kept only when read outside a transaction, so a key whose transaction rolls back is never
 * kept. On PostgreSQL, where another server's retention may delete it, every read asks the database.
 */
export async function findCaseKey(db: Db, reportId: number): Promise<Buffer | undefined> {
  const crypto = caseCryptoOf(db);
  const kept = crypto.openedKey(reportId);
  if (kept) return kept;
  const row = await db.selectFrom('case_key').select(['master_key_id', 'wrapped_key']).where('report_id', '=', reportId).executeTakeFirst();
  if (!row) return undefined;
  const key = crypto.unwrap(reportId, row.master_key_id, row.wrapped_key);
  if (!db.isTransaction && dialectOf(db) === 'sqlite') crypto.keepOpened(reportId, key);
  return key;
}

/** The key a case's content is sealed under; content without one is a fault, never shown as plain text. */
export async function caseKeyOf(db: Db, reportId: number): Promise<Buffer> {
  const key = await findCaseKey(db, reportId);
  if (!key) throw new CaseContentError(`case ${reportId} has content but no key`, reportId, 'case_key');
  return key;
}

/** Retention: without its key, no copy of the case's content can be opened again. */
export async function deleteCaseKey(db: Db, reportId: number): Promise<void> {
  // A server's opened copy goes with the row; `npm run restore` deletes without opening anything.
  caseCryptoIn(db)?.forget(reportId);
  await db.deleteFrom('case_key').where('report_id', '=', reportId).execute();
}

/**
 * Maintenance: removes the keys that purged cases have again, and returns how many. Only a report's
 * write leaves one, when it drew a purged case's number and its removal of the key it had just
 * written failed (db/queries/reports.ts ReportBatch); such a key seals nothing stored.
 */
export async function deleteKeysOfPurgedCases(db: Db): Promise<number> {
  const rows = await db
    .deleteFrom('case_key')
    .where('report_id', 'in', (eb) => eb.selectFrom('report').select('report.id').where('report.purged_at', 'is not', null))
    .returning('report_id')
    .execute();
  const crypto = caseCryptoIn(db);
  for (const { report_id } of rows) crypto?.forget(report_id);
  return rows.length;
}

/** Cases sealed per transaction when an older database is upgraded. */
export const SEAL_BATCH_SIZE = 100;

/** Its name in finished_upgrade (0031) once every case of the database is sealed. */
export const SEALING_UPGRADE = 'seal-plaintext-cases';

/**
 * Upgrade of a database from before encryption: seals the plain-text content of every case that has
 * no key yet (purged cases have no content left), SEAL_BATCH_SIZE cases per transaction. A case's
 * content and its key are written in the same transaction, and the key is the marker: a crash
 * leaves each case either wholly plain or wholly sealed, and the next start goes on where it
 * stopped. When none is left, finished_upgrade says so and later starts skip the look through
 * every report; nothing writes plain text after that (an older version refuses a database with
 * migrations it does not know). Returns how many cases were sealed.
 */
export async function sealPlaintextCases(db: Db, batchSize = SEAL_BATCH_SIZE): Promise<number> {
  if (await db.selectFrom('finished_upgrade').select('name').where('name', '=', SEALING_UPGRADE).executeTakeFirst()) return 0;
  let sealed = 0;
  for (;;) {
    const ids = await db
      .selectFrom('report')
      .select('id')
      .where('purged_at', 'is', null)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('case_key').select('case_key.report_id').whereRef('case_key.report_id', '=', 'report.id'))))
      .orderBy('id')
      .limit(batchSize)
      .execute();
    if (ids.length === 0) {
      await db.insertInto('finished_upgrade').values({ name: SEALING_UPGRADE }).onConflict((conflict) => conflict.column('name').doNothing()).execute();
      return sealed;
    }
    await runTransaction(db, async (trx) => {
      for (const { id } of ids) await sealCaseInPlace(trx, id);
    });
    sealed += ids.length;
  }
}

async function sealCaseInPlace(trx: Db, id: number): Promise<void> {
  const key = await createCaseKey(trx, id);
  if (!key) return;
  const report = await trx
    .selectFrom('report')
    .select(['description', 'reporter_name', 'reporter_email', 'target', 'perpetrators'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('report')
    .set({
      description: sealText(key, id, 'report.description', report.description),
      reporter_name: sealText(key, id, 'report.reporter_name', report.reporter_name),
      reporter_email: sealText(key, id, 'report.reporter_email', report.reporter_email),
      target: sealText(key, id, 'report.target', report.target),
      perpetrators: sealText(key, id, 'report.perpetrators', report.perpetrators),
    })
    .where('id', '=', id)
    .execute();
  for (const row of await trx.selectFrom('message').select(['id', 'text']).where('report_id', '=', id).execute()) {
    await trx.updateTable('message').set({ text: sealText(key, id, 'message.text', row.text) }).where('id', '=', row.id).execute();
  }
  for (const row of await trx.selectFrom('case_note').select(['id', 'text']).where('report_id', '=', id).execute()) {
    await trx.updateTable('case_note').set({ text: sealText(key, id, 'case_note.text', row.text) }).where('id', '=', row.id).execute();
  }
  for (const row of await trx.selectFrom('case_step').select(['id', 'note']).where('report_id', '=', id).where('note', 'is not', null).execute()) {
    await trx.updateTable('case_step').set({ note: sealText(key, id, 'case_step.note', row.note) }).where('id', '=', row.id).execute();
  }
  for (const row of await trx.selectFrom('case_meldcode_entry').select(['id', 'note']).where('report_id', '=', id).where('note', 'is not', null).execute()) {
    await trx.updateTable('case_meldcode_entry').set({ note: sealText(key, id, 'case_meldcode_entry.note', row.note) }).where('id', '=', row.id).execute();
  }
  for (const row of await trx.selectFrom('screenshot').select(['id', 'data']).where('report_id', '=', id).execute()) {
    await trx.updateTable('screenshot').set({ data: await sealBytes(key, id, row.data) }).where('id', '=', row.id).execute();
  }
}

/** Case keys not (yet) wrapped under `crypto`'s master key: what a rotation still has to do. */
export async function countCaseKeysNotUnder(db: Db, masterKeyId: string): Promise<number> {
  const row = await db
    .selectFrom('case_key')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('master_key_id', '!=', masterKeyId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * Re-wraps every case key wrapped under `from` under `to`; run in one transaction. The content
 * itself is not touched: its data keys stay the same. Returns how many keys were re-wrapped.
 */
export async function rewrapCaseKeys(trx: Db, from: CaseCrypto, to: CaseCrypto): Promise<number> {
  from.forgetAll();
  const rows = await trx
    .selectFrom('case_key')
    .select(['report_id', 'master_key_id', 'wrapped_key'])
    .where('master_key_id', '=', from.masterKeyId)
    .execute();
  for (const row of rows) {
    const key = from.unwrap(row.report_id, row.master_key_id, row.wrapped_key);
    await trx
      .updateTable('case_key')
      .set({ master_key_id: to.masterKeyId, wrapped_key: to.wrap(row.report_id, key) })
      .where('report_id', '=', row.report_id)
      .execute();
  }
  return rows.length;
}

/**
 * Moves or copies a case's steps, notes and Meldcode records from one report to another (linked
 * cases, db/queries/linked-cases.ts): each note is opened under the first report's key and sealed
 * again under the other's, since a ciphertext is bound to its case. Copies keep their order.
 */
export async function carryCaseRecord(db: Db, fromId: number, toId: number, how: 'move' | 'copy'): Promise<void> {
  const steps = await db.selectFrom('case_step').selectAll().where('report_id', '=', fromId).orderBy('id').execute();
  const notes = await db.selectFrom('case_note').selectAll().where('report_id', '=', fromId).orderBy('id').execute();
  const meldcode = await db.selectFrom('case_meldcode_entry').selectAll().where('report_id', '=', fromId).orderBy('id').execute();
  if (steps.length + notes.length + meldcode.length === 0) return;
  const [from, to] = [await findCaseKey(db, fromId), await caseKeyOf(db, toId)];
  const reseal = (field: 'case_step.note' | 'case_note.text' | 'case_meldcode_entry.note', text: string | null) => {
    if (text === null) return null;
    if (!from) throw new CaseContentError(`case ${fromId} has content but no key`, fromId, 'case_key');
    return sealText(to, toId, field, openText(from, fromId, field, text));
  };
  for (const { id, ...step } of steps) {
    const carried = { ...step, report_id: toId, note: reseal('case_step.note', step.note) };
    if (how === 'move') await db.updateTable('case_step').set(carried).where('id', '=', id).execute();
    else await db.insertInto('case_step').values(carried).execute();
  }
  for (const { id, ...note } of notes) {
    const carried = { ...note, report_id: toId, text: reseal('case_note.text', note.text)! };
    if (how === 'move') await db.updateTable('case_note').set(carried).where('id', '=', id).execute();
    else await db.insertInto('case_note').values(carried).execute();
  }
  for (const { id, ...entry } of meldcode) {
    const carried = { ...entry, report_id: toId, note: reseal('case_meldcode_entry.note', entry.note) };
    if (how === 'move') await db.updateTable('case_meldcode_entry').set(carried).where('id', '=', id).execute();
    else await db.insertInto('case_meldcode_entry').values(carried).execute();
  }
}
