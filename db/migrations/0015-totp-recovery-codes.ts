import type { Kysely } from 'kysely';

// Frozen once landed: later changes go into a new migration.
// Recovery codes for the TOTP second factor: shown once when TOTP is turned on, kept only as a
// keyed hash (the receipt secret, outside the database), each good for one login. They go with
// the person's TOTP row: turning TOTP off or a reset by the directeur deletes them.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('staff_totp_recovery_code')
    .addColumn('code_hash', 'text', (col) => col.primaryKey())
    .addColumn('email', 'text', (col) => col.notNull().references('staff_totp.email').onDelete('cascade'))
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('staff_totp_recovery_code_email').on('staff_totp_recovery_code').column('email').execute();
}
