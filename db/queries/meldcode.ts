import type { Db } from '../database.js';

export async function insertMeldcodeEntry(
  db: Db,
  entry: { reportId: number; step: string | null; note: string | null; staffEmail: string; staffName: string; at: string },
): Promise<void> {
  await db
    .insertInto('case_meldcode_entry')
    .values({
      report_id: entry.reportId,
      step: entry.step,
      note: entry.note,
      staff_email: entry.staffEmail,
      staff_name: entry.staffName,
      created_at: entry.at,
    })
    .execute();
}

export async function listMeldcodeEntries(db: Db, reportId: number) {
  return db
    .selectFrom('case_meldcode_entry')
    .select(['id', 'step', 'note', 'staff_name', 'created_at'])
    .where('report_id', '=', reportId)
    .orderBy('id')
    .execute();
}
