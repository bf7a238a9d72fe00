import type { NewScreenshot } from '../schema.js';
import type { Db } from '../database.js';

export async function insertScreenshots(db: Db, screenshots: readonly NewScreenshot[]): Promise<void> {
  if (screenshots.length === 0) return;
  await db.insertInto('screenshot').values([...screenshots]).execute();
}

/** Screenshots of a report (with the reporter's later ones), without their bytes. */
export async function listScreenshotInfo(db: Db, reportId: number) {
  return db
    .selectFrom('screenshot')
    .select(['id', 'message_id', 'mime_type', 'width', 'height', 'byte_size'])
    .where('report_id', '=', reportId)
    .orderBy('id')
    .execute();
}

export async function findScreenshotOfReport(db: Db, reportId: number, screenshotId: number) {
  return db
    .selectFrom('screenshot')
    .select(['id', 'mime_type', 'data'])
    .where('id', '=', screenshotId)
    .where('report_id', '=', reportId)
    .executeTakeFirst();
}
