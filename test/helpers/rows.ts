// Read-only looks into the database for tests and benchmarks: what the product itself never asks.
import type { Db } from '../../db/database.js';

export async function findReportById(db: Db, id: number) {
  return db.selectFrom('report').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The one report a test sent; case numbers are random, so a test cannot know it in advance. */
export async function onlyReport(db: Db) {
  const rows = await db.selectFrom('report').selectAll().execute();
  if (rows.length !== 1) throw new Error(`expected one report, found ${rows.length}`);
  return rows[0]!;
}

export async function countReports(db: Db): Promise<number> {
  const row = await db
    .selectFrom('report')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function listScreenshotsOfReport(db: Db, reportId: number) {
  return db
    .selectFrom('screenshot')
    .select(['id', 'mime_type', 'width', 'height', 'byte_size', 'data'])
    .where('report_id', '=', reportId)
    .orderBy('id')
    .execute();
}
