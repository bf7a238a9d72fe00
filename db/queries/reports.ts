import { randomInt } from 'node:crypto';
import { CompiledQuery, sql, type SqlBool } from 'kysely';
import type { NewOutboxMail, NewReport, Report, ReportUpdate } from '../schema.js';
import type { Db } from '../database.js';
import { dialectOf, jsonElements } from '../dialect.js';
import { openText, sealText } from '../case-crypto.js';
import { groupedTransaction, MAX_GROUP_SIZE } from '../group-commit.js';
import { isSerializationFailure, SERIALIZATION_ATTEMPTS, waitBeforeRetry } from '../transaction.js';
import { caseKeyOf, createCaseKey, deleteCaseKey, newCaseKeyRow } from './case-keys.js';
import { enqueueMails } from './outbox.js';

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

/** A new report as stored: its case number, and how many of its mails were stored with it. */
export interface WrittenReport {
  id: number;
  mailsQueued: number;
}

/** One try with one drawn number: stored with this many mails; the number was taken or retired (draw again); or nothing stored. */
type Attempt = { mailsQueued: number } | 'taken' | typeof SCHOOL_CHANGED;

export function drawReportId(): number {
  return randomInt(REPORT_ID_MIN, REPORT_ID_MAX + 1);
}

/**
 * Writes a new report with its case key and its mails; returns its case number and how many mails
 * were stored with it, or SCHOOL_CHANGED when the school's revision is no longer
 * `report.schoolRevision` (then nothing is written). `then` writes more in the report's own
 * transaction (its screenshots, a recorder's audit line), `alone` as groupedTransaction says, `draw`
 * as insertReport says.
 *
 * - On PostgreSQL a report with nothing more to write is part of ONE statement outside any
 *   transaction (insertReportsInOneStatement), with the other such reports handed in during the same
 *   turn of the event loop (ReportBatch): PostgreSQL runs a single statement atomically, all of it or
 *   none, and durably before it answers. SERIALIZABLE would guard nothing here: every write is an
 *   INSERT whose conflict the unique indexes decide (the case number's key and row; the outbox's ids
 *   come from its sequence), no trigger reacts to them (only the audit log and the schools have
 *   triggers), and what the statement reads (the schools' revisions, the retired numbers) it reads in
 *   its one snapshot, as a transaction that committed at that moment would. Left out are BEGIN and
 *   COMMIT, two of three round trips, and the reports of a turn share the third.
 * - With `then`, on PostgreSQL, the same statement for this report alone opens a transaction
 *   (runTransaction's) and `then` follows in it.
 * - On SQLite always a transaction, the group commit's: reports arriving together share one COMMIT,
 *   and a statement in the process costs microseconds, not a round trip.
 */
export async function writeNewReport(
  db: Db,
  report: NewReportWrite,
  more: { then?: ((trx: Db, id: number) => Promise<void>) | undefined; alone?: boolean; draw?: () => number } = {},
): Promise<WrittenReport | typeof SCHOOL_CHANGED> {
  const { then, draw = drawReportId } = more;
  if (!then && dialectOf(db) === 'postgres') return reportBatchOf(db).add(report, draw);
  return groupedTransaction(
    db,
    async (trx) => {
      const written = await insertReport(trx, report, draw);
      if (written !== SCHOOL_CHANGED) await then?.(trx, written.id);
      return written;
    },
    { alone: more.alone ?? false },
  );
}

/**
 * insertReport's work with one number after the other until one is free. `draw` picks a candidate
 * number; only tests give their own, to meet a taken or retired one on purpose.
 */
export async function insertReport(db: Db, report: NewReportWrite, draw: () => number = drawReportId): Promise<WrittenReport | typeof SCHOOL_CHANGED> {
  const postgres = dialectOf(db) === 'postgres';
  for (;;) {
    const id = draw();
    const attempt = postgres ? await insertAloneInOneStatement(db, id, report) : await insertReportInSteps(db, id, report);
    if (attempt === SCHOOL_CHANGED) return attempt;
    if (attempt !== 'taken') return { id, mailsQueued: attempt.mailsQueued };
  }
}

/**
 * PostgreSQL, one report: the key the statement wrote on a purged case's number is removed at once,
 * in the caller's transaction when there is one (a report with screenshots): should that fail, the
 * transaction and so the report fail with it, and nothing is stored.
 */
async function insertAloneInOneStatement(db: Db, id: number, report: NewReportWrite): Promise<Attempt> {
  const { attempts, strayKeys } = await insertReportsInOneStatement(db, [{ id, report }]);
  for (const stray of strayKeys) await deleteCaseKey(db, stray);
  return attempts[0]!;
}

