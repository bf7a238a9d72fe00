import type { Kysely } from 'kysely';

// Frozen once landed: later changes go into a new migration.
// The day staff plan to look back at a case (the protocol: does the bullying stop after the talks,
// or does it come back, stap 4?), and when its handler was mailed that the day had come. A day the
// school chose, never a moment of the report.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('report').addColumn('follow_up_on', 'text').execute();
  await db.schema.alterTable('report').addColumn('follow_up_mailed_at', 'text').execute();
}
