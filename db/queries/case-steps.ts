import type { Db } from '../database.js';
import { openText, sealText } from '../case-crypto.js';
import { caseKeyOf } from './case-keys.js';

export async function insertStep(
  db: Db,
  step: { reportId: number; step: string; referral: string | null; note: string | null; staffEmail: string; staffName: string; at: string },
): Promise<void> {
  const note = step.note === null ? null : sealText(await caseKeyOf(db, step.reportId), step.reportId, 'case_step.note', step.note);
  await db
    .insertInto('case_step')
    .values({
      report_id: step.reportId,
      step: step.step,
      referral: step.referral,
      note,
      staff_email: step.staffEmail,
      staff_name: step.staffName,
      created_at: step.at,
    })
    .execute();
}

export async function listSteps(db: Db, reportId: number) {
  const rows = await db
    .selectFrom('case_step')
    .select(['id', 'step', 'referral', 'note', 'staff_email', 'staff_name', 'created_at'])
    .where('report_id', '=', reportId)
    .orderBy('id')
    .execute();
  // Retention clears the notes and deletes the key; the steps themselves stay for the counts.
  if (rows.every((row) => row.note === null)) return rows;
  const key = await caseKeyOf(db, reportId);
  return rows.map((row) => ({ ...row, note: openText(key, reportId, 'case_step.note', row.note) }));
}