/**
 * SQLite's first step of a report: whether its school's revision is still the one read, and whether
 * the drawn number was retired by a restore (it was in mails and links about a report the restore
 * lost). One statement, its text written once: Kysely's builder cost more CPU than running it
 * (2.6 µs as this text, 11 µs built; the two look-ups it replaces, 10 µs).
 */
const SCHOOL_CURRENT_AND_RETIRED =
  'select exists (select 1 from "school" where "slug" = ? and "revision" = ?) as "school_current", ' +
  'exists (select 1 from "retired_report_id" where "id" = ?) as "retired"';

/**
 * SQLite: a few statements in the caller's transaction, in the process; the school's revision is
 * checked in the look-up of the retired numbers, so it costs no statement of its own. The
 * transaction holds the write gate from its BEGIN, so no change to the school comes between this
 * check and the COMMIT.
 */
async function insertReportInSteps(db: Db, id: number, report: NewReportWrite): Promise<Attempt> {
  const { rows } = await db.executeQuery<{ school_current: number; retired: number }>(
    CompiledQuery.raw(SCHOOL_CURRENT_AND_RETIRED, [report.row.school, report.schoolRevision, id]),
  );
  if (!rows[0]!.school_current) return SCHOOL_CHANGED;
  if (rows[0]!.retired) return 'taken';
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
  const mails = report.mails(id);
  await enqueueMails(db, mails);
  return { mailsQueued: mails.length };
}

/** The outbox columns a new report's mails fill (server/notifications/outbox.ts outboxRows). */
const OUTBOX_COLUMNS = ['school', 'purpose', 'to_address', 'subject', 'text_body', 'html_body', 'message_id', 'priority', 'next_attempt_at', 'created_at', 'confidential'] as const;

/**
 * The text of insertReportsInOneStatement per set of report columns (a named report has one more
 * than an anonymous one): made once, not by the query builder on every report, which cost more CPU
 * than anything else in the statement. Its three parameters are JSON arrays: one item per report
 * (its number, school, the school's revision read, its wrapped key), the report rows, and the mails
 * (each with the number of its report); PostgreSQL turns each into rows of the table's own column
 * types (json_populate_recordset). So the text is the same for any number of reports and mails, and
 * PostgreSQL prepares it once (db/database.ts).
 */
const oneStatementTexts = new Map<string, string>();

function oneStatementText(columns: readonly string[]): string {
  const shape = columns.join(',');
  let text = oneStatementTexts.get(shape);
  if (text !== undefined) return text;
  const list = (names: readonly string[], table?: string) => names.map((name) => (table ? `${table}."${name}"` : `"${name}"`)).join(', ');
  text = [
    'with item as (select * from json_to_recordset($1::json) as item(id integer, school text, revision integer, master_key_id text, wrapped_key text)),',
    'current_item as (select item.* from item join "school" on "school"."slug" = item.school and "school"."revision" = item.revision),',
    'new_key as (insert into "case_key" ("report_id", "master_key_id", "wrapped_key") select id, master_key_id, wrapped_key from current_item',
    '  where not exists (select 1 from "retired_report_id" where "retired_report_id"."id" = current_item.id)',
    '  on conflict ("report_id") do nothing returning "report_id"),',
    `new_report as (insert into "report" ("id", ${list(columns)}) select row."id", ${list(columns, 'row')}`,
    '  from json_populate_recordset(null::"report", $2::json) as row join new_key on new_key."report_id" = row."id"',
    '  on conflict ("id") do nothing returning "id"),',
    `new_mails as (insert into "outbox" (${list(OUTBOX_COLUMNS)}) select ${list(OUTBOX_COLUMNS, 'mail')}`,
    '  from json_array_elements($3::json) as element cross join lateral json_populate_record(null::"outbox", element) as mail',
    '  where (element->>\'report_id\')::integer in (select "id" from new_report))',
    'select item.id, exists (select 1 from current_item where current_item.id = item.id) as "school_current",',
    '  exists (select 1 from new_key where new_key."report_id" = item.id) as "key_written",',
    '  exists (select 1 from new_report where new_report."id" = item.id) as "report_written"',
    'from item',
  ].join('\n');
  oneStatementTexts.set(shape, text);
  return text;
}

function columnsOf(row: Omit<NewReport, 'id'>): string[] {
  return (Object.keys(row) as Array<keyof typeof row>).filter((column) => row[column] !== undefined);
}

/**
 * PostgreSQL: for each report (of one set of columns, with different numbers) the school's check,
 * the case key, the retired numbers' check, the report row and its mails, in one statement
 * (data-modifying CTEs), so one round trip to the server. Nothing of a report is written unless its
 * school's revision is the one read; its key unless the number is retired or has a key; the report only
 * when its key was; the mails only with the report. Whether a number is taken is left to the unique
 * indexes (ON CONFLICT), never read with a query: in a SERIALIZABLE transaction (a report with
 * screenshots) such a read locks a page of the report's index, and reports arriving together then
 * fail each other (40001). A purged report's number has no key left, so there the key is written and
 * the report is not: that key is returned in `strayKeys`, for the caller to remove.
 */
