import type { Kysely } from 'kysely';
import type { Database, NewScreenshot } from '../schema.js';

type Executor = Kysely<Database>;

export async function insertScreenshots(db: Executor, screenshots: readonly NewScreenshot[]): Promise<void> {
  if (screenshots.length === 0) return;
  await db.insertInto('screenshot').values([...screenshots]).execute();
}

/** Screenshots of a report (with the reporter's later ones), without their bytes. */
export async function listScreenshotInfo(db: Executor, reportId: number) {
  return db
    .selectFrom('screenshot')
    .select(['id', 'message_id', 'mime_type', 'width', 'height', 'byte_size'])
    .where('report_id', '=', reportId)
    .orderBy('id')
    .execute();
}

export async function findScreenshotOfReport(db: Executor, reportId: number, screenshotId: number) {
  return db
    .selectFrom('screenshot')
    .select(['id', 'mime_type', 'data'])
    .where('id', '=', screenshotId)
    .where('report_id', '=', reportId)
    .executeTakeFirst();
}
