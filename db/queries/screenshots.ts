import type { NewScreenshot } from '../schema.js';
import type { Db } from '../database.js';
import { openBytes, sealBytes } from '../case-crypto.js';
import { handOver } from '../worker-writes.js';
import { caseKeyOf } from './case-keys.js';

/** Stores screenshots of one report, their bytes sealed under its case key. */
export async function insertScreenshots(db: Db, screenshots: readonly NewScreenshot[]): Promise<void> {
  if (screenshots.length === 0) return;
  const reportId = screenshots[0]!.report_id;
  if (screenshots.some((shot) => shot.report_id !== reportId)) throw new Error('insertScreenshots takes the screenshots of one report');
  const key = await caseKeyOf(db, reportId);
  const sealed = [];
  // The sealed copy is used for this INSERT only: the worker thread's connection may take it as it is.
  for (const shot of screenshots) sealed.push({ ...shot, data: handOver(await sealBytes(key, reportId, shot.data)) });
  await db.insertInto('screenshot').values(sealed).execute();
}

/**
 * Screenshots of a report (with the reporter's later ones), without their bytes, each with its
 * `number` in the report and the number of the message it came with (listMessagesOfReport's): staff
 * are shown those, never the rows' ids, which count over every report and would bound an anonymous
 * report's time between those of screenshots whose time a staff member knows.
 */
export async function listScreenshotInfo(db: Db, reportId: number) {
  const rows = await db
    .selectFrom('screenshot')
    .select(['id', 'message_id', 'mime_type', 'width', 'height', 'byte_size'])
    .select((eb) =>
      eb
        .selectFrom('message')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .whereRef('message.report_id', '=', 'screenshot.report_id')
        .whereRef('message.id', '<=', 'screenshot.message_id')
        .as('message_number'),
    )
    .where('report_id', '=', reportId)
    .orderBy('id')
    .execute();
  return rows.map((row, index) => ({ ...row, number: index + 1, message_number: row.message_id === null ? null : Number(row.message_number) }));
}

/** The report's screenshot with this `number` (listScreenshotInfo's), with its bytes. */
export async function findScreenshotOfReport(db: Db, reportId: number, number: number) {
  const shot = await db
    .selectFrom('screenshot')
    .select(['id', 'mime_type', 'data'])
    .where('report_id', '=', reportId)
    .orderBy('id')
    .limit(1)
    .offset(number - 1)
    .executeTakeFirst();
  if (!shot) return undefined;
  return { ...shot, data: openBytes(await caseKeyOf(db, reportId), reportId, shot.data) };
}
