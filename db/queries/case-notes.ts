import type { Db } from '../database.js';

export async function insertNote(
  db: Db,
  note: { reportId: number; text: string; staffEmail: string; staffName: string; at: string },
): Promise<void> {
  await db
    .insertInto('case_note')
    .values({ report_id: note.reportId, text: note.text, staff_email: note.staffEmail, staff_name: note.staffName, created_at: note.at })
    .execute();
}

export async function listNotes(db: Db, reportId: number) {
  return db
    .selectFrom('case_note')
    .select(['id', 'text', 'staff_email', 'staff_name', 'created_at'])
    .where('report_id', '=', reportId)
    .orderBy('id')
    .execute();
}
