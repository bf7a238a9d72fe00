import type { Kysely } from 'kysely';
import type { Database, NewOutboxMail, OutboxMail } from '../schema.js';

type Executor = Kysely<Database>;

export async function enqueueMails(db: Executor, mails: readonly NewOutboxMail[]): Promise<void> {
  if (mails.length === 0) return;
  await db.insertInto('outbox').values([...mails]).execute();
}

/** Due mails, oldest first, leaving out the rows in `skip` (mails already handed over). */
export async function listDueMails(
  db: Executor,
  now: string,
  limit: number,
  skip: readonly number[] = [],
): Promise<OutboxMail[]> {
  let query = db
    .selectFrom('outbox')
    .selectAll()
    .where('sent_at', 'is', null)
    .where('next_attempt_at', '<=', now);
  if (skip.length > 0) query = query.where('id', 'not in', [...skip]);
  return query
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function nextAttemptAt(db: Executor): Promise<string | undefined> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.min<string>('next_attempt_at').as('next'))
    .where('sent_at', 'is', null)
    .executeTakeFirst();
  return row?.next ?? undefined;
}

/**
 * A sent mail leaves the outbox: the queue is no archive. Its row would otherwise keep, for as long
 * as the database lives, when an anonymous report arrived (to the second) and, for schools with
 * full notification mails, a child's words after the case itself was deleted.
 */
export async function deleteSentMail(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('outbox').where('id', '=', id).execute();
}

/**
 * Written before a mail leaves: the attempt is counted and the next try already moved into the
 * future, so no failure to write afterwards can make the same mail due again at once.
 */
export async function recordMailAttempt(
  db: Executor,
  id: number,
  attempt: { attempts: number; nextAttemptAt: string },
): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ attempts: attempt.attempts, next_attempt_at: attempt.nextAttemptAt })
    .where('id', '=', id)
    .execute();
}

export async function recordMailError(db: Executor, id: number, error: string): Promise<void> {
  await db.updateTable('outbox').set({ last_error: error }).where('id', '=', id).execute();
}

export interface OutboxHealth {
  pending: number;
  /** Unsent mails older than the given time: a mail server that has refused them for too long. */
  overdue: number;
}

export async function outboxHealth(db: Executor, overdueBefore: string): Promise<OutboxHealth> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => [
      eb.fn.countAll<number>().as('pending'),
      eb.fn.sum<number>(eb.case().when('created_at', '<', overdueBefore).then(1).else(0).end()).as('overdue'),
    ])
    .where('sent_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { pending: Number(row.pending), overdue: Number(row.overdue ?? 0) };
}
