import { requireWholeSchool } from '../cases/case-access.js';
import { inviteRecordingTeacher } from '../cases/teacher-invitations.js';
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
 * inbox, mails to the other contacts, reminders, retention) and is opened by the one who recorded it;
 * a class teacher who recorded it is invited to it instead, so it stays new for the team.
 */
export async function recordReport(
  context: AppContext,
  principal: StaffPrincipal,
  input: RecordedReportInput,
): Promise<RecordedReportResponse> {
  // The class teacher is whom the protocol sends a pupil to (Stap 1): they record too, and are invited to what they record.
  const teacher = principal.kind === 'teacher';
  if (!teacher) requireWholeSchool(principal);
  // Whoever records a report must be able to open it afterwards (a teacher never opens one for the VP only).
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
      await audit(trx, { school: principal.school.slug, member: principal.member, action: 'report.record', reportId: id, detail: SOURCE_LABELS[source] ?? source, at: now });
      // A teacher's report stays new in the team's inbox: opening a case is the team's, as with the form.
      if (teacher) return inviteRecordingTeacher(trx, principal, id, now);
      // Opened when it arrived, in the same precision: an anonymous report keeps only its day.
      await markReportOpened(trx, id, receivedAtFor(now, report.anonymous));
    },
  });
  return followUp ? { id: reportId, receipt: receipt.digits, receiptWords: receipt.words } : { id: reportId };
}
