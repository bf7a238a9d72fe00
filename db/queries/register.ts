import { sql } from 'kysely';
import type { Db } from '../database.js';
import { jsonArrayOf } from '../dialect.js';
import { receivedIn, type StatisticsRange } from './statistics.js';

/** What the register keeps of one case: codes and days, never a name or a typed word. */
export interface RegisterRow {
  received_at: string;
  kinds: string;
  places: string;
  platforms: string;
  indication: string | null;
  staff_indication: string | null;
  status: string;
  closed_as: string | null;
  opened_at: string | null;
  closed_at: string | null;
  /** JSON array of the protocol steps the case reached, each once. */
  steps: string;
}

/**
 * One school's cases received in a range, oldest first, reports for the vertrouwenspersoon only
 * left out (the register leaves the school; a VP-only case must not be matched to a month).
 */
export async function listRegisterRows(db: Db, school: string, range: StatisticsRange): Promise<RegisterRow[]> {
  return db
    .selectFrom('report')
    .select([
      'received_at',
      'kinds',
      'places',
      'platforms',
      'indication',
      'staff_indication',
      'status',
      'closed_as',
      'opened_at',
      'closed_at',
      sql<string>`(SELECT ${jsonArrayOf(db, sql.ref('step'))} FROM (SELECT DISTINCT step FROM case_step WHERE case_step.report_id = coalesce(report.case_of, report.id) ORDER BY step) AS reached)`.as('steps'),
    ])
    .where('school', '=', school)
    .where('recipients', '!=', 'vertrouwenspersoon')
    .where(receivedIn(range))
    .orderBy('received_at')
    .execute();
}
