import type { Kysely } from 'kysely';

// Frozen once landed: later changes go into a new migration.
// The optional second factor (TOTP) of the staff portal.
export async function up(db: Kysely<any>): Promise<void> {
  // One row per person (by address, across schools). The secret is AES-256-GCM encrypted under
  // DATA_DIR/totp-key; enabled_at stays null until the person has typed one valid code.
  // last_step is the newest time step used, so a code works once.
  await db.schema
    .createTable('staff_totp')
    .addColumn('email', 'text', (col) => col.primaryKey())
    .addColumn('secret_sealed', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('enabled_at', 'text')
    .addColumn('last_step', 'integer')
    .execute();

  // A session of a person with TOTP on starts pending (1) until a valid code; wrong codes count.
  // Sessions that exist before this migration were complete logins and stay so (default 0).
  await db.schema
    .alterTable('staff_session')
    .addColumn('pending_second_factor', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('staff_session')
    .addColumn('second_factor_failures', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
}
