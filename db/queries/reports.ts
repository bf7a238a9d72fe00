import { randomInt } from 'node:crypto';
import { CompiledQuery, sql, type SqlBool } from 'kysely';
import type { NewOutboxMail, NewReport, Report, ReportUpdate } from '../schema.js';
import type { Db } from '../database.js';
import { dialectOf, jsonElements } from '../dialect.js';
import { openText, sealText } from '../case-crypto.js';
import { groupedTransaction } from '../group-commit.js';
import { caseKeyOf, createCaseKey, deleteCaseKey, newCaseKeyRow } from './case-keys.js';
import { enqueueMails } from './outbox.js';
import { schoolHasRevision } from './schools.js';

/** The report's own free text (db/case-crypto.ts): sealed under the case key, never stored plain. */
type ReportContent = Pick<Report, 'description' | 'reporter_name' | 'reporter_email' | 'target' | 'perpetrators'>;

/** Exported for the benchmark of encryption's cost (test/bench/encryption-cost.ts). */
export function sealReportContent(key: Buffer, id: number, report: Partial<ReportContent>): Partial<ReportContent> {
  const sealed = (value: string | null | undefined, field: Parameters<typeof sealText>[2]) => sealText(key, id, field, value ?? null);
  return {
    description: sealed(report.description, 'report.description'),
    reporter_name: sealed(report.reporter_name, 'report.reporter_name'),
    reporter_email: sealed(report.reporter_email, 'report.reporter_email'),
    target: sealed(report.target, 'report.target'),
    perpetrators: sealed(report.perpetrators, 'report.perpetrators'),
  };
}

/** A report row with its content opened; a purged case (no key, no content) comes back as it is. */
export async function openReport(db: Db, report: Report | undefined): Promise<Report | undefined> {
  if (!report) return undefined;
  const { id } = report;
  const fields = [report.description, report.reporter_name, report.reporter_email, report.target, report.perpetrators];
  if (fields.every((value) => value === null)) return report;
  const key = await caseKeyOf(db, id);
  return {
    ...report,
    description: openText(key, id, 'report.description', report.description),
    reporter_name: openText(key, id, 'report.reporter_name', report.reporter_name),
    reporter_email: openText(key, id, 'report.reporter_email', report.reporter_email),
    target: openText(key, id, 'report.target', report.target),
    perpetrators: openText(key, id, 'report.perpetrators', report.perpetrators),
  };
}

/**
 * A case's number is drawn at random from nine digits rather than counted: numbers that grow with
 * arrival would show a colleague the gaps left by reports for the vertrouwenspersoon only, and place
 * an anonymous report between two named ones whose times are known. Nine digits fit any integer
 * column and can be read out on the phone; at 100,000 cases one draw in 9,000 meets a taken number
 * and draws again. A number issued after a backup that was restored is retired (server/restore.ts)
 * and drawn again too, so an old link never opens another child's report.
 */
export const REPORT_ID_MIN = 100_000_000;
export const REPORT_ID_MAX = 999_999_999;

/** A new report's write: its row, and the new-report mails that are stored with it or not at all. */
export interface NewReportWrite {
  row: Omit<NewReport, 'id'>;
  /** The revision (0033) of the report's school when its contacts, the mails' addresses, were read. */
  schoolRevision: number;
  /**
   * The mails about case `id` (their link names it), made anew for every number drawn. Their
   * columns OUTBOX_COLUMNS are written; the others take their defaults (attempts 0, not sent).
   */
  mails: (id: number) => readonly NewOutboxMail[];
}

/** What insertReport returns when it wrote nothing because the school or its contacts changed since they were read. */
export const SCHOOL_CHANGED = 'school-changed';

/** One try with one drawn number: stored; the number was taken or retired (draw again); or nothing stored. */
type Attempt = 'written' | 'taken' | typeof SCHOOL_CHANGED;

export function drawReportId(): number {
  return randomInt(REPORT_ID_MIN, REPORT_ID_MAX + 1);
}

