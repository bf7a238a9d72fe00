import { countSchoolReports, listOpenings, type StatisticsRow } from '../../db/queries/statistics.js';
import { listSchoolRows } from '../../db/queries/schools.js';
import type { StatisticsQuery } from '../cases/schema/statistics.js';
import { counted, monthsOf, statisticsPeriod, statisticsRange } from '../cases/statistics.js';
import type { AppContext } from '../context.js';
import { daysBetween, dayOfStored, localDay } from '../schools/school-days.js';
import type { BoardFiguresResponse, BoardSchoolFigures, ShownCount } from '../shared/board-responses.js';
import { MIN_SHOWN_COUNT } from '../shared/limits.js';
import { KINDS } from '../shared/report-options.js';
import type { BoardAdminMember } from './board-admins.js';
import { auditBoard } from './board-audit.js';

/**
 * A count from 1 to MIN_SHOWN_COUNT - 1 leaves the server as "< 5": at a small school 1 or 2
 * points at a child. 0 stays 0: no child is behind it, and a chart of "< 5" months reads as reports.
 */
export function shownCount(reports: number): ShownCount {
  return reports > 0 && reports < MIN_SHOWN_COUNT ? `< ${MIN_SHOWN_COUNT}` : reports;
}

/** Whole calendar days from the day a report arrived to the day it was first opened. */
function daysToOpen(opening: { received_at: string; opened_at: string }): number {
  return daysBetween(dayOfStored(opening.received_at), localDay(new Date(opening.opened_at))).length - 1;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * The board's figures per school for a period (default: the current school year): reports, cases
 * (linked reports count once), per month, per kind, open and closed cases, and the median time to first opening. Reports for the
 * vertrouwenspersoon only are never counted here: a board admin or a colleague could match a
 * count to a month. No id, date or word of a report is read.
 */
export async function boardFigures(context: AppContext, actor: BoardAdminMember, query: StatisticsQuery): Promise<BoardFiguresResponse> {
  const now = context.now();
  const { from, to } = statisticsPeriod(query, localDay(now));
  const range = statisticsRange(from, to);
  const schools: BoardSchoolFigures[] = [];
  for (const school of await listSchoolRows(context.db)) {
    const rows = await countSchoolReports(context.db, school.slug, range, false);
    const of = (dimension: StatisticsRow['dimension']) => rows.filter((row) => row.dimension === dimension);
    const total = of('total')[0]?.reports ?? 0;
    const cases = of('cases')[0]?.reports ?? 0;
    const open = of('outcome').find((row) => row.key === 'open')?.reports ?? 0;
    const openings = (await listOpenings(context.db, school.slug, range)).map(daysToOpen);
    const shown = (list: Array<{ key: string; reports: number }>) => list.map(({ key, reports }) => ({ key, reports: shownCount(reports) }));
    schools.push({
      slug: school.slug,
      name: school.name,
      total: shownCount(total),
      cases: shownCount(cases),
      open: shownCount(open),
      closed: shownCount(cases - open),
      months: shown(counted(rows, 'month', monthsOf(from, to))),
      kinds: shown(counted(rows, 'kind', KINDS)),
      medianDaysToOpen: openings.length >= MIN_SHOWN_COUNT ? median(openings) : null,
    });
  }
  await auditBoard(context.db, { actor, action: 'board.figures.view', detail: `${from} t/m ${to}`, at: now });
  return { from, to, schools };
}
