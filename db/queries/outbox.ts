import { sql, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { Database, NewOutboxMail, OutboxMail } from '../schema.js';
import type { Db } from '../database.js';
import { dialectOf } from '../dialect.js';
import { runTransaction } from '../transaction.js';

export async function enqueueMails(db: Db, mails: readonly NewOutboxMail[]): Promise<void> {
  if (mails.length === 0) return;
  await db.insertInto('outbox').values([...mails]).execute();
}

/**
 * Takes the next due mail (by priority, then oldest first, leaving out the rows in `skip`: mails
 * already handed over) for one attempt: the attempt is counted and the mail held until `claimUntil`
 * in the same write that found it, before anything is sent, so no failure to write afterwards can
 * make the same mail due again at once, and no other worker finds it due while it is being sent
 * (the sender extends the hold while the mail server takes its time: extendMailClaim). A failed
 * attempt sets its next try (rescheduleFailedMail); a worker that died holds it until `claimUntil`.
 *
 * On PostgreSQL, where several app servers share the outbox, it is one statement (one round trip):
 * the row is locked FOR UPDATE SKIP LOCKED and updated at once, so two servers asking together get
 * two different mails, and each mail one attempt. On SQLite the one writer reads, then writes, in one
 * transaction. Returns the mail with its attempts counted.
 */
export async function claimDueMail(
  db: Db,
  now: string,
  claimUntil: string,
  skip: readonly number[] = [],
): Promise<OutboxMail | undefined> {
  const due = <Q extends SelectQueryBuilder<Database, 'outbox', object>>(query: Q, postgres: boolean): Q => {
    let filtered = query.where('sent_at', 'is', null).where('dead_at', 'is', null).where('next_attempt_at', '<=', now);
    // On PostgreSQL the ids to skip are one array parameter, so the claim is one text (prepared once,
    // db/database.ts) whatever their number; `NOT IN (…)` would be a text per number of ids.
    if (postgres) filtered = filtered.where(sql<SqlBool>`${sql.ref('id')} <> all(${[...skip]}::integer[])`);
    else if (skip.length > 0) filtered = filtered.where('id', 'not in', [...skip]);
    return filtered.orderBy('priority').orderBy('next_attempt_at').orderBy('id').limit(1) as Q;
  };
  if (dialectOf(db) === 'postgres') {
    return db
      .with('due', (qb) => due(qb.selectFrom('outbox').select('id'), true).forUpdate().skipLocked())
      .updateTable('outbox')
      .from('due')
      .set((eb) => ({ attempts: eb('outbox.attempts', '+', 1), next_attempt_at: claimUntil }))
      .whereRef('outbox.id', '=', 'due.id')
      .returningAll('outbox')
      .executeTakeFirst();
  }
  return runTransaction(db, async (trx) => {
    const mail = await due(trx.selectFrom('outbox').selectAll(), false).executeTakeFirst();
    if (!mail) return undefined;
    const claimed = { ...mail, attempts: mail.attempts + 1, next_attempt_at: claimUntil };
    await trx
      .updateTable('outbox')
      .set({ attempts: claimed.attempts, next_attempt_at: claimed.next_attempt_at })
      .where('id', '=', mail.id)
      .execute();
    return claimed;
  });
}

/**
 * Holds a mail that is still being sent until `until`, as long as it is the attempt `attempts`
 * claimed (claimDueMail) and not sent or given up meanwhile.
 */
export async function extendMailClaim(db: Db, id: number, attempts: number, until: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ next_attempt_at: until })
    .where('id', '=', id)
    .where('attempts', '=', attempts)
    .where('sent_at', 'is', null)
    .where('dead_at', 'is', null)
    .execute();
}

export async function nextAttemptAt(db: Db): Promise<string | undefined> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.min<string>('next_attempt_at').as('next'))
    .where('sent_at', 'is', null)
    .where('dead_at', 'is', null)
    .executeTakeFirst();
  return row?.next ?? undefined;
}

/**
 * A sent mail leaves the outbox: the queue is no archive. Its row would otherwise keep, for as long
 * as the database lives, when an anonymous report arrived (to the second) and, for schools with
 * full notification mails, a child's words after the case itself was deleted.
 */
export async function deleteSentMail(db: Db, id: number): Promise<void> {
  await db.deleteFrom('outbox').where('id', '=', id).execute();
}

