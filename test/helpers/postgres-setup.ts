// globalSetup of the postgres lane: a template database with every migration, made once per run
// from the current migrations, and every test database dropped at the end.

import { migrateToLatest, openPostgres } from '../../db/database.js';
import { adminQuery, closeAdmin, databaseUrl, dropAllTestDatabases, TEMPLATE_DATABASE } from './postgres.js';

export async function setup(): Promise<void> {
  await dropAllTestDatabases();
  await adminQuery(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  const db = openPostgres(databaseUrl(TEMPLATE_DATABASE));
  try {
    await migrateToLatest(db);
  } finally {
    // No connection may stay on a template that CREATE DATABASE copies.
    await db.destroy();
  }
}

export async function teardown(): Promise<void> {
  // setup has already said what is missing.
  if (!process.env.TEST_POSTGRES_URL) return;
  await dropAllTestDatabases();
  await closeAdmin();
}
