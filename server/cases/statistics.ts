import { countSchoolReports, type StatisticsRange, type StatisticsRow } from '../../db/queries/statistics.js';
import { KINDS, PLACES, REPORT_SOURCES } from '../shared/report-options.js';
import type { AppContext } from '../context.js';
import { audit } from '../audit/audit.js';
import { requireWholeSchool } from './case-access.js';
import { CLOSE_OUTCOMES, STAFF_INDICATIONS } from '../shared/protocol.js';
import { localDay, nextDay, schoolMidnight, schoolYearOf } from '../schools/school-days.js';
import { canSeeConfidential, type StaffPrincipal } from '../staff-auth/staff-identity.js';
import type { StatisticsResponse } from '../shared/staff-responses.js';
import type { StatisticsQuery } from './schema/statistics.js';

export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    if (key > last) return months;
    months.push(key);
    month += 1;
    if (month === 13) [year, month] = [year + 1, 1];
  }
}

/** The period a Cijfers query asks for: either end may be left out, then the school year around the other (or today) fills it in. */
export function statisticsPeriod(query: StatisticsQuery, today: string): { from: string; to: string } {
  const around = schoolYearOf(query.from ?? query.to ?? today);
  const from = query.from ?? around.first;
  const to = query.to ?? (query.from ? schoolYearOf(query.from).last : around.last);
  return { from, to };
}

export function statisticsRange(from: string, to: string): StatisticsRange {
  return {
    fromDay: from,
    toDay: to,
    fromInstant: schoolMidnight(from),
    toInstant: schoolMidnight(nextDay(to)),
    // The first month may start before `from`; rows before `from` are not picked, so that is harmless.
    monthStarts: monthsOf(from, to).map((month) => ({ month, start: schoolMidnight(`${month}-01`) })),
  };
}

/** Known keys in their order (zeros included), then any other stored value, most reports first. */
export function counted(rows: StatisticsRow[], dimension: StatisticsRow['dimension'], known: readonly string[]) {
  const found = new Map(rows.filter((row) => row.dimension === dimension).map((row) => [row.key, row.reports]));
  const ordered = known.map((key) => ({ key, reports: found.get(key) ?? 0 }));
  const others = [...found]
    .filter(([key]) => !known.includes(key))
    .map(([key, reports]) => ({ key, reports }))
    .sort((a, b) => b.reports - a.reports || a.key.localeCompare(b.key));
  return [...ordered, ...others];
}

/**
 * Counts of the session's school for a range (default: the current school year); no id, date or word
 * of a report leaves this function. Reports for the vertrouwenspersoon only are counted for the VP
 * alone: at a small school a colleague could match a count to a month and learn that one exists.
 */
export async function readStatistics(context: AppContext, principal: StaffPrincipal, query: StatisticsQuery): Promise<StatisticsResponse> {
  requireWholeSchool(principal);
  const now = context.now();
  const { from, to } = statisticsPeriod(query, localDay(now));
  const school = principal.school.slug;
  const rows = await countSchoolReports(context.db, school, statisticsRange(from, to), canSeeConfidential(principal.member));
  await audit(context.db, { school, member: principal.member, action: 'statistics.view', detail: `${from} t/m ${to}`, at: now });
  const single = (dimension: StatisticsRow['dimension']) => rows.find((row) => row.dimension === dimension)?.reports ?? 0;
  return {
    from,
    to,
    total: single('total'),
    cases: single('cases'),
    urgent: single('urgent'),
    months: counted(rows, 'month', monthsOf(from, to)),
    kinds: counted(rows, 'kind', KINDS),
    places: counted(rows, 'place', PLACES),
    indications: counted(rows, 'indication', ['pesten', 'plagen', 'onduidelijk']),
    verdicts: counted(rows, 'verdict', [...STAFF_INDICATIONS, 'none']),
    outcomes: counted(rows, 'outcome', ['open', ...CLOSE_OUTCOMES]),
    sources: counted(rows, 'source', REPORT_SOURCES),
  };
}
