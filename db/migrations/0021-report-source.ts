import type { Kysely } from 'kysely';

// Frozen once landed: later changes go into a new migration.
// How a report reached the school: 'form' for the public form (every report before this migration),
// or in_person, phone, letter, observation when a staff member recorded it; and the protocol's
// signals of bullying staff ticked then (a JSON list; the form still sends a parent's inside the text).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('report')
    .addColumn('source', 'text', (col) => col.notNull().defaultTo('form'))
    .execute();
  await db.schema
    .alterTable('report')
    .addColumn('signals', 'text', (col) => col.notNull().defaultTo('[]'))
    .execute();
}