/**
 * Writes a new report with its case key and its mails; returns its case number, or SCHOOL_CHANGED
 * when the school's revision is no longer `report.schoolRevision` (then nothing is written). `then`
 * writes more in the report's own transaction (its screenshots, a recorder's audit line), `alone`
 * as groupedTransaction says.
 *
 * - On PostgreSQL a report with nothing more to write is ONE statement (insertReportInOneStatement)
 *   outside any transaction: PostgreSQL runs a single statement atomically, all of it or none, and
 *   durably before it answers. SERIALIZABLE would guard nothing here: every write is an INSERT whose
 *   conflict the unique indexes decide (the case number's key and row; the outbox's ids come from
 *   its sequence), no trigger reacts to them (only the audit log and the schools have triggers), and
 *   what the statement reads (the school's revision, the retired numbers) it reads in its one
 *   snapshot, as a transaction that committed at that moment would. Left out are BEGIN and COMMIT:
 *   two of the three round trips to the server.
 * - With `then`, on PostgreSQL, the same statement opens a transaction (runTransaction's) and `then`
 *   follows in it.
 * - On SQLite always a transaction, the group commit's: reports arriving together share one COMMIT,
 *   and a statement in the process costs microseconds, not a round trip.
 */
export async function writeNewReport(
  db: Db,
  report: NewReportWrite,
  more: { then?: ((trx: Db, id: number) => Promise<void>) | undefined; alone?: boolean } = {},
): Promise<number | typeof SCHOOL_CHANGED> {
  const { then } = more;
  if (!then && dialectOf(db) === 'postgres') return insertReport(db, report);
  return groupedTransaction(
    db,
    async (trx) => {
      const id = await insertReport(trx, report);
      if (id !== SCHOOL_CHANGED) await then?.(trx, id);
      return id;
    },
    { alone: more.alone ?? false },
  );
}

/**
 * insertReport's work with one number after the other until one is free. `draw` picks a candidate
 * number; only tests give their own, to meet a taken or retired one on purpose.
 */
export async function insertReport(db: Db, report: NewReportWrite, draw: () => number = drawReportId): Promise<number | typeof SCHOOL_CHANGED> {
  const postgres = dialectOf(db) === 'postgres';
  for (;;) {
    const id = draw();
    const attempt = postgres ? await insertReportInOneStatement(db, id, report) : await insertReportInSteps(db, id, report);
    if (attempt === 'written') return id;
    if (attempt === SCHOOL_CHANGED) return attempt;
  }
}

/** SQLite: a few statements in the caller's transaction (microseconds each, in the process). */
async function insertReportInSteps(db: Db, id: number, report: NewReportWrite): Promise<Attempt> {
  if (!(await schoolHasRevision(db, report.row.school, report.schoolRevision))) return SCHOOL_CHANGED;
  // A number a restore retired was in mails and links about a report the restore lost.
  if (await db.selectFrom('retired_report_id').select('id').where('id', '=', id).executeTakeFirst()) return 'taken';
  // The key first (its primary key is the case number too): a taken number fails there and is drawn again.
  const key = await createCaseKey(db, id);
  if (!key) return 'taken';
  const row = await db
    .insertInto('report')
    .values({ ...report.row, ...sealReportContent(key, id, report.row), id })
    .onConflict((conflict) => conflict.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row) {
    await deleteCaseKey(db, id);
    return 'taken';
  }
  await enqueueMails(db, report.mails(id));
  return 'written';
}

/** The outbox columns a new report's mails fill (server/notifications/outbox.ts outboxRows). */
const OUTBOX_COLUMNS = ['school', 'purpose', 'to_address', 'subject', 'text_body', 'html_body', 'message_id', 'priority', 'next_attempt_at', 'created_at'] as const;

/**
 * The text of insertReportInOneStatement per set of report columns (a named report has one more than
 * an anonymous one): made once, not by the query builder on every report, which cost more CPU than
 * anything else in the statement. Parameters: $1 the school, $2 its revision, $3 the case number,
 * $4 and $5 the wrapped key, then the report's columns, then one array per outbox column (one row
 * per element: one text whatever the number of mails, so PostgreSQL prepares it once).
 */
const oneStatementTexts = new Map<string, string>();

