import { listBoardAdmins } from '../../db/queries/board-admins.js';
import { claimSchoolYearMail, listSchoolYear } from '../../db/queries/school-years.js';
import { runTransaction } from '../../db/transaction.js';
import { BOARD_AUDIT_SCOPE } from '../board/board-audit.js';
import type { AppContext } from '../context.js';
import { boardPortalUrl, notify } from '../notifications/notifier.js';
import { contactsWithRoles } from '../notifications/recipients.js';
import { listSchools } from '../schools/school-directory.js';
import { inConfirmMonth, schoolYearToConfirm } from '../schools/school-years.js';
import { SCHOOL_YEAR_PATH } from '../shared/staff-paths.js';

/**
 * In July, once per school year: the directeur(s) of each school whose table for next school year
 * nobody confirmed yet are asked to confirm it, and the board admins get one mail naming those
 * schools. Whether a mail went is stored with the school year (claimed in the transaction that
 * queues it), so a second run or a restart sends nothing again. Returns the mails queued.
 */
export async function sendSchoolYearMails(context: AppContext): Promise<number> {
  const now = context.now();
  if (!inConfirmMonth(now)) return 0;
  const year = schoolYearToConfirm(now).name;
  const rows = new Map((await listSchoolYear(context.db, year)).map((row) => [row.school, row]));
  const unconfirmed = (await listSchools(context.db)).filter((school) => !rows.get(school.slug)?.confirmed_at);
  const at = now.toISOString();
  let queued = 0;
  const once = async (scope: string, send: (trx: AppContext['db']) => Promise<number>) => {
    if (rows.get(scope)?.mailed_at) return;
    // Counted once committed: an attempt PostgreSQL refused (runTransaction runs it again) queued nothing.
    queued += await runTransaction(context.db, async (trx) => ((await claimSchoolYearMail(trx, scope, year, at)) ? send(trx) : 0));
  };

  for (const school of unconfirmed) {
    await once(school.slug, (trx) =>
      notify.schoolYear(context, trx, {
        scope: school.slug,
        recipients: contactsWithRoles(school, ['directeur']),
        schoolYear: year,
        schoolNames: [school.name],
        portalUrl: `${context.config.publicUrl}${SCHOOL_YEAR_PATH}`,
        forBoard: false,
        now,
      }),
    );
  }
  if (unconfirmed.length === 0) return queued;
  const admins = (await listBoardAdmins(context.db)).filter((admin) => admin.ended_at === null);
  await once(BOARD_AUDIT_SCOPE, (trx) =>
    notify.schoolYear(context, trx, {
      scope: BOARD_AUDIT_SCOPE,
      recipients: admins.map((admin) => ({ name: admin.name, email: admin.address })),
      schoolYear: year,
      schoolNames: unconfirmed.map((school) => school.name),
      portalUrl: boardPortalUrl(context),
      forBoard: true,
      now,
    }),
  );
  return queued;
}
