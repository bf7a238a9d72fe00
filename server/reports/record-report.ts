import { requireWholeSchool } from '../cases/case-access.js';
import { markReportOpened } from '../../db/queries/reports.js';
import { audit } from '../audit/audit.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { SOURCE_LABELS } from '../shared/labels.js';
import type { RecordedReportResponse } from '../shared/staff-responses.js';
import { canSeeConfidential, type StaffPrincipal } from '../staff-auth/staff-identity.js';
import { receivedAtFor } from './received-at.js';
import type { RecordedReportInput } from './recorded-report-schema.js';
import { storeReport } from './submit-report.js';

/**
 * A report that reached a staff member outside the form. It follows the form's flow (indication,
 * inbox, mails to the other contacts, reminders, retention) and is opened by the one who recorded it.
 */
export async function recordReport(
  context: AppContext,
  principal: StaffPrincipal,
  input: RecordedReportInput,
): Promise<RecordedReportResponse> {
  requireWholeSchool(principal);
  // Whoever records a report must be able to open it afterwards.
  if (input.recipients === 'vertrouwenspersoon' && !canSeeConfidential(principal.member)) {
    throw new AppError('invalid_input', 'Alleen de vertrouwenspersoon legt een melding voor de vertrouwenspersoon vast.', {
      recipients: 'Alleen de vertrouwenspersoon legt een melding voor de vertrouwenspersoon vast.',
    });
  }
  const { source, signals, followUp, ...report } = input;
  const now = context.now();
  const { receipt, reportId } = await storeReport(context, principal.school, report, [], {
    source,
    signals,
    recorderEmail: principal.member.email,
    alsoInTransaction: async (trx, id) => {
      // Opened when it arrived, in the same precision: an anonymous report keeps only its day.
      await markReportOpened(trx, id, receivedAtFor(now, report.anonymous));
      await audit(trx, { school: principal.school.slug, member: principal.member, action: 'report.record', reportId: id, detail: SOURCE_LABELS[source] ?? source, at: now });
    },
  });
  return followUp ? { id: reportId, receipt: receipt.digits, receiptWords: receipt.words } : { id: reportId };
}