function oneStatementText(columns: readonly string[]): string {
  const shape = columns.join(',');
  let text = oneStatementTexts.get(shape);
  if (text !== undefined) return text;
  const name = (column: string) => `"${column}"`;
  const reportValues = columns.map((_, n) => `$${n + 6}`);
  const mailArrays = OUTBOX_COLUMNS.map((column, n) => `$${n + 6 + columns.length}::${column === 'priority' ? 'integer' : 'text'}[]`);
  const mailColumns = OUTBOX_COLUMNS.map(name).join(', ');
  text = [
    'with current_school as (select 1 from "school" where "slug" = $1 and "revision" = $2),',
    'new_key as (insert into "case_key" ("report_id", "master_key_id", "wrapped_key") select $3, $4, $5',
    '  where exists (select 1 from current_school) and not exists (select 1 from "retired_report_id" where "id" = $3)',
    '  on conflict ("report_id") do nothing returning "report_id"),',
    `new_report as (insert into "report" ("id", ${columns.map(name).join(', ')}) select "report_id", ${reportValues.join(', ')} from new_key`,
    '  on conflict ("id") do nothing returning "id"),',
    `new_mails as (insert into "outbox" (${mailColumns}) select mail.* from new_report, unnest(${mailArrays.join(', ')}) as mail(${mailColumns}))`,
    'select exists (select 1 from current_school) as "school_current", exists (select 1 from new_key) as "key_written",',
    '  exists (select 1 from new_report) as "report_written"',
  ].join('\n');
  oneStatementTexts.set(shape, text);
  return text;
}

/**
 * PostgreSQL: the school's check, the case key, the retired numbers' check, the report row and its
 * mails in one statement (data-modifying CTEs), so one round trip to the server. Nothing is written
 * unless the school's revision is the one read; the key unless the number is retired or has a key; the
 * report only when its key was; the mails only with the report. Whether a number is taken is left to
 * the unique indexes (ON CONFLICT), never read with a query: in a SERIALIZABLE transaction (a report
 * with screenshots) such a read locks a page of the report's index, and reports arriving together then
 * fail each other (40001). A purged report's number has no key left, so there the key is written and
 * the report is not: that key is removed again.
 */
async function insertReportInOneStatement(db: Db, id: number, report: NewReportWrite): Promise<Attempt> {
  const { key, row: keyRow } = newCaseKeyRow(db, id);
  const row: Omit<NewReport, 'id'> = { ...report.row, ...sealReportContent(key, id, report.row) };
  const columns = (Object.keys(row) as Array<keyof typeof row>).filter((column) => row[column] !== undefined);
  const mails = report.mails(id);
  const parameters = [
    report.row.school,
    report.schoolRevision,
    id,
    keyRow.master_key_id,
    keyRow.wrapped_key,
    ...columns.map((column) => row[column]),
    ...OUTBOX_COLUMNS.map((column) => mails.map((mail) => mail[column] ?? null)),
  ];
  const result = await db.executeQuery<{ school_current: boolean; key_written: boolean; report_written: boolean }>(
    CompiledQuery.raw(oneStatementText(columns), parameters),
  );
  const written = result.rows[0]!;
  if (!written.school_current) return SCHOOL_CHANGED;
  if (written.report_written) return 'written';
  if (written.key_written) await deleteCaseKey(db, id);
  return 'taken';
}

export async function findReportByReceiptHash(db: Db, receiptHash: string): Promise<Report | undefined> {
  return openReport(db, await db.selectFrom('report').selectAll().where('receipt_hash', '=', receiptHash).executeTakeFirst());
}

/** The reporter answered: retention counts from now, and the inbox marks the case until its handler looks. */
export async function recordReporterActivity(db: Db, id: number, at: string): Promise<void> {
  await db.updateTable('report').set({ last_reporter_activity_at: at, reporter_answer_unseen: 1 }).where('id', '=', id).execute();
}

/** The handler has seen the reporter's answers (see openCase for who counts as the handler). */
export async function markReporterAnswerSeen(db: Db, id: number): Promise<void> {
  await db.updateTable('report').set({ reporter_answer_unseen: 0 }).where('id', '=', id).where('reporter_answer_unseen', '=', 1).execute();
}

export interface InboxFilters {
  status?: string | undefined;
  /** A protocol step, or 'none' for cases without any step yet. */
  step?: string | undefined;
  kind?: string | undefined;
  place?: string | undefined;
  /** First and last day (YYYY-MM-DD) of received_at, both included. */
  from?: string | undefined;
  to?: string | undefined;
  /** Staff's own judgement when given, otherwise the one computed from the reporter's answers. */
  indication?: string | undefined;
  unread?: boolean | undefined;
}

export interface Visibility {
  school: string;
  /** Reports meant for the vertrouwenspersoon only are left out unless this is true. */
  includeConfidential: boolean;
  /** False for someone who sees only the cases given to them (the aandachtsfunctionaris). */
  wholeSchool: boolean;
  /** Cases marked for the Meldcode are in, whoever they were meant for (the aandachtsfunctionaris). */
  includeMeldcode: boolean;
}

