import { listRegisterRows, type RegisterRow } from '../../db/queries/register.js';
import { audit } from '../audit/audit.js';
import type { StatisticsQuery } from '../cases/schema/statistics.js';
import { statisticsPeriod, statisticsRange } from '../cases/statistics.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { loadOnce } from '../load-once.js';
import { daysBetween, dayOfStored, localDay } from '../schools/school-days.js';
import { INDICATION_LABELS, KIND_LABELS, labelsOf, PLACE_LABELS, PLATFORM_LABELS, STATUS_LABELS } from '../shared/labels.js';
import { CLOSE_LABELS, type CloseOutcome } from '../shared/protocol.js';
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

/**
 * Dutch Excel opens a file with a double click only when it is UTF-8 with a byte order mark
 * (otherwise "ë" breaks) and separated by ";" (its list separator under Dutch regional settings,
 * where "," is the decimal sign).
 */
export const REGISTER_CSV = { bom: true, delimiter: ';' } as const;

const HEADER = [
  'maand',
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

const list = (json: string): string[] => JSON.parse(json) as string[];
const daysFrom = (from: string, stored: string | null): number | '' => (stored === null ? '' : daysBetween(from, dayOfStored(stored)).length - 1);

function outcome(row: RegisterRow): string {
  if (row.status !== 'closed') return STATUS_LABELS[row.status] ?? row.status;
  return row.closed_as ? (CLOSE_LABELS[row.closed_as as CloseOutcome] ?? row.closed_as) : STATUS_LABELS.closed!;
}

function registerLine(row: RegisterRow): Array<string | number> {
  const received = dayOfStored(row.received_at);
  const platforms = list(row.platforms);
  return [
    received.slice(0, 7),
    labelsOf(KIND_LABELS, list(row.kinds)),
    labelsOf(PLACE_LABELS, list(row.places)),
    platforms.length === 0 ? '' : labelsOf(PLATFORM_LABELS, platforms),
    row.indication ? (INDICATION_LABELS[row.indication] ?? row.indication) : '',
    row.staff_indication ? (INDICATION_LABELS[row.staff_indication] ?? row.staff_indication) : '',
    list(row.steps).join(', '),
    outcome(row),
    daysFrom(received, row.opened_at),
    daysFrom(received, row.closed_at),
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
  const rows = await listRegisterRows(context.db, school, statisticsRange(from, to));
  const { stringify } = await loadCsvWriter();
  const csv = stringify([HEADER, ...rows.map(registerLine)], REGISTER_CSV);
  await audit(context.db, { school, member: principal.member, action: 'register.export', detail: `${from} t/m ${to}, ${rows.length} meldingen`, at: now });
  return { csv, filename: `register-${school}-${from}-${to}.csv` };
}
