import type { Db } from '../database.js';

export async function insertStep(
  db: Db,
  step: { reportId: number; step: string; referral: string | null; note: string | null; staffEmail: string; staffName: string; at: string },
): Promise<void> {
  await db
    .insertInto('case_step')
    .values({
      report_id: step.reportId,
      step: step.step,
      referral: step.referral,
      note: step.note,
      staff_email: step.staffEmail,
      staff_name: step.staffName,
      created_at: step.at,
    })
    .execute();
}

export async function listSteps(db: Db, reportId: number) {
  return db
    .selectFrom('case_step')
    .select(['id', 'step', 'referral', 'note', 'staff_email', 'staff_name', 'created_at'])
    .where('report_id', '=', reportId)
    .orderBy('id')
    .execute();
}
