import type { Kysely } from 'kysely';

// Frozen once landed: later changes go into a new migration.
// A named reporter who gave an e-mail address and asked for it (1) gets a mail without content
// when the school writes back. Anonymous reports always keep 0.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('report')
    .addColumn('notify_on_answer', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
}
