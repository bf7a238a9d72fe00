import type { Kysely } from 'kysely';

// Frozen once landed: later changes go into a new migration.
// "Ben je nu in gevaar of bang om naar school te gaan?" answered yes: 1. Staff see urgent reports
// first and the notification mail's subject starts with "DRINGEND: ".
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('report')
    .addColumn('urgent', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
}
