import type { NewMessage } from '../schema.js';
import type { Db } from '../database.js';

export async function insertMessage(db: Db, message: NewMessage): Promise<number> {
  const row = await db.insertInto('message').values(message).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function listMessagesOfReport(db: Db, reportId: number) {
  return db
    .selectFrom('message')
    .select(['id', 'author', 'staff_email', 'text', 'created_at'])
    .where('report_id', '=', reportId)
    .orderBy('id')
    .execute();
}
