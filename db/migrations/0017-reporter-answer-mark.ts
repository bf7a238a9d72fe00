import type { Kysely } from 'kysely';

// Frozen once landed: later changes go into a new migration.
// 1 while the reporter's latest answer is unseen by whoever handles the case (the assignee, or
// anyone of the school when nobody is assigned): the inbox marks it. One bit, no time.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('report')
    .addColumn('reporter_answer_unseen', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
}
