import type { Kysely } from 'kysely';

// Frozen once landed: later changes go into a new migration.
// A contact table belongs to a school year (1 August – 31 July). One row per school and school
// year records that the July mail asking to confirm that year's table went out (so it goes once,
// whatever restarts) and who confirmed the table, when. The board's own July mail is recorded
// under the board's audit scope in place of a school slug, so `school` has no foreign key.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('school_year_confirmation')
    .addColumn('school', 'text', (col) => col.notNull())
    .addColumn('school_year', 'text', (col) => col.notNull())
    .addColumn('mailed_at', 'text')
    .addColumn('confirmed_at', 'text')
    .addColumn('confirmed_by', 'text')
    .addColumn('confirmed_by_name', 'text')
    .addPrimaryKeyConstraint('school_year_confirmation_key', ['school', 'school_year'])
    .execute();
}
