import type { Kysely } from 'kysely';

// Frozen once landed: later changes go into a new migration.
// Case numbers a restore found issued after its backup (in the database it replaced, or in links in
// the mail folder): their reports are gone, but mails and bookmarks may still point at them, so a
// new report never gets one of these numbers (db/queries/reports.ts insertReport).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('retired_report_id')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .execute();
}
