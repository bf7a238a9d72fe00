import { sql, type Kysely } from 'kysely';

// Frozen once landed: later changes go into a new migration.
// Two indexes the inbox needs since its own index moved to report_inbox_day (0029). SQLite keeps no
// statistics here, so each must be the better one on any planner's reckoning, not only by being few:
// - The aandachtsfunctionaris sees only the cases marked for the Meldcode (0026), which are few: in
//   report_inbox_day their page meant reading every report of the school to find them. This index
//   holds only the marked ones, and purged_at (the inbox asks for IS NULL) makes it match one column
//   more than report_inbox_day.
// - The unread count read the few unopened reports through report_unopened_school (0005), but SQLite
//   took report_inbox_day as just as good (every report of the school). The new index holds every
//   column the count asks about (an index-only count), and replaces it.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX report_meldcode_inbox ON report (school, purged_at, urgent, received_day, id) WHERE meldcode_at IS NOT NULL`.execute(db);
  await db.schema.dropIndex('report_unopened_school').execute();
  await sql`CREATE INDEX report_unopened_count ON report (school, status, purged_at, recipients, meldcode_at, opened_at) WHERE opened_at IS NULL`.execute(db);
}
