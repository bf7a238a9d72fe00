import type { Kysely } from 'kysely';

// Frozen once landed: later changes go into a new migration.
// Login throttling counts only links that were mailed: a request that mailed nothing (an unknown
// address, or one asked for too often) still writes its row, so both answers cost the same work, but
// it no longer uses up the real person's links.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('staff_login_request').addColumn('mailed', 'integer', (col) => col.notNull().defaultTo(0)).execute();
}
