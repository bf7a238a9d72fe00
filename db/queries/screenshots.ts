import type { Kysely } from 'kysely';
import type { Database, NewScreenshot } from '../schema.js';

type Executor = Kysely<Database>;

export async function insertScreenshots(db: Executor, screenshots: readonly NewScreenshot[]): Promise<void> {
  if (screenshots.length === 0) return;
  await db.insertInto('screenshot').values([...screenshots]).execute();
}