async function insertReportsInOneStatement(
  db: Db,
  reports: ReadonlyArray<{ id: number; report: NewReportWrite }>,
): Promise<{ attempts: Attempt[]; strayKeys: number[] }> {
  const items: unknown[] = [];
  const rows: unknown[] = [];
  const mails: unknown[] = [];
  const mailCounts: number[] = [];
  for (const { id, report } of reports) {
    const { key, row: keyRow } = newCaseKeyRow(db, id);
    items.push({ id, school: report.row.school, revision: report.schoolRevision, master_key_id: keyRow.master_key_id, wrapped_key: keyRow.wrapped_key });
    rows.push({ ...report.row, ...sealReportContent(key, id, report.row), id });
    const reportMails = report.mails(id);
    for (const mail of reportMails) mails.push({ ...mail, report_id: id });
    mailCounts.push(reportMails.length);
  }
  const text = oneStatementText(columnsOf(reports[0]!.report.row));
  const result = await db.executeQuery<{ id: number; school_current: boolean; key_written: boolean; report_written: boolean }>(
    CompiledQuery.raw(text, [JSON.stringify(items), JSON.stringify(rows), JSON.stringify(mails)]),
  );
  const outcome = new Map(result.rows.map((written) => [written.id, written]));
  const attempts: Attempt[] = [];
  const strayKeys: number[] = [];
  for (const [n, { id }] of reports.entries()) {
    const written = outcome.get(id)!;
    if (!written.school_current) attempts.push(SCHOOL_CHANGED);
    // The statement stores every mail of a report it stores (new_mails).
    else if (written.report_written) attempts.push({ mailsQueued: mailCounts[n]! });
    else {
      if (written.key_written) strayKeys.push(id);
      attempts.push('taken');
    }
  }
  return { attempts, strayKeys };
}

/** SQLSTATE classes 22 (data exception) and 23 (integrity constraint violation): a row's values, refused before anything was stored. */
function isRefusedValue(error: unknown): boolean {
  const { code } = (error ?? {}) as { code?: unknown };
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}

interface PendingReport {
  report: NewReportWrite;
  draw: () => number;
  resolve: (written: WrittenReport | typeof SCHOOL_CHANGED) => void;
  reject: (error: unknown) => void;
}

const batches = new WeakMap<Db, ReportBatch>();

function reportBatchOf(db: Db): ReportBatch {
  let batch = batches.get(db);
  if (!batch) {
    batch = new ReportBatch(db);
    batches.set(db, batch);
  }
  return batch;
}

/**
 * PostgreSQL's group commit: the reports handed in during one turn of the event loop (setImmediate,
 * as db/group-commit.ts) go to the server in one statement (per set of columns, at most
 * MAX_GROUP_SIZE), which PostgreSQL commits once. Each statement leaves at once on a pooled
 * connection of its own, so batches run side by side. A promise settles once the statement is
 * committed. A statement that fails (PostgreSQL down) fails every report in it, none of which was
 * stored, unless PostgreSQL refused a value: then each is sent alone; or refused the statement for a
 * concurrent one or at its COMMIT (isSerializationFailure): then it is sent again, as runTransaction
 * runs a transaction again (at most SERIALIZATION_ATTEMPTS times, after the same random waits). Each report's school is checked on its own, and a report whose number was taken draws again
 * in the next turn's batch. The numbers of one statement are different from each other (a number
 * twice would give one report the other's key).
 */
class ReportBatch {
  private waiting = new Map<string, PendingReport[]>();
  private scheduled = false;

  constructor(private readonly db: Db) {}

  add(report: NewReportWrite, draw: () => number): Promise<WrittenReport | typeof SCHOOL_CHANGED> {
    return new Promise((resolve, reject) => {
      const shape = columnsOf(report.row).join(',');
      let pending = this.waiting.get(shape);
      if (!pending) {
        pending = [];
        this.waiting.set(shape, pending);
      }
      pending.push({ report, draw, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        const waiting = this.waiting;
        this.waiting = new Map();
        for (const group of waiting.values()) {
          for (let start = 0; start < group.length; start += MAX_GROUP_SIZE) void this.write(group.slice(start, start + MAX_GROUP_SIZE));
        }
      });
    });
  }

