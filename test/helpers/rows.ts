// Read-only looks into the database for tests and benchmarks: what the product itself never asks.
// Content comes back opened (the columns hold ciphertext, db/case-crypto.ts); test/encryption.test.ts looks at the raw file.
import type { Db } from '../../db/database.js';
import { openBytes } from '../../db/case-crypto.js';
import { caseKeyOf } from '../../db/queries/case-keys.js';
import { openReport } from '../../db/queries/reports.js';

export async function findReportById(db: Db, id: number) {
  return openReport(db, await db.selectFrom('report').selectAll().where('id', '=', id).executeTakeFirst());
}

/** The report a receipt code opens (`receiptHash`: the app's keyed hash of the code), content opened. */
export async function findReportByReceiptHash(db: Db, receiptHash: string) {
  const row = await db.selectFrom('report').selectAll().where('receipt_hash', '=', receiptHash).executeTakeFirstOrThrow();
  return (await openReport(db, row))!;
}

/** The one report a test sent; case numbers are random, so a test cannot know it in advance. */
export async function onlyReport(db: Db) {
  const rows = await db.selectFrom('report').selectAll().execute();
  if (rows.length !== 1) throw new Error(`expected one report, found ${rows.length}`);
  return (await openReport(db, rows[0]!))!;
}

export async function countReports(db: Db): Promise<number> {
  const row = await db
    .selectFrom('report')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function listScreenshotsOfReport(db: Db, reportId: number) {
  const rows = await db
    .selectFrom('screenshot')
    .select(['id', 'message_id', 'mime_type', 'width', 'height', 'byte_size', 'data'])
    .where('report_id', '=', reportId)
    .orderBy('id')
    .execute();
  if (rows.length === 0) return rows;
  const key = await caseKeyOf(db, reportId);
  return rows.map((row) => ({ ...row, data: openBytes(key, reportId, row.data) }));
}

/** The school's revision (0033) now: what a report's write must be given to be written. */
export async function schoolRevisionOf(db: Db, slug: string): Promise<number> {
  return (await db.selectFrom('school').select('revision').where('slug', '=', slug).executeTakeFirstOrThrow()).revision;
}
