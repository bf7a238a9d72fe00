// globalSetup of the postgres lane: a template database with every migration, made once per run
// from this checkout's migrations, and every database of the run dropped at the end.

import { randomBytes } from 'node:crypto';
import { migrateToLatest, openPostgres } from '../../db/database.js';
import { adminQuery, closeAdmin, databaseUrl, dropRunDatabases, templateDatabase, TEST_RUN_ENV } from './postgres.js';

export async function setup(): Promise<void> {
  process.env[TEST_RUN_ENV] = randomBytes(4).toString('hex');
  await adminQuery(`CREATE DATABASE ${templateDatabase()}`);
  const db = await openPostgres(databaseUrl(templateDatabase()));
  try {
    await migrateToLatest(db);
  } finally {
    // No connection may stay on a template that CREATE DATABASE copies.
    await db.destroy();
  }
}

export async function teardown(): Promise<void> {
  // setup has already said what is missing.
  if (!process.env.TEST_POSTGRES_URL || !process.env[TEST_RUN_ENV]) return;
  await dropRunDatabases();
  await closeAdmin();
}
