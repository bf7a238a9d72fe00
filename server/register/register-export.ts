import { listRegisterReports, type RegisterReport } from '../../db/queries/register.js';
import { audit } from '../audit/audit.js';
import type { StatisticsQuery } from '../cases/schema/statistics.js';
import { statisticsPeriod, statisticsRange } from '../cases/statistics.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { loadOnce } from '../load-once.js';
import { daysBetween, dayOfStored, localDay } from '../schools/school-days.js';
import { INDICATION_LABELS, KIND_LABELS, labelsOf, PLACE_LABELS, PLATFORM_LABELS, SOURCE_LABELS, STATUS_LABELS } from '../shared/labels.js';
import { CLOSE_LABELS, type CloseOutcome } from '../shared/protocol.js';
import { KINDS, PLACES, PLATFORMS, REPORT_SOURCES } from '../shared/report-options.js';
import type { StaffPrincipal } from '../staff-auth/staff-identity.js';

const loadCsvWriter = loadOnce(() => import('csv-stringify/sync'));

// The school's register for the MR, the annual report and the Inspectie: one row per case with
// codes and day counts only. No name, no address, no typed word of anyone leaves in it: every
// column is a label from a fixed list, a month or a number.
//
// Only the directeur downloads it. The register leaves the school, and the directeur answers for
// what goes to the MR and the Inspectie; the anti-pestcoördinator already sees every case and the
// Cijfers page, and a bulk download in fewer hands is less to lose. Reports for the
// vertrouwenspersoon only are not in it: the directeur may not know that they exist.
//
// A case is the reports staff linked into one (or one report alone), counted over the reports
// received in the period, exactly as Cijfers and the board's figures count cases: a case whose
// reports came in on both sides of the period's edge is in both periods' registers, each time with
// the reports of that period, so the rows of a period add up to that period's Cijfers.

/**
 * Dutch Excel opens a file with a double click only when it is UTF-8 with a byte order mark
 * (otherwise "ë" breaks) and separated by ";" (its list separator under Dutch regional settings,
 * where "," is the decimal sign).
 */
export const REGISTER_CSV = { bom: true, delimiter: ';' } as const;

/** One column per way a report came in, with how many of the case's reports came that way. */
const SOURCE_HEADERS = REPORT_SOURCES.map((source) => `bron: ${SOURCE_LABELS[source]!.toLowerCase()}`);

const REGISTER_HEADER = [
  'maand',
  'aantal meldingen',
  ...SOURCE_HEADERS,
  'soort',
  'plaats',
  'online platform',
  'indicatie uit de antwoorden',
  'oordeel van de school',
  'protocolstappen bereikt',
  'uitkomst',
  'dagen tot eerste keer geopend',
  'dagen tot afsluiten',
];

/** The reports of one case in the period, oldest first. */
type RegisterCase = [RegisterReport, ...RegisterReport[]];

const list = (json: string): string[] => JSON.parse(json) as string[];
const daysFrom = (from: string, stored: string | null): number | '' => (stored === null ? '' : daysBetween(from, dayOfStored(stored)).length - 1);

/**
 * Every value any report of the case gave, each once, in the form's order (unknown stored values
 * after): five pupils who report one incident may each name a different place, and the register
 * shows the incident had all of them, whichever report happens to hold the case.
 */
function distinctValues(reports: readonly RegisterReport[], values: (report: RegisterReport) => readonly string[], known: readonly string[]): string[] {
  const given = new Set(reports.flatMap(values));
  return [...known.filter((value) => given.delete(value)), ...given];
}

function outcome(report: RegisterReport): string {
  if (report.status !== 'closed') return STATUS_LABELS[report.status] ?? report.status;
  return report.closed_as ? (CLOSE_LABELS[report.closed_as as CloseOutcome] ?? report.closed_as) : STATUS_LABELS.closed!;
}

/** The reports grouped per case, in the order the cases' first reports came in. */
function groupCases(reports: readonly RegisterReport[]): RegisterCase[] {
  const byCase = new Map<number, RegisterReport[]>();
  const sorted = [...reports].sort((a, b) => dayOfStored(a.received_at).localeCompare(dayOfStored(b.received_at)) || a.received_at.localeCompare(b.received_at));
  for (const report of sorted) {
    const group = byCase.get(report.case_key);
    if (group) group.push(report);
    else byCase.set(report.case_key, [report]);
  }
  return [...byCase.values()] as RegisterCase[];
}

function registerLine(reports: RegisterCase): Array<string | number> {
  const [first] = reports;
  // The case's columns are the same on every report of it; the holder's copy is the one staff change.
  const record = reports.find((report) => report.id === report.case_key) ?? first;
  const received = dayOfStored(first.received_at);
  const openings = reports.map((report) => report.opened_at).filter((at): at is string => at !== null).sort();
  const platforms = distinctValues(reports, (report) => list(report.platforms), PLATFORMS);
  const indications = distinctValues(reports, (report) => (report.indication ? [report.indication] : []), Object.keys(INDICATION_LABELS));
  return [
    received.slice(0, 7),
    reports.length,
    ...REPORT_SOURCES.map((source) => reports.filter((report) => report.source === source).length),
    labelsOf(KIND_LABELS, distinctValues(reports, (report) => list(report.kinds), KINDS)),
    labelsOf(PLACE_LABELS, distinctValues(reports, (report) => list(report.places), PLACES)),
    platforms.length === 0 ? '' : labelsOf(PLATFORM_LABELS, platforms),
    indications.length === 0 ? '' : labelsOf(INDICATION_LABELS, indications),
    record.staff_indication ? (INDICATION_LABELS[record.staff_indication] ?? record.staff_indication) : '',
    list(record.steps).join(', '),
    outcome(record),
    daysFrom(received, openings[0] ?? null),
    daysFrom(received, record.closed_at),
  ];
}

/** The register of the session's school for a period (default: the current school year), as CSV text. */
export async function exportRegister(context: AppContext, principal: StaffPrincipal, query: StatisticsQuery): Promise<{ csv: string; filename: string }> {
  if (!principal.member.roles.includes('directeur')) {
    throw new AppError('forbidden', 'Alleen de directeur kan het register downloaden.');
  }
  const now = context.now();
  const { from, to } = statisticsPeriod(query, localDay(now));
  const school = principal.school.slug;
  const reports = await listRegisterReports(context.db, school, statisticsRange(from, to));
  const cases = groupCases(reports);
  const { stringify } = await loadCsvWriter();
  const csv = stringify([REGISTER_HEADER, ...cases.map(registerLine)], REGISTER_CSV);
  await audit(context.db, {
    school,
    member: principal.member,
    action: 'register.export',
    detail: `${from} t/m ${to}, ${cases.length} zaken, ${reports.length} meldingen`,
    at: now,
  });
  return { csv, filename: `register-${school}-${from}-${to}.csv` };
}
