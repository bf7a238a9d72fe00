import type { Kysely } from 'kysely';
import type { Database, NewReport, Report } from '../schema.js';

type Executor = Kysely<Database>;

export async function insertReport(db: Executor, report: NewReport): Promise<number> {
  const row = await db.insertInto('report').values(report).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function findReportByReceiptHash(db: Executor, receiptHash: string): Promise<Report | undefined> {
  return db.selectFrom('report').selectAll().where('receipt_hash', '=', receiptHash).executeTakeFirst();
}

export async function recordReporterActivity(db: Executor, id: number, at: string): Promise<void> {
  await db.updateTable('report').set({ last_reporter_activity_at: at }).where('id', '=', id).execute();
}
