import { sql, type ExpressionBuilder } from 'kysely';
import type { Db } from '../database.js';
import { jsonElements } from '../dialect.js';
import type { Database } from '../schema.js';

/**
 * The reports of one school received in a range, in Europe/Amsterdam days. received_at is a day
 * (YYYY-MM-DD: anonymous and purged reports) or an ISO timestamp in UTC, so the range comes twice:
 * as days for the first and as UTC instants (Amsterdam midnight) for the second.
 */
export interface StatisticsRange {
  /** First and last day, both included. */
  fromDay: string;
  toDay: string;
  /** Amsterdam midnight of fromDay, and of the day after toDay (excluded), as ISO UTC. */
  fromInstant: string;
  toInstant: string;
  /** Every month of the range with the ISO UTC instant of its Amsterdam start, oldest first. */
  monthStarts: ReadonlyArray<{ month: string; start: string }>;
}

export type StatisticsDimension = 'total' | 'cases' | 'urgent' | 'month' | 'kind' | 'place' | 'indication' | 'verdict' | 'outcome' | 'source';

export interface StatisticsRow {
  dimension: StatisticsDimension;
  key: string;
  reports: number;
}

/**
 * Counts of one school's reports in a range, purged ones included (purging keeps school, kinds,
 * places, indications, the day, status and outcome), confidential ones included (numbers only).
 * One statement: the school's rows are read once through report_school_id and materialized, then
 * counted per dimension. A report with two kinds (or places) counts once under each.
 * Indication: the one computed from the reporter's answers. Verdict: the school's own judgement
 * (staff_indication), 'none' while there is none.
 * Source: how the report came in (the form, or recorded by staff).
 * Outcome: 'open' for every case not closed, otherwise closed_as ('plagen' | 'resolved'), 'closed' without one.
 * Cases: reports staff linked into one case (case_of) count once; verdict and outcome are the case's
 * and are counted per case, every other dimension per report.
 */
/** `withConfidential`: count reports meant for the vertrouwenspersoon only (for the VP alone). */
export async function countSchoolReports(
  db: Db,
  school: string,
  range: StatisticsRange,
  withConfidential: boolean,
): Promise<StatisticsRow[]> {
  // Every month of the range is one row of VALUES (one row that matches nothing for an empty range).
  const months = range.monthStarts.map(({ month, start }) => sql`(${month}, ${start})`);
  const bounds = months.length > 0 ? sql.join(months) : sql`(NULL, NULL)`;
  const result = await sql<StatisticsRow>`
    WITH bounds(month, start) AS MATERIALIZED (VALUES ${bounds}),
    picked AS MATERIALIZED (
      SELECT
        coalesce(report.case_of, report.id) AS case_key,
        report.kinds AS kinds,
        report.places AS places,
        report.urgent AS urgent,
        report.source AS source,
        report.indication AS indication,
        coalesce(report.staff_indication, 'none') AS verdict,
        CASE WHEN report.status != 'closed' THEN 'open' ELSE coalesce(report.closed_as, 'closed') END AS outcome,
        CASE WHEN length(report.received_at) = 10 THEN substr(report.received_at, 1, 7)
             ELSE (SELECT bounds.month FROM bounds WHERE bounds.start <= report.received_at ORDER BY bounds.start DESC LIMIT 1)
        END AS month
      FROM report
      WHERE report.school = ${school}
        AND (${withConfidential ? 1 : 0} = 1 OR report.recipients != 'vertrouwenspersoon')
        AND (
          (length(report.received_at) = 10 AND report.received_at BETWEEN ${range.fromDay} AND ${range.toDay})
          OR (length(report.received_at) > 10 AND report.received_at >= ${range.fromInstant} AND report.received_at < ${range.toInstant})
        )
    )
    SELECT 'total' AS dimension, '' AS key, count(*) AS reports FROM picked
    UNION ALL SELECT 'cases', '', count(DISTINCT case_key) FROM picked
    UNION ALL SELECT 'urgent', '', coalesce(sum(urgent), 0) FROM picked
    UNION ALL SELECT 'month', month, count(*) FROM picked GROUP BY month
    UNION ALL SELECT 'kind', kind.value, count(*) FROM picked, ${jsonElements(db, sql.ref('picked.kinds'), 'kind')} GROUP BY kind.value
    UNION ALL SELECT 'place', place.value, count(*) FROM picked, ${jsonElements(db, sql.ref('picked.places'), 'place')} GROUP BY place.value
    UNION ALL SELECT 'indication', indication, count(*) FROM picked GROUP BY indication
    UNION ALL SELECT 'verdict', verdict, count(DISTINCT case_key) FROM picked GROUP BY verdict
    UNION ALL SELECT 'outcome', outcome, count(DISTINCT case_key) FROM picked GROUP BY outcome
    UNION ALL SELECT 'source', source, count(*) FROM picked GROUP BY source`.execute(db);
  return result.rows.map((row) => ({ dimension: row.dimension, key: String(row.key ?? ''), reports: Number(row.reports) }));
}

/** The reports received in the range: a bare day compares as a day, a timestamp as an instant. */
export function receivedIn(range: StatisticsRange) {
  return (eb: ExpressionBuilder<Database, 'report'>) =>
    eb.or([
      eb.and([eb(eb.fn('length', ['received_at']), '=', 10), eb('received_at', '>=', range.fromDay), eb('received_at', '<=', range.toDay)]),
      eb.and([eb(eb.fn('length', ['received_at']), '>', 10), eb('received_at', '>=', range.fromInstant), eb('received_at', '<', range.toInstant)]),
    ]);
}

/**
 * When each report of one school in a range was received and first opened, for the reports
 * someone opened; reports for the vertrouwenspersoon only are left out (the board's figures).
 */
export async function listOpenings(db: Db, school: string, range: StatisticsRange): Promise<Array<{ received_at: string; opened_at: string }>> {
  const rows = await db
    .selectFrom('report')
    .select(['received_at', 'opened_at'])
    .where('school', '=', school)
    .where('recipients', '!=', 'vertrouwenspersoon')
    .where('opened_at', 'is not', null)
    .where(receivedIn(range))
    .execute();
  return rows.map((row) => ({ received_at: row.received_at, opened_at: row.opened_at! }));
}
