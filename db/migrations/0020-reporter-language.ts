import type { Kysely } from 'kysely';

// Frozen once landed: later changes go into a new migration.
// The language the reporter used on the form (nl, en, …): staff see it, and mails to a named
// reporter are written in it. Reports from before keep Dutch.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('report')
    .addColumn('language', 'text', (col) => col.notNull().defaultTo('nl'))
    .execute();
}
