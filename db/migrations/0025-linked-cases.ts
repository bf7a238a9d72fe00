import type { Kysely } from 'kysely';

// Frozen once landed: later changes go into a new migration.
// Related reports as one case: a linked report names the report that holds the case's protocol
// record (steps, notes, checklists, indication and verdict live there); NULL for a report that is
// its own case or holds a case. No foreign key: unlinking and retention handle the rows themselves.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('report').addColumn('case_of', 'integer').execute();
  await db.schema.createIndex('report_case_of').on('report').column('case_of').execute();
}
