import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/database.js';
import {
  deleteSentMail,
  claimDueMail,
  extendMailClaim,
  markMailDead,
  nextAttemptAt,
  rescheduleFailedMail,
} from '../../db/queries/outbox.js';
import type { OutboxMail } from '../../db/schema.js';
import type { BackgroundJob } from '../jobs/background-jobs.js';
import type { MailTransport } from './mail-transport.js';

export interface MailWorkerOptions {
  db: Db;
  transport: MailTransport;
  from: string;
  log: FastifyBaseLogger;
  now: () => Date;
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Attempts after which a mail that keeps failing is given up (a dead letter). */
  maxAttempts?: number;
  /** How long the worker sleeps when nothing is due, so a mail enqueued elsewhere is still found. */
  idlePollMs?: number;
}

export const MAIL_RETRY_BASE_MS = 2_000;
export const MAIL_RETRY_MAX_MS = 10 * 60_000;
/** With the back-off above, about two days of trying: longer than a mail server's weekend outage. */
export const MAIL_MAX_ATTEMPTS = 300;
export const MAIL_IDLE_POLL_MS = 30_000;
/**
 * How long a claimed mail is held for its sender (claimDueMail), renewed every third of it while the
 * mail server takes its time: no other app server sends it meanwhile, however long the send takes.
 * A server that dies holds its mails this long, then another sends them.
 */
export const MAIL_CLAIM_MS = 30_000;
/** Mails one sendDue takes at most; the loop calls it again at once while mails are due. */
const MAIL_ROUND_LIMIT = 200;
/** A mail unsent for this long is reported in the log and on /healthz. */
export const MAIL_OVERDUE_MS = 24 * 60 * 60_000;

