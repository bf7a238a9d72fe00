import type { Kysely } from 'kysely';

// Frozen once landed: later changes go into a new migration.
// Days a school is closed besides the national holidays (studiedagen, an extra holiday week), which
// the reminder clock skips; one row per day. And the day a closed case's handler was warned that
// its content will soon be deleted, so the warning goes once.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('school_day_off')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('school', 'text', (col) => col.notNull().references('school.slug'))
    .addColumn('day', 'text', (col) => col.notNull())
    .addColumn('label', 'text', (col) => col.notNull())
    .addColumn('added_by', 'text', (col) => col.notNull())
    .addColumn('added_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('school_day_off_once', ['school', 'day'])
    .execute();
  await db.schema.alterTable('report').addColumn('retention_warned_at', 'text').execute();
}
