import type { Kysely } from 'kysely';

// Frozen once landed: later changes go into a new migration.
// One-time upgrade steps of the data that have run to the end, by name (the first is
// 'seal-plaintext-cases', db/queries/case-keys.ts): a start finds the step done here and skips
// it, instead of looking through every report again. A step stopped half-way writes no row, so the
// next start goes on with it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('finished_upgrade')
    .addColumn('name', 'text', (col) => col.primaryKey())
    .execute();
}
