import type { Kysely } from 'kysely';

// Frozen once landed: later changes go into a new migration.
// A check value per secret file in DATA_DIR (receipt-secret, totp-key): a keyed hash of a fixed
// label under the file's key, never the key. At start the server compares it with the file, so a
// replaced or lost file is refused instead of silently making every receipt code or second factor fail.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('secret_check')
    .addColumn('name', 'text', (col) => col.primaryKey())
    .addColumn('check_value', 'text', (col) => col.notNull())
    .execute();
}
