import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

type Executor = Kysely<Database>;

export async function insertNote(
  db: Executor,
  note: { reportId: number; text: string; staffEmail: string; staffName: string; at: string },
): Promise<void> {
  await db
    .insertInto('case_note')
    .values({ report_id: note.reportId, text: note.text, staff_email: note.staffEmail, staff_name: note.staffName, created_at: note.at })
    .execute();
}

export async function listNotes(db: Executor, reportId: number) {
  return db
    .selectFrom('case_note')
    .select(['id', 'text', 'staff_email', 'staff_name', 'created_at'])
    .where('report_id', '=', reportId)
    .orderBy('id')
    .execute();
}
