import type { Kysely } from 'kysely';

// Frozen once landed: later changes go into a new migration.
// The form asks "in danger now?" and "afraid to go to school?" apart (they were one question), and
// "since when?". `urgent` stays the school's flag (first in the inbox, DRINGEND in the mail): it is
// set by either answer. in_danger and afraid_of_school say which; NULL for reports from before
// the split, whose urgent meant either. since is NULL when not answered.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('report').addColumn('in_danger', 'integer').execute();
  await db.schema.alterTable('report').addColumn('afraid_of_school', 'integer').execute();
  await db.schema.alterTable('report').addColumn('since', 'text').execute();
}
