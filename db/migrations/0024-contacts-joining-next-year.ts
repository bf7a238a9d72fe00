import type { Kysely } from 'kysely';

// Frozen once landed: later changes go into a new migration.
// A board prepares next school year's table without disturbing this year's: a contact added for
// next school year carries that year ("2026-2027") and is not in the table until its 1 August,
// when the maintenance job takes them in (the column becomes null). Null: in the table now.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('school_contact').addColumn('joins_school_year', 'text').execute();
}
