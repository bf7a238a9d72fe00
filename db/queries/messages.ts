import type { Kysely } from 'kysely';
import type { Database, NewMessage } from '../schema.js';

type Executor = Kysely<Database>;

export async function insertMessage(db: Executor, message: NewMessage): Promise<number> {
  const row = await db.insertInto('message').values(message).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function listMessagesOfReport(db: Executor, reportId: number) {
  return db
    .selectFrom('message')
    .select(['id', 'author', 'staff_email', 'text', 'created_at'])
    .where('report_id', '=', reportId)
    .orderBy('id')
    .execute();
}
