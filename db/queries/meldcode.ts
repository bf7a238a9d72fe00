import type { Db } from '../database.js';
import { openText, sealText } from '../case-crypto.js';
import { caseKeyOf } from './case-keys.js';

export async function insertMeldcodeEntry(
  db: Db,
  entry: { reportId: number; step: string | null; note: string | null; staffEmail: string; staffName: string; at: string },
): Promise<void> {
  await db
    .insertInto('case_meldcode_entry')
    .values({
      report_id: entry.reportId,
      step: entry.step,
      note: entry.note === null ? null : sealText(await caseKeyOf(db, entry.reportId), entry.reportId, 'case_meldcode_entry.note', entry.note),
      staff_email: entry.staffEmail,
      staff_name: entry.staffName,
      created_at: entry.at,
    })
    .execute();
}

export async function listMeldcodeEntries(db: Db, reportId: number) {
  const rows = await db
    .selectFrom('case_meldcode_entry')
    .select(['id', 'step', 'note', 'staff_name', 'created_at'])
    .where('report_id', '=', reportId)
    .orderBy('id')
    .execute();
  if (rows.every((row) => row.note === null)) return rows;
  const key = await caseKeyOf(db, reportId);
  return rows.map((row) => ({ ...row, note: openText(key, reportId, 'case_meldcode_entry.note', row.note) }));
}