  private async write(group: PendingReport[], attempt = 1): Promise<void> {
    const numbers = new Set<number>();
    const reports = group.map(({ report, draw }) => {
      let id = draw();
      while (numbers.has(id)) id = draw();
      numbers.add(id);
      return { id, report };
    });
    let attempts: Attempt[];
    let strayKeys: number[];
    try {
      ({ attempts, strayKeys } = await insertReportsInOneStatement(this.db, reports));
    } catch (error) {
      // Refused at its implicit COMMIT (a deferred constraint, 40001) or in a deadlock (40P01):
      // nothing was stored, and the statement is sent again as runTransaction runs a transaction again.
      if (isSerializationFailure(error) && attempt < SERIALIZATION_ATTEMPTS) {
        await waitBeforeRetry(attempt);
        return this.write(group, attempt + 1);
      }
      // PostgreSQL refused a value (none was stored): each report alone, so only the one at fault
      // fails. Any other failure (the server gone, perhaps after its COMMIT) is not tried again here.
      if (group.length > 1 && isRefusedValue(error)) for (const pending of group) void this.write([pending]);
      else for (const pending of group) pending.reject(error);
      return;
    }
    for (const [n, pending] of group.entries()) {
      const attempt = attempts[n]!;
      if (attempt === 'taken') this.add(pending.report, pending.draw).then(pending.resolve, pending.reject);
      else pending.resolve(attempt === SCHOOL_CHANGED ? attempt : { id: reports[n]!.id, mailsQueued: attempt.mailsQueued });
    }
    // After the reports are answered, and whatever it meets: they are committed with their mails, and
    // an error now would make their reporters send them again. A key left behind is harmless: it was
    // made for this statement and seals nothing stored (the report row and mails sealed under it were
    // not written), and the purged case's old content was sealed under the key retention deleted. The
    // next maintenance round removes it (deleteKeysOfPurgedCases) and logs how many it found; the
    // likely cause, PostgreSQL out of reach, shows in the requests and on /healthz meanwhile.
    for (const stray of strayKeys) await deleteCaseKey(this.db, stray).catch(() => undefined);
  }
}

export async function findReportByReceiptHash(db: Db, receiptHash: string): Promise<Report | undefined> {
  return openReport(db, await db.selectFrom('report').selectAll().where('receipt_hash', '=', receiptHash).executeTakeFirst());
}

/**
 * Who hears of the case now (its `recipients`: the vertrouwenspersoon may have shared it since it was
 * read), or undefined when retention deleted its content (or there is no such case).
 */
export async function liveReportRecipients(db: Db, id: number): Promise<string | undefined> {
  const row = await db.selectFrom('report').select(['purged_at', 'recipients']).where('id', '=', id).executeTakeFirst();
  return row && row.purged_at === null ? row.recipients : undefined;
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
  /** Only open cases whose day to look back is this day (YYYY-MM-DD) or before. */
  followUpDueBy?: string | undefined;
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
  if (filters.followUpDueBy) query = query.where('follow_up_on', '<=', filters.followUpDueBy).where('status', '!=', 'closed');
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
      'follow_up_on',
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
  column: 'ib_informed_at' | 'first_reminder_at' | 'director_reminder_at' | 'follow_up_mailed_at',
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

/** Open cases whose day to look back has come (`today` or before) and whose handler was not mailed yet; holders only. */
export async function listFollowUpsDue(db: Db, today: string) {
  return db
    .selectFrom('report')
    .select(['id', 'school', 'recipients', 'assignee_email', 'follow_up_on'])
    .where('follow_up_on', 'is not', null)
    .where('follow_up_on', '<=', today)
    .where('follow_up_mailed_at', 'is', null)
    .where('status', '!=', 'closed')
    .where('purged_at', 'is', null)
    .where('case_of', 'is', null)
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

export type RetentionCandidate = Awaited<ReturnType<typeof listClosedUnpurged>>[number];

/**
 * True while the case is as listClosedUnpurged found it: still closed, closed at the same moment, no
 * newer input from its reporter, neither purged nor warned since. Retention decides on that list and
 * then writes each case in a transaction of its own, which asks this first: a case reopened or
 * answered meanwhile keeps its content, and a run beside another (a job lock lost with its
 * connection) neither purges nor warns a second time. On PostgreSQL the transaction is SERIALIZABLE,
 * so a change committed after this read makes one of the two run again.
 */
export async function isRetentionCandidateUnchanged(db: Db, listed: RetentionCandidate): Promise<boolean> {
  const row = await db
    .selectFrom('report')
    .select(['status', 'closed_at', 'last_reporter_activity_at', 'retention_warned_at', 'purged_at'])
    .where('id', '=', listed.id)
    .executeTakeFirst();
  return (
    row !== undefined &&
    row.status === 'closed' &&
    row.purged_at === null &&
    row.closed_at === listed.closed_at &&
    row.last_reporter_activity_at === listed.last_reporter_activity_at &&
    row.retention_warned_at === listed.retention_warned_at
  );
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
