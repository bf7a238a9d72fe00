// The operator's view of the server's health: what an uptime monitor polls (with HEALTH_TOKEN) and
// what it must treat as failing. The public /healthz says only up or down (see routes/health).

import { createHash, timingSafeEqual } from 'node:crypto';
import { statfs } from 'node:fs/promises';
import { probeWrite } from '../../db/queries/health.js';
import { outboxHealth } from '../../db/queries/outbox.js';
import type { AppContext } from '../context.js';
import type { UnreadableCase } from './database-integrity.js';
import { eventLoopDelaySinceLastCheck, type EventLoopDelay } from './event-loop-delay.js';
import { MAIL_OVERDUE_MS } from '../notifications/mail-worker.js';
import { schoolYearToConfirm, unconfirmedSchoolNames } from '../schools/school-years.js';

/** Below this much free space on DATA_DIR's disk a report with screenshots may no longer fit. */
export const HEALTH_DISK_FREE_MIN_BYTES = 100 * 1024 * 1024;
/** A mail that failed this many attempts in a row is a mail problem, not a hiccup (about a minute). */
export const MAIL_FAILING_ALERT_ATTEMPTS = 5;
/** More unsent mails than this is a backlog worth a look (a class reporting at once makes ~60). */
export const MAIL_BACKLOG_ALERT = 500;
/** Maintenance runs failed in a row that make a problem: half an hour; one alone may be a PostgreSQL restart. */
export const MAINTENANCE_FAILING_ALERT_RUNS = 2;

export interface OperatorHealth {
  status: 'ok' | 'failing';
  /** One plain sentence per problem, for the monitor's alert text. */
  problems: string[];
  /** Things to act on that are no failure (the status stays ok): one plain sentence each. */
  warnings: string[];
  /** Schools (by name, nothing else) whose contact table nobody confirmed for the current school year. */
  schoolYear: { name: string; unconfirmed: string[] };
  database: {
    reachable: true;
    writable: boolean;
    error: string | null;
    damaged: { since: string; problems: string[] } | null;
    /** Cases whose stored content did not open since the server started: number and column, no content. */
    unreadableCases: UnreadableCase[];
  };
  disk: { freeBytes: number; totalBytes: number };
  /** This server's maintenance runs (reminders, retention, school-year mails) failed in a row, and since when. */
  maintenance: { failuresInARow: number; failingSince: string | null };
  /** How long requests waited for this process's event loop since the previous operator check. */
  eventLoop: EventLoopDelay;
  mail: {
    transport: 'smtp' | 'file';
    pending: number;
    failing: number;
    overdue: number;
    dead: number;
    /** Since when the mail worker is paused because the database refuses its writes. */
    pausedSince: string | null;
    /** Mails the mail server took whose rows could not be removed yet (never sent again). */
    handedOverUnrecorded: number;
    /** With OAuth2 client credentials: since when no access token could be had (null while they come). */
    tokenFailingSince?: string | null;
  };
}

/** 'operator' for the right token, 'wrong' for a token that is not it, 'public' without one. */
export function healthAudience(authorization: string | undefined, token: string | undefined): 'operator' | 'wrong' | 'public' {
  if (authorization === undefined) return 'public';
  const match = /^Bearer (.+)$/.exec(authorization);
  if (!token || !match) return 'wrong';
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(match[1]!), digest(token)) ? 'operator' : 'wrong';
}

