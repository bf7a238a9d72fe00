import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/database.js';
import { deleteSentMail, listDueMails, markMailFailed, nextAttemptAt } from '../../db/queries/outbox.js';
import type { OutboxMail } from '../../db/schema.js';
import type { MailTransport } from './mail-transport.js';

export interface MailWorkerOptions {
  db: Db;
  transport: MailTransport;
  from: string;
  log: FastifyBaseLogger;
  now: () => Date;
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** How long the worker sleeps when nothing is due, so a mail enqueued elsewhere is still found. */
  idlePollMs?: number;
}

export const MAIL_RETRY_BASE_MS = 2_000;
export const MAIL_RETRY_MAX_MS = 2 * 60_000;
export const MAIL_IDLE_POLL_MS = 30_000;
/** A mail unsent for this long is reported in the log and on /healthz. */
export const MAIL_OVERDUE_MS = 24 * 60 * 60_000;
const MAIL_BATCH = 20;

/**
 * Sends what the outbox holds, oldest first, one at a time. A failed mail waits with exponential
 * back-off; it is never dropped. Runs inside the server process and survives restarts because
 * the outbox is in the database.
 */
export class MailWorker {
  private running = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  /** A wake() that came while the worker was busy: the next sleep returns at once. */
  private wokenWhileBusy = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;
  private readonly idlePollMs: number;

  constructor(private readonly options: MailWorkerOptions) {
    this.retryBaseMs = options.retryBaseMs ?? MAIL_RETRY_BASE_MS;
    this.retryMaxMs = options.retryMaxMs ?? MAIL_RETRY_MAX_MS;
    this.idlePollMs = options.idlePollMs ?? MAIL_IDLE_POLL_MS;
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

  /** Sends every mail that is due now; returns how many were sent. Tests and the loop share it. */
  async sendDue(): Promise<number> {
    let sent = 0;
    for (;;) {
      const due = await listDueMails(this.options.db, this.options.now().toISOString(), MAIL_BATCH);
      for (const mail of due) {
        if (!this.running && this.loop) return sent;
        if (await this.deliver(mail)) sent += 1;
      }
      if (due.length < MAIL_BATCH) return sent;
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.wokenWhileBusy = false;
      try {
        await this.sendDue();
      } catch (error) {
        this.options.log.error({ err: error }, 'mail worker could not read the outbox');
      }
      if (!this.running) break;
      await this.sleep(await this.msUntilNextAttempt());
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

  private async deliver(mail: OutboxMail): Promise<boolean> {
    const { db, transport, log, now } = this.options;
    try {
      await transport.send({
        outboxId: mail.id,
        from: this.options.from,
        to: mail.to_address,
        subject: mail.subject,
        text: mail.text_body,
        html: mail.html_body,
        messageId: mail.message_id,
      });
      await deleteSentMail(db, mail.id);
      return true;
    } catch (error) {
      const attempts = mail.attempts + 1;
      const delay = Math.min(this.retryBaseMs * 2 ** (attempts - 1), this.retryMaxMs);
      const message = error instanceof Error ? error.message : String(error);
      await markMailFailed(db, mail.id, {
        attempts,
        nextAttemptAt: new Date(now().getTime() + delay).toISOString(),
        error: message.slice(0, 500),
      });
      const overdue = now().getTime() - Date.parse(mail.created_at) > MAIL_OVERDUE_MS;
      log[overdue ? 'error' : 'warn'](
        { outboxId: mail.id, attempts, purpose: mail.purpose, error: message },
        overdue ? 'mail still not sent after 24 hours' : 'mail not sent, will try again',
      );
      return false;
    }
  }
}
