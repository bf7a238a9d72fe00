import { listFollowUpsDue, setMarkerOnce } from '../../db/queries/reports.js';
import { runTransaction } from '../../db/transaction.js';
import { syncLinkedReports } from '../cases/linked-cases.js';
import type { AppContext } from '../context.js';
import { notify } from '../notifications/notifier.js';
import { findSchool } from '../schools/school-directory.js';
import { localDay } from '../schools/school-days.js';

/**
 * On the day staff chose to look back at an open case (server/cases/follow-up.ts), its handler (or,
 * with none, the anti-pestcoördinators; the VP for a case for the VP only) gets one mail with the
 * case number and a link. Sent once per day set; returns the mails queued.
 */
export async function sendFollowUpMails(context: AppContext): Promise<number> {
  const now = context.now();
  let sent = 0;
  for (const report of await listFollowUpsDue(context.db, localDay(now))) {
    const school = await findSchool(context.db, report.school);
    if (!school) continue;
    // Counted once committed: an attempt PostgreSQL refused (runTransaction runs it again) sent nothing.
    const mailed = await runTransaction(context.db, async (trx) => {
      if (!(await setMarkerOnce(trx, report.id, 'follow_up_mailed_at', now.toISOString()))) return false;
      await syncLinkedReports(trx, report.id);
      await notify.followUp(context, trx, {
        school,
        reportId: report.id,
        assigneeEmail: report.assignee_email,
        confidential: report.recipients === 'vertrouwenspersoon',
        now,
      });
      return true;
    });
    if (mailed) sent += 1;
  }
  return sent;
}
