import type { NewMessage } from '../schema.js';
import type { Db } from '../database.js';
import { openText, sealText } from '../case-crypto.js';
import { caseKeyOf } from './case-keys.js';

export async function insertMessage(db: Db, message: NewMessage): Promise<number> {
  const key = await caseKeyOf(db, message.report_id);
  const text = sealText(key, message.report_id, 'message.text', message.text);
  const row = await db.insertInto('message').values({ ...message, text }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/**
 * A report's messages in order, each with its `number` in the report (1, 2, …): staff are shown that,
 * never the row's id. Ids count over every report of every school, so one beside the ids of messages
 * whose time a staff member knows (their own) would bound when an anonymous reporter wrote.
 */
export async function listMessagesOfReport(db: Db, reportId: number) {
  const rows = await db
    .selectFrom('message')
    .select(['id', 'author', 'staff_email', 'text', 'created_at'])
    .where('report_id', '=', reportId)
    .orderBy('id')
    .execute();
  if (rows.length === 0) return [];
  const key = await caseKeyOf(db, reportId);
  return rows.map((row, index) => ({ ...row, number: index + 1, text: openText(key, reportId, 'message.text', row.text) }));
}