/** Attempt `attempts` of a mail failed: why, and when the next try comes (unless another attempt began since). */
export async function rescheduleFailedMail(db: Db, id: number, failure: { attempts: number; error: string; nextAttemptAt: string }): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ last_error: failure.error, next_attempt_at: failure.nextAttemptAt })
    .where('id', '=', id)
    .where('attempts', '=', failure.attempts)
    .where('dead_at', 'is', null)
    .execute();
}

/**
 * Gives a mail up: it is never tried again. Who it was for, what kind of mail and why stay for the
 * directeur and the operator; the body (a live login link, or a child's words for a full-mail
 * school) is cleared, since nobody will send it any more.
 */
export async function markMailDead(db: Db, id: number, dead: { at: string; error: string }): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ dead_at: dead.at, last_error: dead.error, text_body: '', html_body: '' })
    .where('id', '=', id)
    .execute();
}

export interface DeadLetter {
  id: number;
  toAddress: string;
  purpose: string;
  subject: string;
  deadAt: string;
  error: string | null;
  attempts: number;
}

/** Which dead letters a reader gets: the ordinary ones, those about reports for the vertrouwenspersoon only, or both. */
export interface DeadLetterScope {
  ordinary: boolean;
  confidential: boolean;
}

const inScope = (scope: DeadLetterScope): number[] => [...(scope.ordinary ? [0] : []), ...(scope.confidential ? [1] : [])];

export async function listDeadLetters(db: Db, school: string, scope: DeadLetterScope): Promise<DeadLetter[]> {
  if (inScope(scope).length === 0) return [];
  const query = db
    .selectFrom('outbox')
    .select(['id', 'to_address', 'purpose', 'subject', 'dead_at', 'last_error', 'attempts'])
    .where('school', '=', school)
    .where('dead_at', 'is not', null)
    .where('confidential', 'in', inScope(scope));
  const rows = await query.orderBy('id', 'desc').execute();
  return rows.map((row) => ({
    id: row.id,
    toAddress: row.to_address,
    purpose: row.purpose,
    subject: row.subject,
    deadAt: row.dead_at!,
    error: row.last_error,
    attempts: row.attempts,
  }));
}

/** The directeur has seen a dead letter: it leaves the outbox. Returns false when there was none. */
export async function removeDeadLetter(db: Db, school: string, id: number, scope: DeadLetterScope): Promise<boolean> {
  if (inScope(scope).length === 0) return false;
  const result = await db
    .deleteFrom('outbox')
    .where('id', '=', id)
    .where('school', '=', school)
    .where('dead_at', 'is not', null)
    .where('confidential', 'in', inScope(scope))
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export interface OutboxHealth {
  /** Mails still to be sent (dead letters not counted). */
  pending: number;
  /** Unsent mails older than overdueBefore: a mail server that has refused them for too long. */
  overdue: number;
  /** Mails given up on. */
  dead: number;
  /** Unsent mails whose last attempt failed, after at least failingAttempts attempts. */
  failing: number;
  /** The error of the most recently failed of those. */
  lastError: string | null;
}

export async function outboxHealth(
  db: Db,
  thresholds: { overdueBefore: string; failingAttempts: number },
): Promise<OutboxHealth> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => {
      const alive = eb('dead_at', 'is', null);
      const failing = eb.and([alive, eb('last_error', 'is not', null), eb('attempts', '>=', thresholds.failingAttempts)]);
      const count = (condition: ReturnType<typeof eb.and>) => eb.fn.sum<number>(eb.case().when(condition).then(1).else(0).end());
      return [
        count(eb.and([alive])).as('pending'),
        count(eb.and([alive, eb('created_at', '<', thresholds.overdueBefore)])).as('overdue'),
        count(eb.and([eb('dead_at', 'is not', null)])).as('dead'),
        count(failing).as('failing'),
      ];
    })
    .where('sent_at', 'is', null)
    .executeTakeFirstOrThrow();
  const last = await db
    .selectFrom('outbox')
    .select('last_error')
    .where('sent_at', 'is', null)
    .where('dead_at', 'is', null)
    .where('last_error', 'is not', null)
    .where('attempts', '>=', thresholds.failingAttempts)
    .orderBy('next_attempt_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return {
    pending: Number(row.pending ?? 0),
    overdue: Number(row.overdue ?? 0),
    dead: Number(row.dead ?? 0),
    failing: Number(row.failing ?? 0),
    lastError: last?.last_error ?? null,
  };
}