export async function operatorHealth(context: AppContext): Promise<OperatorHealth> {
  const now = context.now();
  const problems: string[] = [];

  let writeError: string | null = null;
  try {
    await probeWrite(context.db, now.toISOString());
  } catch (error) {
    writeError = error instanceof Error ? error.message : String(error);
    problems.push(`the database cannot be written (${writeError}): new reports are refused`);
  }

  const damage = context.integrity.state;
  if (damage) {
    problems.push(
      `the database file is damaged since ${damage.since} (quick_check: ${damage.problems.join('; ')}): writes are refused; ` +
        'stop the server, keep the file aside and restore the latest backup',
    );
  }

  const unreadableCases = context.integrity.unreadableCases;
  for (const { caseNumber, field, since } of unreadableCases) {
    problems.push(
      `${field} of case ${caseNumber} does not open with its key since ${since}: changed or moved in the database, or another master key; ` +
        'nothing was changed; staff see that this case cannot be opened. Compare the row with the latest backup',
    );
  }

  const space = await statfs(context.config.dataDir);
  const disk = { freeBytes: space.bavail * space.bsize, totalBytes: space.blocks * space.bsize };
  if (disk.freeBytes < HEALTH_DISK_FREE_MIN_BYTES) {
    problems.push(`the disk of DATA_DIR has ${Math.floor(disk.freeBytes / 1024 / 1024)} MiB free (less than ${HEALTH_DISK_FREE_MIN_BYTES / 1024 / 1024} MiB)`);
  }

  const outbox = await outboxHealth(context.db, {
    overdueBefore: new Date(now.getTime() - MAIL_OVERDUE_MS).toISOString(),
    failingAttempts: MAIL_FAILING_ALERT_ATTEMPTS,
  });
  const worker = context.mailWorker.state();
  const token = context.mailWorker.transport.tokenState?.();
  if (token?.failingSince && token.failures >= MAIL_FAILING_ALERT_ATTEMPTS) {
    problems.push(`mail cannot get an access token from SMTP_OAUTH_TOKEN_URL since ${token.failingSince} (${token.failures} requests in a row): ${token.error}`);
  }
  if (worker.databaseFailingSince) problems.push(`mail is paused since ${worker.databaseFailingSince}: the database refuses the worker's writes`);
  if (outbox.failing > 0) problems.push(`${outbox.failing} mail(s) failed ${MAIL_FAILING_ALERT_ATTEMPTS} or more attempts in a row; last error: ${outbox.lastError ?? 'unknown'}`);
  if (outbox.overdue > 0) problems.push(`${outbox.overdue} mail(s) not sent for more than 24 hours`);
  if (outbox.dead > 0) problems.push(`${outbox.dead} mail(s) given up (dead letters); the school's directeur (for a report for the vertrouwenspersoon only, the vertrouwenspersoon) sees which address on the Meldingen page of the staff portal`);
  if (outbox.pending > MAIL_BACKLOG_ALERT) problems.push(`${outbox.pending} mails waiting to be sent (backlog)`);

  const runs = context.maintenanceRuns;
  const maintenance = { failuresInARow: runs.failuresInARow, failingSince: runs.failingSince?.toISOString() ?? null };
  if (runs.failuresInARow >= MAINTENANCE_FAILING_ALERT_RUNS) {
    problems.push(
      `maintenance failed its last ${runs.failuresInARow} runs, since ${maintenance.failingSince}: reminders of unopened reports, ` +
        'deletions after the retention period and school-year mails wait; the log (component maintenance) says why',
    );
  }

  // An unconfirmed table keeps working: a warning for the operator to pass on, not a failure.
  const unconfirmed = await unconfirmedSchoolNames(context.db, now);
  const schoolYear = { name: schoolYearToConfirm(now).name, unconfirmed };
  const warnings = unconfirmed.map((name) => `the contact table of ${name} is not confirmed for school year ${schoolYear.name}`);

  return {
    status: problems.length > 0 ? 'failing' : 'ok',
    problems,
    warnings,
    schoolYear,
    database: { reachable: true, writable: writeError === null, error: writeError, damaged: damage ?? null, unreadableCases },
    disk,
    maintenance,
    eventLoop: eventLoopDelaySinceLastCheck(),
    mail: {
      transport: context.mailWorker.transport.kind,
      pending: outbox.pending,
      failing: outbox.failing,
      overdue: outbox.overdue,
      dead: outbox.dead,
      pausedSince: worker.databaseFailingSince ?? null,
      handedOverUnrecorded: worker.handedOverUnrecorded,
      ...(token ? { tokenFailingSince: token.failingSince ?? null } : {}),
    },
  };
}
