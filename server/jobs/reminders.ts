import { listUnopenedForReminders, setMarkerOnce } from '../../db/queries/reports.js';
import { runTransaction } from '../../db/transaction.js';
import type { AppContext } from '../context.js';
import { notify } from '../notifications/notifier.js';
import { findSchool } from '../schools/school-directory.js';
import { schoolDaysOff } from '../schools/school-calendar.js';
import { dayAfterSchoolDays, dayOfStored, localDay, type DaysOff } from '../schools/school-days.js';
import { REMINDER_COORDINATOR_SCHOOL_DAYS, REMINDER_DIRECTOR_SCHOOL_DAYS } from '../shared/limits.js';

/**
 * A report nobody opened reminds the anti-pestcoördinators after two school days (weekends,
 * holidays and the school's own days off do not count), and the directeur as well after five. A report for the vertrouwenspersoon only reminds only them:
 * nobody else may open it. Each reminder is sent once. Returns the reminders queued.
 */
export async function sendReminders(context: AppContext): Promise<number> {
  const now = context.now();
  const today = localDay(now);
  let sent = 0;
  for (const report of await listUnopenedForReminders(context.db)) {
    const receivedDay = dayOfStored(report.received_at);
    // Days off only push a reminder later: a report not yet due with weekends alone skipped is not
    // due at all, and costs no read of its school (most unopened reports are days old at most).
    if (!isAnyDue(dueReminders(report, receivedDay, today, NO_DAYS_OFF))) continue;
    const school = await findSchool(context.db, report.school);
    if (!school) continue;
    const confidential = report.recipients === 'vertrouwenspersoon';
    // School days skip the school's holidays and its own days off, not only weekends.
    const due = dueReminders(report, receivedDay, today, await schoolDaysOff(context.db, school, receivedDay));
    if (!isAnyDue(due)) continue;
    const { firstDue, directorDue } = due;

    // When both are due (the server was down), one mail covers both instead of two at once.
    // Counted once committed: an attempt PostgreSQL refused (runTransaction runs it again) sent nothing.
    const reminded = await runTransaction(context.db, async (trx) => {
      const at = now.toISOString();
      const claimedFirst = firstDue ? await setMarkerOnce(trx, report.id, 'first_reminder_at', at) : false;
      const claimedDirector = directorDue ? await setMarkerOnce(trx, report.id, 'director_reminder_at', at) : false;
      if (!claimedFirst && !claimedDirector) return false;
      await notify.reminder(context, trx, { school, reportId: report.id, confidential, directorDue, now });
      return true;
    });
    if (reminded) sent += 1;
  }
  return sent;
}

const NO_DAYS_OFF: DaysOff = new Set();

interface DueReminders {
  firstDue: boolean;
  directorDue: boolean;
}

/** Which of a report's reminders, not sent yet, are due today, school days counted around `daysOff`. */
function dueReminders(
  report: { first_reminder_at: string | null; director_reminder_at: string | null },
  receivedDay: string,
  today: string,
  daysOff: DaysOff,
): DueReminders {
  return {
    firstDue: report.first_reminder_at === null && today >= dayAfterSchoolDays(receivedDay, REMINDER_COORDINATOR_SCHOOL_DAYS, daysOff),
    directorDue: report.director_reminder_at === null && today >= dayAfterSchoolDays(receivedDay, REMINDER_DIRECTOR_SCHOOL_DAYS, daysOff),
  };
}

function isAnyDue(due: DueReminders): boolean {
  return due.firstDue || due.directorDue;
}
