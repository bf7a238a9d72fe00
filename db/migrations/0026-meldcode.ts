import type { Kysely } from 'kysely';

// Frozen once landed: later changes go into a new migration.
// The Meldcode huiselijk geweld en kindermishandeling: when and by whom a case was marked for it, and
// the records of its five steps (a step of 1 to 5, or none for a note), seen only by the
// aandachtsfunctionaris, the directeur and the case's handler.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('report').addColumn('meldcode_at', 'text').execute();
  await db.schema.alterTable('report').addColumn('meldcode_by', 'text').execute();
  await db.schema
    .createTable('case_meldcode_entry')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('report_id', 'integer', (col) => col.notNull().references('report.id').onDelete('cascade'))
    .addColumn('step', 'text')
    .addColumn('note', 'text')
    .addColumn('staff_email', 'text', (col) => col.notNull())
    .addColumn('staff_name', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('case_meldcode_entry_report').on('case_meldcode_entry').column('report_id').execute();
}
