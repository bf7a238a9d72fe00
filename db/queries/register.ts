import { sql } from 'kysely';
import type { Db } from '../database.js';
import { jsonArrayOf } from '../dialect.js';
import { receivedIn, type StatisticsRange } from './statistics.js';

/**
 * What the register reads of one report: codes and times, never a name or a typed word. The
 * columns from staff_indication on are the case's (the holder keeps them, linked reports carry a
 * copy), so every report of a case gives the same values there.
 */
export interface RegisterReport {
  id: number;
  /** The report holding the case: the report itself when it is linked to none. */
  case_key: number;
  received_at: string;
  kinds: string;
  places: string;
  platforms: string;
  indication: string | null;
  source: string;
  opened_at: string | null;
  staff_indication: string | null;
  status: string;
  closed_as: string | null;
  closed_at: string | null;
  /** JSON array of the protocol steps the case reached, each once. */
  steps: string;
}

/**
 * One school's reports received in a range, oldest first, with the case each belongs to; reports
 * for the vertrouwenspersoon only left out (the register leaves the school; a VP-only case must not
 * be matched to a month). The same reports the school's statistics and the board's figures count.
 */
export async function listRegisterReports(db: Db, school: string, range: StatisticsRange): Promise<RegisterReport[]> {
  const rows = await db
    .selectFrom('report')
    .select([
      'id',
      sql<number>`coalesce(report.case_of, report.id)`.as('case_key'),
      'received_at',
      'kinds',
      'places',
      'platforms',
      'indication',
      'source',
      'opened_at',
      'staff_indication',
      'status',
      'closed_as',
      'closed_at',
      sql<string>`(SELECT ${jsonArrayOf(db, sql.ref('step'))} FROM (SELECT DISTINCT step FROM case_step WHERE case_step.report_id = coalesce(report.case_of, report.id) ORDER BY step) AS reached)`.as('steps'),
    ])
    .where('school', '=', school)
    .where('recipients', '!=', 'vertrouwenspersoon')
    .where(receivedIn(range))
    .orderBy('received_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ ...row, case_key: Number(row.case_key) }));
}
