import { sql, type Kysely } from 'kysely';

// Frozen once landed: later changes go into a new migration.
// - dead_at: a mail given up on (a permanent refusal, or too many attempts) stays as a dead letter
//   for the directeur and the operator to see, and is never tried again.
// - priority: login links and urgent reports leave before the rest of a backlog (0 first).
// - Versions before this one kept sent mails in the outbox with sent_at set, and times to the
//   millisecond; a sent mail leaves the outbox, so those rows go now.
// - health_probe: one row the operator's health check writes, to see that the database takes writes.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('dead_at', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('priority', 'integer', (column) => column.notNull().defaultTo(1)).execute();
  await db.deleteFrom('outbox').where('sent_at', 'is not', null).execute();
  await sql`DROP INDEX outbox_due`.execute(db);
  await db.schema
    .createTable('health_probe')
    .addColumn('id', 'integer', (column) => column.primaryKey().check(sql`id = 1`))
    .addColumn('checked_at', 'text', (column) => column.notNull())
    .execute();
  await sql`CREATE INDEX outbox_queue ON outbox (priority, next_attempt_at) WHERE sent_at IS NULL AND dead_at IS NULL`.execute(db);
}
