import { checkpointWal } from '../../db/database.js';
import { deleteKeysOfPurgedCases } from '../../db/queries/case-keys.js';
import { MAINTENANCE_LOCK, runAlone } from '../../db/queries/job-lock.js';
import { betweenWrites } from '../../db/worker-writes.js';
import type { AppContext } from '../context.js';
import { MAINTENANCE_INTERVAL_MS } from '../shared/limits.js';
import { PeriodicJob } from './background-jobs.js';
import { sendReminders } from './reminders.js';
import { sendFollowUpMails } from './follow-ups.js';
import { sendSchoolYearMails } from './school-year-mail.js';
import { takeInNextYearContacts } from './school-year-start.js';
import { clearOldMailFiles, clearStaleLogins, purgeExpiredCases } from './retention.js';

export type MaintenanceResult = {
  contactsTakenIn: number;
  reminders: number;
  followUps: number;
  purged: number;
  /** Keys a report's write left on purged cases (db/queries/case-keys.ts deleteKeysOfPurgedCases). */
  strayCaseKeys: number;
  mailFilesDeleted: number;
  schoolYearMails: number;
};

/**
 * Everything the portal does by itself, run by the background job and directly by tests with
 * their own clock: next school year's contacts joining on 1 August (school-year-start.ts), reminders
 * for unopened reports (reminders.ts), the mail on a case's day to look back (follow-ups.ts), the July mail about next school
 * year's contact table (school-year-mail.ts), deletion of expired cases (and of keys left on purged
 * ones) and of login links and sessions that can no longer be used, and of old mail files (retention.ts), then a WAL checkpoint so
 * that deleted rows are gone from the WAL as well. Safe to run any number of times.
 */
export async function runMaintenance(context: AppContext): Promise<MaintenanceResult> {
  // First: from 1 August next year's contacts are in the table the reminders read.
  const contactsTakenIn = await takeInNextYearContacts(context);
  const reminders = await sendReminders(context);
  const followUps = await sendFollowUpMails(context);
  const purged = await purgeExpiredCases(context);
  const strayCaseKeys = await deleteKeysOfPurgedCases(context.db);
  await clearStaleLogins(context);
  const mailFilesDeleted = await clearOldMailFiles(context);
  const schoolYearMails = await sendSchoolYearMails(context);
  // Sent mails (login links, for full-mail schools children's words) and purged cases leave the WAL too.
  // PostgreSQL recycles its WAL by itself and keeps deleted rows until (auto)vacuum: see the README.
  if (context.dialect === 'sqlite') await betweenWrites(context.db, () => checkpointWal(context.sqlite));
  return { contactsTakenIn, reminders, followUps, purged, strayCaseKeys, mailFilesDeleted, schoolYearMails };
}

/** runMaintenance now and every MAINTENANCE_INTERVAL_MS while the server runs, on one server at a time. */
export function maintenanceJob(context: AppContext): PeriodicJob {
  const log = context.log.child({ component: 'maintenance' });
  // Several app servers on one PostgreSQL database: one of them runs it, the others pass this round.
  const once = async () => {
    // This server's own memory, whichever server holds the lock: submission keys past their time go.
    context.repeatedSubmissions.forgetExpired();
    try {
      const result = (await runAlone(context.db, MAINTENANCE_LOCK, () => runMaintenance(context))) ?? { ranElsewhere: 1 };
      context.maintenanceRuns.succeeded();
      return result;
    } catch (error) {
      context.maintenanceRuns.failed(context.now());
      throw error;
    }
  };
  return new PeriodicJob('maintenance', once, MAINTENANCE_INTERVAL_MS, log);
}
