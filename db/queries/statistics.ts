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
 * One statement: the school's rows are read once from the covering index report_statistics_cases
 * (migration 0029) and materialized, then counted per dimension. A report with two kinds (or places)
 * counts once under each.
 * Indication: the one computed from the reporter's answers. Verdict: the school's own judgement
 * (staff_indication), 'none' while there is none.
 * Source: how the report came in (the form, or recorded by staff).
 * Outcome: 'open' for every case not closed, otherwise closed_as ('plagen' | 'resolved'), 'closed' without one.
 * Cases: reports staff linked into one case (case_of) count once; verdict and outcome are the case's
 * (every linked report carries the case's columns) and are counted per case, every other dimension per report.
 *
 * Counting is cheap only in few passes: the reports are grouped once by every single-valued
 * dimension (`grouped`, a few hundred rows), and the totals, months, sources, indications, verdicts
 * and outcomes are sums over those groups. Kinds and places are JSON lists, grouped by the list
 * first so that only the distinct lists are taken apart. A case is counted on the row of the report
 * holding it (case_of NULL); a case whose holder was not picked (received outside the range) is
 * counted once through the reports linked into it (`outside`). No count(DISTINCT …): each one sorted
 * every picked row again.
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
        report.id AS id,
        report.case_of AS case_of,
        report.kinds AS kinds,
        report.places AS places,
        report.urgent AS urgent,
        report.source AS source,
        report.indication AS indication,
        coalesce(report.staff_indication, 'none') AS verdict,
        CASE WHEN report.status != 'closed' THEN 'open' ELSE coalesce(report.closed_as, 'closed') END AS outcome,
        -- A timestamp's month is the last one that started before it (months and their starts rise together).
        CASE WHEN length(report.received_at) = 10 THEN substr(report.received_at, 1, 7)
             ELSE (SELECT max(bounds.month) FROM bounds WHERE bounds.start <= report.received_at)
        END AS month
      FROM report
      WHERE report.school = ${school}
        AND (${withConfidential ? 1 : 0} = 1 OR report.recipients != 'vertrouwenspersoon')
        -- Implied by the two ranges below (a day sorts after the UTC instant of its Amsterdam midnight,
        -- which is the evening before, and before the next day's), but one range the index can seek.
        AND report.received_at >= ${range.fromInstant} AND report.received_at < ${range.toInstant}
        AND (
          (length(report.received_at) = 10 AND report.received_at BETWEEN ${range.fromDay} AND ${range.toDay})
          OR (length(report.received_at) > 10 AND report.received_at >= ${range.fromInstant} AND report.received_at < ${range.toInstant})
        )
    ),
    grouped AS MATERIALIZED (
      SELECT month, urgent, source, indication, verdict, outcome, count(*) AS reports,
        sum(CASE WHEN case_of IS NULL THEN 1 ELSE 0 END) AS cases
      FROM picked
      GROUP BY month, urgent, source, indication, verdict, outcome
    ),
    outside AS MATERIALIZED (
      SELECT case_of, max(verdict) AS verdict, max(outcome) AS outcome
      FROM picked
      WHERE case_of IS NOT NULL AND case_of NOT IN (SELECT id FROM picked)
      GROUP BY case_of
    ),
    each_case(verdict, outcome, cases) AS (
      SELECT verdict, outcome, cases FROM grouped
      UNION ALL SELECT verdict, outcome, 1 FROM outside
    )
    SELECT 'total' AS dimension, '' AS key, coalesce(sum(reports), 0) AS reports FROM grouped
    UNION ALL SELECT 'cases', '', coalesce(sum(cases), 0) FROM each_case
    UNION ALL SELECT 'urgent', '', coalesce(sum(CASE WHEN urgent = 1 THEN reports ELSE 0 END), 0) FROM grouped
    UNION ALL SELECT 'month', month, sum(reports) FROM grouped GROUP BY month
    UNION ALL SELECT 'kind', kind.value, sum(reports)
      FROM (SELECT kinds, count(*) AS reports FROM picked GROUP BY kinds) AS lists, ${jsonElements(db, sql.ref('lists.kinds'), 'kind')}
      GROUP BY kind.value
    UNION ALL SELECT 'place', place.value, sum(reports)
      FROM (SELECT places, count(*) AS reports FROM picked GROUP BY places) AS lists, ${jsonElements(db, sql.ref('lists.places'), 'place')}
      GROUP BY place.value
    UNION ALL SELECT 'indication', indication, sum(reports) FROM grouped GROUP BY indication
    UNION ALL SELECT 'verdict', verdict, sum(cases) FROM each_case GROUP BY verdict HAVING sum(cases) > 0
    UNION ALL SELECT 'outcome', outcome, sum(cases) FROM each_case GROUP BY outcome HAVING sum(cases) > 0
    UNION ALL SELECT 'source', source, sum(reports) FROM grouped GROUP BY source`.execute(db);
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
