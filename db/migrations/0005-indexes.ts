import { sql, type Kysely } from 'kysely';

// Frozen once landed: later changes go into a new migration.
// Indexes for the staff portal at the scale of a school board (100,000 reports over 20 schools),
// found with test/bench/staff-portal.ts (npm run bench).
export async function up(db: Kysely<any>): Promise<void> {
  // The inbox: one school, urgent first, newest first, keyset on (urgent, id). Without it SQLite
  // reads every report of the school and sorts them for each page.
  await db.schema.createIndex('report_inbox').on('report').columns(['school', 'urgent', 'id']).execute();
  // Reports nobody opened yet are few; these hold only them. The first serves the inbox's unread
  // count per school, the second the reminder job, which walks them in id order.
  await sql`CREATE INDEX report_unopened_school ON report (school) WHERE opened_at IS NULL`.execute(db);
  await sql`CREATE INDEX report_unopened_id ON report (id) WHERE opened_at IS NULL`.execute(db);
}
