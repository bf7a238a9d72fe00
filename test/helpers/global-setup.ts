// vitest globalSetup: runs once per `vitest run`, before any worker starts.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDatabaseTemplate, DATABASE_TEMPLATE_ENV } from './database-template.js';

export default async function setup(): Promise<() => Promise<void>> {
  const dir = await mkdtemp(path.join(tmpdir(), 'klikvrij-template-'));
  const file = path.join(dir, 'template.sqlite');
  await createDatabaseTemplate(file);
  process.env[DATABASE_TEMPLATE_ENV] = file;
  return () => rm(dir, { recursive: true, force: true });
}
