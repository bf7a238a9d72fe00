import type { Db } from '../database.js';
import type { Report, ReportUpdate } from '../schema.js';
import { carryCaseRecord } from './case-keys.js';
import { openReport } from './reports.js';

/**
 * The columns that belong to a case rather than to one report. The report holding the case keeps
 * them, and every report linked into it carries a copy, so the inbox filters, reminders, retention
 * and the statistics read each report as before.
 */
export const CASE_COLUMNS = [
  'status',
  'case_step',
  'staff_indication',
  'indication_by',
  'indication_at',
  'assignee_email',
  'closed_at',
  'closed_as',
  'ib_informed_at',
  'recipients',
  'reporter_status',
  'meldcode_at',
  'meldcode_by',
  'follow_up_on',
  'follow_up_mailed_at',
] as const satisfies ReadonlyArray<keyof Report>;

/** The report holding the case and every report linked into it, the holder first, then by number. */
export async function listCaseReports(db: Db, holderId: number): Promise<Report[]> {
  const rows = await db
    .selectFrom('report')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', holderId), eb('case_of', '=', holderId)]))
    .orderBy('id')
    .execute();
  const opened = await Promise.all(rows.map(async (row) => (await openReport(db, row))!));
  return [...opened.filter((row) => row.id === holderId), ...opened.filter((row) => row.id !== holderId)];
}

/** Copies the case's columns from the holder to every report linked into it. */
export async function copyCaseColumns(db: Db, holder: Report): Promise<void> {
  const changes: ReportUpdate = {};
  for (const column of CASE_COLUMNS) (changes as Record<string, unknown>)[column] = holder[column];
  await db.updateTable('report').set(changes).where('case_of', '=', holder.id).execute();
}

/**
 * Moves a report's own protocol record (steps, notes, ticked checklist items) into the case it
 * joins; a checklist item both had ticked keeps the holder's tick.
 */
export async function moveCaseRecord(db: Db, fromId: number, toId: number): Promise<void> {
  await carryCaseRecord(db, fromId, toId, 'move');
  await copyChecklistTicks(db, fromId, toId);
  await db.deleteFrom('case_checklist_tick').where('report_id', '=', fromId).execute();
}

/** Copies the case's protocol record (and its Meldcode records) to a report that leaves it, which keeps it as its own history. */
export async function copyCaseRecord(db: Db, fromId: number, toId: number): Promise<void> {
  await carryCaseRecord(db, fromId, toId, 'copy');
  await copyChecklistTicks(db, fromId, toId);
}

async function copyChecklistTicks(db: Db, fromId: number, toId: number): Promise<void> {
  const ticks = await db.selectFrom('case_checklist_tick').selectAll().where('report_id', '=', fromId).execute();
  for (const tick of ticks) {
    await db
      .insertInto('case_checklist_tick')
      .values({ ...tick, report_id: toId })
      .onConflict((oc) => oc.columns(['report_id', 'list', 'item']).doNothing())
      .execute();
  }
}

/** Links reports into the case held by `holderId`; reports that held a case bring theirs along. */
export async function setCaseOf(db: Db, ids: readonly number[], holderId: number | null): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('report').set({ case_of: holderId }).where('id', 'in', ids).execute();
}

/** The reports linked into these holders, for the inbox: their numbers and whether a reporter answered unseen. */
export async function listLinkedReports(db: Db, holderIds: readonly number[]) {
  if (holderIds.length === 0) return [];
  return db
    .selectFrom('report')
    .select(['id', 'case_of', 'reporter_answer_unseen'])
    .where('case_of', 'in', holderIds)
    .orderBy('id')
    .execute();
}
