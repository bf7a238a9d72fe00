import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { isRetentionCandidateUnchanged, listClosedUnpurged, purgeReportContent, setRetentionWarned } from '../../db/queries/reports.js';
import { deleteStaleAuthRows, scrubLoginMails } from '../../db/queries/staff-auth.js';
import { runTransaction } from '../../db/transaction.js';
import { renderExpiredStaffLoginMail } from '../../templates/staff-login.js';
import { MAIL_FOLDER, type AppContext } from '../context.js';
import { boardPortalUrl, notify, staffPortalUrl } from '../notifications/notifier.js';
import { listSchools } from '../schools/school-directory.js';
import { addMonths, dayOfStored, formatStoredDutch, laterDay, localDay } from '../schools/school-days.js';
import {
  MAIL_FILE_RETENTION_DAYS,
  RETENTION_WARNING_DAYS,
  STAFF_LINKS_PER_ADDRESS_WINDOW_MS,
  STAFF_LOGIN_LINK_TTL_MS,
  STAFF_SESSION_IDLE_MS,
  STAFF_SESSION_MAX_AGE_MS,
} from '../shared/limits.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes the .eml files of the file transport (no SMTP_URL) written more than
 * MAIL_FILE_RETENTION_DAYS ago: they hold login links and, for full-mail schools, children's words.
 * Returns how many went.
 */
export async function clearOldMailFiles(context: AppContext): Promise<number> {
  if (context.config.smtpUrl) return 0;
  const folder = path.join(context.config.dataDir, MAIL_FOLDER);
  const before = context.now().getTime() - MAIL_FILE_RETENTION_DAYS * DAY_MS;
  const names = await readdir(folder).catch(() => [] as string[]);
  let deleted = 0;
  for (const name of names.filter((file) => file.endsWith('.eml'))) {
    const file = path.join(folder, name);
    const written = await stat(file).then((info) => info.mtimeMs, () => undefined);
    if (written === undefined || written >= before) continue;
    await rm(file, { force: true });
    deleted += 1;
  }
  return deleted;
}

/** The day RETENTION_WARNING_DAYS before `day`. */
function warningDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - RETENTION_WARNING_DAYS * DAY_MS).toISOString().slice(0, 10);
}

/**
 * A closed case is kept its school's retention months (RETENTION_MONTHS unless the board set the
 * school's own) after closing, counted from the reporter's last input when that came later, then
 * its content is deleted and only the counts remain. RETENTION_WARNING_DAYS before, its handler
 * is warned once (again when new input postponed the deletion). Returns the cases purged.
 */
export async function purgeExpiredCases(context: AppContext): Promise<number> {
  const now = context.now();
  const today = localDay(now);
  let purged = 0;
  const schools = new Map((await listSchools(context.db)).map((school) => [school.slug, school]));
  const monthsOf = (slug: string) => schools.get(slug)?.retentionMonths ?? context.config.retentionMonths;
  const shortest = Math.min(context.config.retentionMonths, ...[...schools.keys()].map(monthsOf));
  // A month has at least 28 days, so nothing closed after this can be due or warned yet; the exact
  // calendar check below decides for the rest. Saves walking every closed case of a board in JavaScript.
  const closedBefore = new Date(now.getTime() + (1 + RETENTION_WARNING_DAYS) * DAY_MS - shortest * 28 * DAY_MS).toISOString();
  for (const report of await listClosedUnpurged(context.db, closedBefore)) {
    // Each case is a COMMIT of its own, which on SQLite syncs the disk on the event loop's thread and
    // resolves in microtasks only: without a turn of the loop between cases, a run with many cases due
    // (a board shortening its retention) answered no request until its last case.
    await new Promise((resolve) => setImmediate(resolve));
    const from = laterDay(
      dayOfStored(report.closed_at!),
      report.last_reporter_activity_at === null ? null : dayOfStored(report.last_reporter_activity_at),
    );
    const deleteOn = addMonths(from, monthsOf(report.school));
    if (today >= deleteOn) {
      const done = await runTransaction(context.db, async (trx) => {
        if (!(await isRetentionCandidateUnchanged(trx, report))) return false;
        await purgeReportContent(trx, report.id, now.toISOString());
        return true;
      });
      if (done) purged += 1;
      continue;
    }
    const school = schools.get(report.school);
    const warned = report.retention_warned_at !== null && dayOfStored(report.retention_warned_at) >= from;
    if (!school || warned || today < warningDay(deleteOn)) continue;
    await runTransaction(context.db, async (trx) => {
      if (!(await isRetentionCandidateUnchanged(trx, report))) return;
      await setRetentionWarned(trx, report.id, now.toISOString());
      await notify.retentionWarning(context, trx, {
        school,
        reportId: report.id,
        assigneeEmail: report.assignee_email,
        confidential: report.recipients === 'vertrouwenspersoon',
        deleteOn: formatStoredDutch(deleteOn),
        now,
      });
    });
  }
  return purged;
}

/** Clears login links, throttle rows and sessions that can no longer be used. */
export async function clearStaleLogins(context: AppContext): Promise<void> {
  const now = context.now().getTime();
  const iso = (ms: number) => new Date(ms).toISOString();
  await deleteStaleAuthRows(context.db, {
    now: iso(now),
    requestsBefore: iso(now - STAFF_LINKS_PER_ADDRESS_WINDOW_MS),
    sessionsIdleBefore: iso(now - STAFF_SESSION_IDLE_MS),
    sessionsCreatedBefore: iso(now - STAFF_SESSION_MAX_AGE_MS),
  });
  // Each portal's expired link points to where a new one is asked for.
  const portals = [
    ['staff-login', staffPortalUrl(context)],
    ['board-login', boardPortalUrl(context)],
  ] as const;
  for (const [purpose, portalUrl] of portals) {
    await scrubLoginMails(
      context.db,
      { purpose, expiredBefore: iso(now - STAFF_LOGIN_LINK_TTL_MS) },
      renderExpiredStaffLoginMail(portalUrl),
    );
  }
}