function visibleReports(db: Db, visibility: Visibility) {
  const query = db.selectFrom('report').where('school', '=', visibility.school).where('purged_at', 'is', null);
  if (visibility.wholeSchool && visibility.includeConfidential) return query;
  return query.where((eb) => {
    const seen = [];
    if (visibility.wholeSchool) seen.push(eb('recipients', '!=', 'vertrouwenspersoon'));
    if (visibility.includeMeldcode) seen.push(eb('meldcode_at', 'is not', null));
    // Neither: nothing (Kysely writes an empty OR as 1 = 0).
    return eb.or(seen);
  });
}

/**
 * Where the previous page ended: urgent reports first, then the newest day first, and within a day by
 * the random case number, since an anonymous report keeps no time to order by (and its place among
 * named reports of that day would tell it).
 */
export interface InboxCursor {
  urgent: number;
  day: string;
  id: number;
}

/** One page of the inbox: urgent reports first, each group newest first, after the keyset cursor. */
export async function listInboxReports(
  db: Db,
  visibility: Visibility,
  filters: InboxFilters,
  page: { after?: InboxCursor | undefined; limit: number },
) {
  let query = visibleReports(db, visibility);
  if (filters.status) query = query.where('status', '=', filters.status);
  if (filters.step === 'none') query = query.where('case_step', 'is', null);
  else if (filters.step) query = query.where('case_step', '=', filters.step);
  if (filters.kind) {
    const kinds = jsonElements(db, sql.ref('report.kinds'), 'kind');
    query = query.where(sql<SqlBool>`exists (select 1 from ${kinds} where kind.value = ${filters.kind})`);
  }
  if (filters.place) {
    const places = jsonElements(db, sql.ref('report.places'), 'place');
    query = query.where(sql<SqlBool>`exists (select 1 from ${places} where place.value = ${filters.place})`);
  }
  if (filters.from) query = query.where('received_day', '>=', filters.from);
  if (filters.to) query = query.where('received_day', '<=', filters.to);
  if (filters.indication) {
    query = query.where(sql<SqlBool>`coalesce(report.staff_indication, report.indication) = ${filters.indication}`);
  }
  if (filters.unread) query = query.where('opened_at', 'is', null);
  // A linked case shows once: on the row of the report that holds it.
  query = query.where('case_of', 'is', null);
  const after = page.after;
  if (after) {
    // One row-value comparison rather than the same as three ORs: both backends start the index scan at the cursor.
    query = query.where((eb) => eb(eb.refTuple('urgent', 'received_day', 'id'), '<', eb.tuple(after.urgent, after.day, after.id)));
  }
  return query
    .select([
      'id',
      'urgent',
      'received_at',
      'kinds',
      'places',
      'indication',
      'staff_indication',
      'case_step',
      'status',
      'opened_at',
      'recipients',
      'assignee_email',
      'role',
      'anonymous',
      'reporter_answer_unseen',
    ])
    .select((eb) =>
      eb
        .selectFrom('screenshot')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .whereRef('screenshot.report_id', '=', 'report.id')
        .as('screenshot_count'),
    )
    .select('received_day')
    .orderBy('urgent', 'desc')
    .orderBy('received_day', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .execute();
}

/** Reports nobody at the school has opened yet. */
export async function countUnopenedReports(db: Db, visibility: Visibility): Promise<number> {
  const row = await visibleReports(db, visibility)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('opened_at', 'is', null)
    .where('status', '!=', 'closed')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** A report of this school, or nothing: another school's id looks exactly like a missing one. */
export async function findSchoolReport(db: Db, school: string, id: number): Promise<Report | undefined> {
  return openReport(db, await db.selectFrom('report').selectAll().where('id', '=', id).where('school', '=', school).executeTakeFirst());
}

/** The first time anyone at the school opens a report: it stops being new and stops counting as unread. */
export async function markReportOpened(db: Db, id: number, at: string): Promise<void> {
  await db.updateTable('report').set({ opened_at: at }).where('id', '=', id).where('opened_at', 'is', null).execute();
  await db.updateTable('report').set({ status: 'open' }).where('id', '=', id).where('status', '=', 'new').execute();
}

export async function updateCase(db: Db, id: number, changes: ReportUpdate): Promise<void> {
  await db.updateTable('report').set(changes).where('id', '=', id).execute();
}

/** Sets a one-time marker (IB informed, reminders); true only for the call that set it. */
export async function setMarkerOnce(
  db: Db,
  id: number,
  column: 'ib_informed_at' | 'first_reminder_at' | 'director_reminder_at',
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('report')
    .set({ [column]: at })
    .where('id', '=', id)
    .where(column, 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Open reports nobody has opened and that still lack a reminder. */
export async function listUnopenedForReminders(db: Db) {
  return db
    .selectFrom('report')
    .select(['id', 'school', 'recipients', 'received_at', 'first_reminder_at', 'director_reminder_at'])
    .where('opened_at', 'is', null)
    .where('status', '!=', 'closed')
    .where('purged_at', 'is', null)
    .where((eb) => eb.or([eb('first_reminder_at', 'is', null), eb('director_reminder_at', 'is', null)]))
    .orderBy('id')
    .execute();
}

/** Closed cases not yet cleared, closed before `closedBefore` (ISO): candidates for retention. */
export async function listClosedUnpurged(db: Db, closedBefore: string) {
  return db
    .selectFrom('report')
    .select(['id', 'school', 'closed_at', 'last_reporter_activity_at', 'assignee_email', 'recipients', 'retention_warned_at'])
    .where('status', '=', 'closed')
    .where('purged_at', 'is', null)
    .where('closed_at', '<', closedBefore)
    .orderBy('id')
    .execute();
}

/** Notes that the handler was warned of the coming deletion. */
export async function setRetentionWarned(db: Db, id: number, at: string): Promise<void> {
  await db.updateTable('report').set({ retention_warned_at: at }).where('id', '=', id).execute();
}

/**
 * Deletes everything a person wrote or could be recognised by, and keeps what the school's counts
 * need: school, kinds, places, indication, day of arrival, status and outcome. The case key goes
 * first: every copy of the sealed content (WAL, replica, backup) is unreadable without it. With
 * secure_delete=ON, SQLite zeroes the freed bytes as well. Run inside a transaction.
 */
export async function purgeReportContent(db: Db, id: number, at: string): Promise<void> {
  await deleteCaseKey(db, id);
  await db.deleteFrom('screenshot').where('report_id', '=', id).execute();
  await db.deleteFrom('message').where('report_id', '=', id).execute();
  await db.deleteFrom('case_note').where('report_id', '=', id).execute();
  await db.deleteFrom('case_checklist_tick').where('report_id', '=', id).execute();
  await db.updateTable('case_step').set({ note: null }).where('report_id', '=', id).execute();
  await db.updateTable('case_meldcode_entry').set({ note: null }).where('report_id', '=', id).execute();
  await db
    .updateTable('report')
    .set((eb) => ({
      description: null,
      reporter_name: null,
      reporter_group: null,
      reporter_email: null,
      target: null,
      perpetrators: null,
      signals: '[]',
      assignee_email: null,
      indication_by: null,
      received_at: eb.fn<string>('substr', [eb.ref('received_at'), eb.val(1), eb.val(10)]),
      last_reporter_activity_at: null,
      reporter_answer_unseen: 0,
      purged_at: at,
    }))
    .where('id', '=', id)
    .execute();
}

/** The open cases (not closed) at a school whose handler is this lower-case address, and whether any is for the VP only. */
export async function countOpenCasesOf(db: Db, school: string, email: string): Promise<{ open: number; confidential: number }> {
  const row = await db
    .selectFrom('report')
    .select((eb) => [
      eb.fn.countAll<number>().as('open'),
      eb.fn.sum<number>(eb.case().when('recipients', '=', 'vertrouwenspersoon').then(1).else(0).end()).as('confidential'),
    ])
    .where('school', '=', school)
    .where('assignee_email', '=', email)
    .where('status', '!=', 'closed')
    .executeTakeFirstOrThrow();
  return { open: Number(row.open), confidential: Number(row.confidential ?? 0) };
}

/**
 * Hands the open cases of one handler at a school to another; returns how many. `confidential`:
 * only those for the vertrouwenspersoon only (a handler who stops being the VP keeps the others).
 */
export async function handOverOpenCases(db: Db, school: string, from: string, to: string, which: 'all' | 'confidential' = 'all'): Promise<number> {
  let query = db
    .updateTable('report')
    .set({ assignee_email: to })
    .where('school', '=', school)
    .where('assignee_email', '=', from)
    .where('status', '!=', 'closed');
  if (which === 'confidential') query = query.where('recipients', '=', 'vertrouwenspersoon');
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