/** The database refused a write the worker needs before or after sending: nothing more is sent until it works. */
export class MailBookkeepingError extends Error {
  override name = 'MailBookkeepingError';
  constructor(readonly step: 'record the attempt' | 'remove the sent mail', cause: unknown) {
    super(`cannot ${step}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** What the worker knows that the outbox table cannot say (for the operator's health view). */
export interface MailWorkerState {
  /** Since when the database has refused the worker's writes; undefined while it works. */
  databaseFailingSince: string | undefined;
  databaseError: string | undefined;
  /** Mails the mail server accepted whose outbox rows could not be removed yet; never sent again. */
  handedOverUnrecorded: number;
}

/**
 * Sends what the outbox holds, login links and urgent reports first, then oldest first, a few at a
 * time over the transport's pooled connections. A failed mail waits with exponential
 * back-off; it is never dropped. Runs inside the server process and survives restarts because
 * the outbox is in the database.
 *
 * Each mail leaves at most once per attempt the database has recorded: the attempt (and a hold on
 * the mail for as long as it is being sent, MAIL_CLAIM_MS renewed) is written before sending, so no
 * other app server takes it meanwhile, and a mail the server accepted is remembered in
 * memory until its row is gone, so a database that stops taking writes (a full disk) pauses the
 * worker instead of making it send the same mail again. Only a crash in the moment between the
 * server's 250 and the row's removal can still repeat a mail, with the same Message-ID.
 */
export class MailWorker implements BackgroundJob {
  private running = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  /** A wake() that came while the worker was busy: the next sleep returns at once. */
  private wokenWhileBusy = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;
  private readonly idlePollMs: number;
  private readonly maxAttempts: number;
  /** Outbox rows whose mail the server accepted but that are still in the table. */
  private readonly handedOver = new Set<number>();
  private databaseFailure: { since: string; error: string; pauses: number } | undefined;

  constructor(private readonly options: MailWorkerOptions) {
    this.retryBaseMs = options.retryBaseMs ?? MAIL_RETRY_BASE_MS;
    this.retryMaxMs = options.retryMaxMs ?? MAIL_RETRY_MAX_MS;
    this.idlePollMs = options.idlePollMs ?? MAIL_IDLE_POLL_MS;
    this.maxAttempts = options.maxAttempts ?? MAIL_MAX_ATTEMPTS;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Called after a mail is enqueued, so it leaves now rather than at the next poll. */
  wake(): void {
    if (this.wakeUp) this.wakeUp();
    else this.wokenWhileBusy = true;
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    this.options.transport.close();
  }

  get transport(): MailTransport {
    return this.options.transport;
  }

  state(): MailWorkerState {
    return {
      databaseFailingSince: this.databaseFailure?.since,
      databaseError: this.databaseFailure?.error,
      handedOverUnrecorded: this.handedOver.size,
    };
  }

  /**
   * Sends every mail that is due now; returns how many were sent. Tests and the loop share it.
   * Throws MailBookkeepingError when the database refuses the writes around a send.
   *
   * As many mails are under way at once as the transport has connections. Each lane takes the next
   * due mail by priority when it is free, so a login link enqueued during a backlog leaves as soon
   * as one mail in flight is done, not after the backlog.
   */
  async sendDue(): Promise<number> {
    await this.forgetHandedOver();
    // Each mail at most once per call: one whose next try comes due during the call (a short back-off
    // after a failure) waits for the next call. By id, its next try (ms).
    const taken = new Map<number, number>();
    let sent = 0;
    let failure: unknown;
    const lane = async () => {
      while (failure === undefined && (this.running || !this.loop) && taken.size < MAIL_ROUND_LIMIT) {
        const mail = await this.nextDue(taken);
        if (!mail) return;
        try {
          if (await this.deliver(mail, taken)) sent += 1;
        } catch (error) {
          failure ??= error;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.options.transport.connections) }, lane));
    if (failure !== undefined) throw failure;
    return sent;
  }

  /**
   * The first due mail not yet taken in this round, claimed for one attempt (counted, held for
   * MAIL_CLAIM_MS: claimDueMail) and marked as taken. Another lane, or another app server on the same
   * PostgreSQL database, never gets the same mail for the same attempt.
   */
  private async nextDue(taken: Map<number, number>): Promise<OutboxMail | undefined> {
    const { db, now } = this.options;
    const at = now();
    // A mail taken in this round whose next try is still ahead is not due: the claim passes over it
    // without being told. Naming only the others keeps the list empty almost always, and the claim
    // one prepared statement on SQLite, whose `NOT IN (…)` is a text of its own for each number of ids.
    const skip = [...this.handedOver];
    for (const [id, nextAttemptAt] of taken) if (nextAttemptAt <= at.getTime()) skip.push(id);
    let mail: OutboxMail | undefined;
    try {
      mail = await claimDueMail(db, at.toISOString(), new Date(at.getTime() + MAIL_CLAIM_MS).toISOString(), skip);
    } catch (error) {
      throw new MailBookkeepingError('record the attempt', error);
    }
    if (mail) taken.set(mail.id, Date.parse(mail.next_attempt_at));
    return mail;
  }

  private backoffMs(attempts: number): number {
    return Math.min(this.retryBaseMs * 2 ** (attempts - 1), this.retryMaxMs);
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.wokenWhileBusy = false;
      let wait: number;
      try {
        await this.sendDue();
        this.databaseRecovered();
        wait = await this.msUntilNextAttempt();
      } catch (error) {
        wait = this.databasePaused(error);
      }
      if (!this.running) break;
      await this.sleep(wait);
    }
  }

  /** Logs the pause and returns how long to wait: doubling like a mail's own back-off. */
  private databasePaused(error: unknown): number {
    const message = error instanceof Error ? error.message : String(error);
    const failure = (this.databaseFailure ??= { since: this.options.now().toISOString(), error: message, pauses: 0 });
    failure.error = message;
    failure.pauses += 1;
    const wait = Math.min(this.retryBaseMs * 2 ** (failure.pauses - 1), this.retryMaxMs);
    this.options.log.error(
      { err: error, since: failure.since, retryInMs: wait, handedOverUnrecorded: this.handedOver.size },
      'mail paused: the database cannot be written',
    );
    return wait;
  }

  private databaseRecovered(): void {
    if (!this.databaseFailure) return;
    this.options.log.info({ since: this.databaseFailure.since }, 'mail resumed: the database takes writes again');
    this.databaseFailure = undefined;
  }

  /** Removes the rows of mails already accepted by the server; they are never sent again meanwhile. */
  private async forgetHandedOver(): Promise<void> {
    for (const id of [...this.handedOver]) {
      try {
        await deleteSentMail(this.options.db, id);
      } catch (error) {
        throw new MailBookkeepingError('remove the sent mail', error);
      }
      this.handedOver.delete(id);
    }
  }

  private async msUntilNextAttempt(): Promise<number> {
    const next = await nextAttemptAt(this.options.db).catch(() => undefined);
    if (next === undefined) return this.idlePollMs;
    const wait = Date.parse(next) - this.options.now().getTime();
    return Math.min(Math.max(wait, 0), this.idlePollMs);
  }

  private sleep(ms: number): Promise<void> {
    if (this.wokenWhileBusy) {
      this.wokenWhileBusy = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(this.timer);
        this.wakeUp = undefined;
        resolve();
      };
      this.wakeUp = done;
      this.timer = setTimeout(done, ms);
    });
  }

  /** Sends one claimed mail; a failed one gets its next try, which `taken` then knows. */
  private async deliver(mail: OutboxMail, taken: Map<number, number>): Promise<boolean> {
    const { db, transport, now } = this.options;
    // Counted and held by the claim (nextDue); held longer while the mail server takes its time.
    const attempts = mail.attempts;
    let extending: Promise<void> | undefined;
    const extend = setInterval(() => {
      const until = new Date(now().getTime() + MAIL_CLAIM_MS).toISOString();
      // A hold not extended (the database did not answer) runs out: the mail is then sent again, with its Message-ID.
      extending = extendMailClaim(db, mail.id, attempts, until).catch(() => undefined);
    }, MAIL_CLAIM_MS / 3);
    try {
      await transport.send({
        outboxId: mail.id,
        from: this.options.from,
        to: mail.to_address,
        subject: mail.subject,
        text: mail.text_body,
        html: mail.html_body,
        messageId: mail.message_id,
        date: new Date(mail.created_at),
      });
    } catch (error) {
      clearInterval(extend);
      // Its last extension must not land after the next try is set.
      await extending;
      const next = await this.failed(mail, attempts, error);
      if (next !== undefined) taken.set(mail.id, next);
      return false;
    } finally {
      clearInterval(extend);
    }
    this.handedOver.add(mail.id);
    await this.forgetHandedOver();
    return true;
  }

  /** Gives the mail up, or sets its next try and returns when that is (ms). */
  private async failed(mail: OutboxMail, attempts: number, error: unknown): Promise<number | undefined> {
    const { db, log, now } = this.options;
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    const permanent = isPermanentRefusal(error);
    if (permanent || attempts >= this.maxAttempts) {
      // The hour only: a dead letter of a new anonymous report must not pin when it arrived.
      const at = new Date(Math.floor(now().getTime() / HOUR_MS) * HOUR_MS).toISOString();
      try {
        await markMailDead(db, mail.id, { at, error: message });
      } catch (writeError) {
        // Not marked: it is tried, and refused, again once its claim's hold runs out.
        log.error({ err: writeError, outboxId: mail.id }, 'mail given up, but the database could not record it');
        return;
      }
      log.error(
        { outboxId: mail.id, attempts, purpose: mail.purpose, error: message, permanent },
        permanent ? 'mail given up: the mail server refused it permanently' : `mail given up after ${attempts} attempts`,
      );
      return;
    }
    // Not written (the database refuses writes): the claim's hold runs out and it is tried then.
    const next = now().getTime() + this.backoffMs(attempts);
    await rescheduleFailedMail(db, mail.id, { attempts, error: message, nextAttemptAt: new Date(next).toISOString() }).catch(() => undefined);
    const overdue = now().getTime() - Date.parse(mail.created_at) > MAIL_OVERDUE_MS;
    log[overdue ? 'error' : 'warn'](
      { outboxId: mail.id, attempts, purpose: mail.purpose, error: message },
      overdue ? 'mail still not sent after 24 hours' : 'mail not sent, will try again',
    );
    return next;
  }
}

const HOUR_MS = 60 * 60_000;

/**
 * A 5xx reply to the recipient or the message itself (RFC 5321 §4.2.1: permanent, do not repeat the
 * same transaction). A 5xx to the login (a wrong password) is the operator's to fix, not the mail's:
 * that, refused connections, timeouts and TLS failures are tried again until the attempts run out.
 */
export function isPermanentRefusal(error: unknown): boolean {
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  return (code === 'EENVELOPE' || code === 'EMESSAGE') && typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600;
}
