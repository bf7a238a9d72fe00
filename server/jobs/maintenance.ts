import type { FastifyBaseLogger } from 'fastify';
import { listClosedUnpurged, listUnopenedForReminders, purgeReportContent, setMarkerOnce } from '../../db/queries/reports.js';
import { deleteStaleAuthRows, scrubLoginMails } from '../../db/queries/staff-auth.js';
import { renderExpiredStaffLoginMail } from '../../templates/staff-login.js';
import type { AppContext } from '../context.js';
import {
  MAINTENANCE_INTERVAL_MS,
  REMINDER_COORDINATOR_SCHOOL_DAYS,
  REMINDER_DIRECTOR_SCHOOL_DAYS,
  STAFF_LINKS_PER_ADDRESS_WINDOW_MS,
  STAFF_LOGIN_LINK_TTL_MS,
  STAFF_SESSION_IDLE_MS,
  STAFF_SESSION_MAX_AGE_MS,
} from '../shared/limits.js';
import { runTransaction } from '../../db/transaction.js';
import { notify } from '../notifications/notifier.js';
import { findSchool, listSchools } from '../schools/school-directory.js';
import { addMonths, dayAfterSchoolDays, dayOfStored, laterDay, localDay } from '../schools/school-days.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface MaintenanceResult {
  reminders: number;
  purged: number;
}

/**
 * Everything the portal does by itself, run by the background job and directly by tests with
 * their own clock: reminders for unopened reports, deletion of expired cases, and clearing
 * login links and sessions that can no longer be used. Safe to run any number of times.
 */
export async function runMaintenance(context: AppContext): Promise<MaintenanceResult> {
  const reminders = await sendReminders(context);
  const purged = await purgeExpiredCases(context);
  await clearStaleLogins(context);
  return { reminders, purged };
}

/**
 * A report nobody opened reminds the anti-pestcoördinators after two school days, and the
 * directeur as well after five. A report for the vertrouwenspersoon only reminds only them:
 * nobody else may open it. Each reminder is sent once.
 */
async function sendReminders(context: AppContext): Promise<number> {
  const now = context.now();
  const today = localDay(now);
  let sent = 0;
  for (const report of await listUnopenedForReminders(context.db)) {
    const school = await findSchool(context.db, report.school);
    if (!school) continue;
    const receivedDay = dayOfStored(report.received_at);
    const confidential = report.recipients === 'vertrouwenspersoon';
    const directorDue = report.director_reminder_at === null && today >= dayAfterSchoolDays(receivedDay, REMINDER_DIRECTOR_SCHOOL_DAYS);
    const firstDue = report.first_reminder_at === null && today >= dayAfterSchoolDays(receivedDay, REMINDER_COORDINATOR_SCHOOL_DAYS);
    if (!directorDue && !firstDue) continue;

    // When both are due (the server was down), one mail covers both instead of two at once.
    await runTransaction(context.db, async (trx) => {
      const at = now.toISOString();
      const claimedFirst = firstDue ? await setMarkerOnce(trx, report.id, 'first_reminder_at', at) : false;
      const claimedDirector = directorDue ? await setMarkerOnce(trx, report.id, 'director_reminder_at', at) : false;
      if (!claimedFirst && !claimedDirector) return;
      await notify.reminder(context, trx, { school, reportId: report.id, confidential, directorDue, now });
      sent += 1;
    });
  }
  return sent;
}

/**
 * A closed case is kept its school's retention months (RETENTION_MONTHS unless the board set the
 * school's own) after closing, counted from the reporter's last input when that came later, then
 * its content is deleted and only the counts remain.
 */
async function purgeExpiredCases(context: AppContext): Promise<number> {
  const now = context.now();
  const today = localDay(now);
  let purged = 0;
  const monthsBySchool = new Map(
    (await listSchools(context.db)).map((school) => [school.slug, school.retentionMonths ?? context.config.retentionMonths]),
  );
  const shortest = Math.min(context.config.retentionMonths, ...monthsBySchool.values());
  // A month has at least 28 days, so nothing closed after this can be due yet; the exact calendar
  // check below decides for the rest. Saves walking every closed case of a board in JavaScript.
  const closedBefore = new Date(now.getTime() + DAY_MS - shortest * 28 * DAY_MS).toISOString();
  for (const report of await listClosedUnpurged(context.db, closedBefore)) {
    const months = monthsBySchool.get(report.school) ?? context.config.retentionMonths;
    const from = laterDay(
      dayOfStored(report.closed_at!),
      report.last_reporter_activity_at === null ? null : dayOfStored(report.last_reporter_activity_at),
    );
    if (today < addMonths(from, months)) continue;
    await context.db.transaction().execute((trx) => purgeReportContent(trx, report.id, now.toISOString()));
    purged += 1;
  }
  return purged;
}

async function clearStaleLogins(context: AppContext): Promise<void> {
  const now = context.now().getTime();
  const iso = (ms: number) => new Date(ms).toISOString();
  await deleteStaleAuthRows(context.db, {
    now: iso(now),
    requestsBefore: iso(now - STAFF_LINKS_PER_ADDRESS_WINDOW_MS),
    sessionsIdleBefore: iso(now - STAFF_SESSION_IDLE_MS),
    sessionsCreatedBefore: iso(now - STAFF_SESSION_MAX_AGE_MS),
  });
  // Each portal's expired link points to where a new one is asked for.
  for (const [purpose, page] of [['staff-login', '/staff'], ['board-login', '/beheer']] as const) {
    await scrubLoginMails(
      context.db,
      { purpose, expiredBefore: iso(now - STAFF_LOGIN_LINK_TTL_MS) },
      renderExpiredStaffLoginMail(`${context.config.publicUrl}${page}`),
    );
  }
}

/** Runs runMaintenance now and then every MAINTENANCE_INTERVAL_MS until stopped. */
export class MaintenanceJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(
    private readonly context: AppContext,
    private readonly log: FastifyBaseLogger,
    private readonly intervalMs = MAINTENANCE_INTERVAL_MS,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.stopped) return;
    this.running = runMaintenance(this.context)
      .then((result) => {
        if (result.reminders > 0 || result.purged > 0) this.log.info(result, 'maintenance done');
      })
      .catch((error: unknown) => this.log.error({ err: error }, 'maintenance failed'))
      .finally(() => {
        if (!this.stopped) this.timer = setTimeout(() => this.tick(), this.intervalMs);
      });
  }
}
