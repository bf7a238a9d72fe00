import type { Kysely } from 'kysely';
import type { Database, NewOutboxMail, OutboxMail } from '../schema.js';

type Executor = Kysely<Database>;

export async function enqueueMails(db: Executor, mails: readonly NewOutboxMail[]): Promise<void> {
  if (mails.length === 0) return;
  await db.insertInto('outbox').values([...mails]).execute();
}

export async function listDueMails(db: Executor, now: string, limit: number): Promise<OutboxMail[]> {
  return db
    .selectFrom('outbox')
    .selectAll()
    .where('sent_at', 'is', null)
    .where('next_attempt_at', '<=', now)
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

export async function markMailFailed(
  db: Executor,
  id: number,
  failure: { attempts: number; nextAttemptAt: string; error: string },
): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ attempts: failure.attempts, next_attempt_at: failure.nextAttemptAt, last_error: failure.error })
    .where('id', '=', id)
    .execute();
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
