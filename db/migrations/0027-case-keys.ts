import type { Kysely } from 'kysely';

// Frozen once landed: later changes go into a new migration.
// One data key per case, wrapped under the master key (db/case-crypto.ts). The row's existence is the
// case's marker: a case with a row has its content sealed; one without, and not purged, is still in
// plain text from an older version and is sealed at the next start (db/queries/case-keys.ts).
// Retention deletes the row, which makes the case's ciphertexts unreadable.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('case_key')
    .addColumn('report_id', 'integer', (col) => col.primaryKey())
    .addColumn('master_key_id', 'text', (col) => col.notNull())
    .addColumn('wrapped_key', 'text', (col) => col.notNull())
    .execute();
}
