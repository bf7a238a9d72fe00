import { copyCaseColumns, copyCaseRecord, listCaseReports, moveCaseRecord, setCaseOf } from '../../db/queries/linked-cases.js';
import { markReportOpened, updateCase } from '../../db/queries/reports.js';
import type { Report } from '../../db/schema.js';
import type { Db } from '../../db/database.js';
import { audit } from '../audit/audit.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { runTransaction } from '../../db/transaction.js';
import type { CaseResponse } from '../shared/staff-responses.js';
import type { StaffPrincipal } from '../staff-auth/staff-identity.js';
import { loadCaseHolder, loadVisibleCase } from './case-access.js';
import { buildCaseView } from './case-file.js';

/** After a change to the holder's case columns: every linked report carries them too. */
export async function syncLinkedReports(db: Db, holderId: number): Promise<void> {
  const holder = await db.selectFrom('report').selectAll().where('id', '=', holderId).executeTakeFirstOrThrow();
  await copyCaseColumns(db, holder);
}

function refuse(message: string): AppError {
  return new AppError('invalid_input', message, { reportId: message });
}

/**
 * Links report `otherId` (with any reports already linked to it) into the case of report `id`.
 * The other report's own steps, notes and ticks move into the case record, and its case columns
 * (status, step, verdict, handler) become the case's. Both must be visible to this person, open
 * and of the same audience: a report for the vertrouwenspersoon only is linked only with another
 * such report, so no link ever shows it to someone who could not open it (share it first).
 */
export async function linkReport(context: AppContext, principal: StaffPrincipal, id: number, otherId: number): Promise<CaseResponse> {
  const now = context.now();
  return runTransaction(context.db, async (trx) => {
    const opened = await loadVisibleCase(trx, principal, id);
    const holder = await loadCaseHolder(trx, principal, opened);
    const other = await loadVisibleCase(trx, principal, otherId).catch((error: unknown) => {
      throw error instanceof AppError ? refuse('Er is geen melding met dit nummer die je kunt koppelen.') : error;
    });
    const otherHolder = await loadCaseHolder(trx, principal, other);
    if (otherHolder.id === holder.id) throw refuse('Deze melding hoort al bij deze zaak.');
    if (holder.purged_at !== null || otherHolder.purged_at !== null) throw refuse('Een melding waarvan de inhoud verwijderd is, kan niet gekoppeld worden.');
    if (holder.status === 'closed' || otherHolder.status === 'closed') throw refuse('Heropen de afgesloten melding eerst.');
    if (holder.recipients !== otherHolder.recipients) {
      throw refuse('Een melding alleen voor de vertrouwenspersoon kan niet gekoppeld worden aan een melding die het team ziet. Deel hem eerst met het team.');
    }
    const joining = await listCaseReports(trx, otherHolder.id);
    await moveCaseRecord(trx, otherHolder.id, holder.id);
    // A case marked for the Meldcode stays marked, whichever of the two held the mark.
    if (holder.meldcode_at === null && otherHolder.meldcode_at !== null) {
      await updateCase(trx, holder.id, { meldcode_at: otherHolder.meldcode_at, meldcode_by: otherHolder.meldcode_by });
    }
    await setCaseOf(trx, joining.map((report) => report.id), holder.id);
    for (const report of joining) await markReportOpened(trx, report.id, now.toISOString());
    await syncLinkedReports(trx, holder.id);
    const numbers = joining.map((report) => report.id).join(', ');
    for (const report of [holder, ...joining]) {
      await audit(trx, {
        school: principal.school.slug,
        member: principal.member,
        action: 'case.link',
        reportId: report.id,
        detail: `melding ${numbers} gekoppeld aan zaak ${holder.id}`,
        at: now,
      });
    }
    return buildCaseView(trx, principal, await loadVisibleCase(trx, principal, id));
  });
}

/**
 * Takes report `id` out of its case. It gets its own record again: a copy of the case's steps,
 * notes and ticks as they stand, and the case's status, step, verdict and handler, because that
 * work was done for its reporter too and the pupil's file must keep it; the case keeps its whole
 * record for the reports that stay. When the report held the case, the oldest of the others takes
 * the case over (with a copy of the record).
 */
export async function unlinkReport(context: AppContext, principal: StaffPrincipal, id: number): Promise<CaseResponse> {
  const now = context.now();
  return runTransaction(context.db, async (trx) => {
    const opened = await loadVisibleCase(trx, principal, id);
    const holder = await loadCaseHolder(trx, principal, opened);
    const reports = await listCaseReports(trx, holder.id);
    if (reports.length < 2) throw new AppError('conflict', 'Deze melding is aan geen andere gekoppeld.');
    if (holder.purged_at !== null) throw new AppError('conflict', 'De inhoud van deze zaak is verwijderd na de bewaartermijn.');
    let remaining: number;
    if (opened.id === holder.id) {
      const [, next, ...rest] = reports as [Report, Report, ...Report[]];
      await copyCaseRecord(trx, holder.id, next.id);
      await setCaseOf(trx, [next.id], null);
      await setCaseOf(trx, rest.map((report) => report.id), next.id);
      remaining = next.id;
    } else {
      await copyCaseRecord(trx, holder.id, opened.id);
      await setCaseOf(trx, [opened.id], null);
      remaining = holder.id;
    }
    for (const reportId of [opened.id, remaining]) {
      await audit(trx, {
        school: principal.school.slug,
        member: principal.member,
        action: 'case.unlink',
        reportId,
        detail: `melding ${opened.id} losgemaakt van zaak ${remaining}`,
        at: now,
      });
    }
    return buildCaseView(trx, principal, await loadVisibleCase(trx, principal, id));
  });
}
