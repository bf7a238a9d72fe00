import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

type Executor = Kysely<Database>;

export async function insertStep(
  db: Executor,
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

export async function listSteps(db: Executor, reportId: number) {
  return db
    .selectFrom('case_step')
    .select(['id', 'step', 'referral', 'note', 'staff_email', 'staff_name', 'created_at'])
    .where('report_id', '=', reportId)
    .orderBy('id')
    .execute();
}
