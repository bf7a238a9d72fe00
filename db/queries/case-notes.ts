import type { Db } from '../database.js';
import { openText, sealText } from '../case-crypto.js';
import { caseKeyOf } from './case-keys.js';

export async function insertNote(
  db: Db,
  note: { reportId: number; text: string; staffEmail: string; staffName: string; at: string },
): Promise<void> {
  const text = sealText(await caseKeyOf(db, note.reportId), note.reportId, 'case_note.text', note.text);
  await db
    .insertInto('case_note')
    .values({ report_id: note.reportId, text, staff_email: note.staffEmail, staff_name: note.staffName, created_at: note.at })
    .execute();
}

export async function listNotes(db: Db, reportId: number) {
  const rows = await db
    .selectFrom('case_note')
    .select(['id', 'text', 'staff_email', 'staff_name', 'created_at'])
    .where('report_id', '=', reportId)
    .orderBy('id')
    .execute();
  if (rows.length === 0) return rows;
  const key = await caseKeyOf(db, reportId);
  return rows.map((row) => ({ ...row, text: openText(key, reportId, 'case_note.text', row.text) }));
}
