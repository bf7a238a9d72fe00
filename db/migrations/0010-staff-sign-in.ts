import type { Kysely } from 'kysely';

// Frozen once landed: later changes go into a new migration.
// Staff sign in with a login link or through the school's OpenID Connect provider.
export async function up(db: Kysely<any>): Promise<void> {
  // How the session was opened ('link' | 'oidc'): a school that switches login links off ends the
  // link sessions at their next request. provider_mfa = 1 when the provider said MFA was used, so
  // the portal's own TOTP step is not asked again for this session.
  await db.schema
    .alterTable('staff_session')
    .addColumn('signed_in_with', 'text', (col) => col.notNull().defaultTo('link'))
    .execute();
  await db.schema
    .alterTable('staff_session')
    .addColumn('provider_mfa', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();

  // One sign-in at the provider in progress, bound to the browser by a cookie that holds a random
  // handle; only the handle's hash is stored. Used once: the callback deletes the row it reads.
  await db.schema
    .createTable('oidc_transaction')
    .addColumn('handle_hash', 'text', (col) => col.primaryKey())
    .addColumn('state', 'text', (col) => col.notNull())
    .addColumn('nonce', 'text', (col) => col.notNull())
    .addColumn('code_verifier', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('oidc_transaction_expiry').on('oidc_transaction').column('expires_at').execute();
}
