import type { Kysely } from 'kysely';

// Frozen once landed: later changes go into a new migration.
// Login links used to carry their token in the path, where access and proxy logs could keep it.
// Links now carry it in the fragment; every link mailed the old way stops working at upgrade.
export async function up(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('staff_login_token').execute();
}
