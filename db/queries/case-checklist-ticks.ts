import type { Db } from '../database.js';

export async function tickChecklistItem(
  db: Db,
  tick: { reportId: number; list: string; item: number; staffEmail: string; staffName: string; at: string },
): Promise<void> {
  await db
    .insertInto('case_checklist_tick')
    .values({
      report_id: tick.reportId,
      list: tick.list,
      item: tick.item,
      staff_email: tick.staffEmail,
      staff_name: tick.staffName,
      ticked_at: tick.at,
    })
    .onConflict((oc) => oc.columns(['report_id', 'list', 'item']).doNothing())
    .execute();
}

export async function untickChecklistItem(db: Db, reportId: number, list: string, item: number): Promise<void> {
  await db
    .deleteFrom('case_checklist_tick')
    .where('report_id', '=', reportId)
    .where('list', '=', list)
    .where('item', '=', item)
    .execute();
}

export async function listChecklistTicks(db: Db, reportId: number) {
  return db
    .selectFrom('case_checklist_tick')
    .select(['list', 'item', 'staff_name', 'ticked_at'])
    .where('report_id', '=', reportId)
    .execute();
}
