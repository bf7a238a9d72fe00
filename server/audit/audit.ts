import { insertAuditEntry } from '../../db/queries/audit.js';
import type { StaffMember } from '../staff-auth/staff-identity.js';
import type { Db } from '../../db/database.js';

/** What the audit log records; the detail never holds a child's words, only protocol facts. */
export type AuditAction =
  | 'login'
  | 'logout'
  | 'logout_everywhere'
  | 'switch_school'
  | 'report.record'
  | 'case.view'
  | 'screenshot.view'
  | 'indication.set'
  | 'step.record'
  | 'case.close'
  | 'case.reopen'
  | 'checklist.tick'
  | 'checklist.untick'
  | 'followup.set'
  | 'note.add'
  | 'message.send'
  | 'reporter_status.set'
  | 'assignee.set'
  | 'case.share'
  | 'case.link'
  | 'case.unlink'
  | 'meldcode.mark'
  | 'meldcode.step'
  | 'meldcode.note'
  | 'statistics.view'
  | 'register.export'
  | 'totp.enable'
  | 'totp.disable'
  | 'totp.lockout'
  | 'totp.recovery_code'
  | 'totp.reset'
  | 'schoolyear.confirm'
  | 'dayoff.add'
  | 'dayoff.remove'
  | 'teacher.add'
  | 'teacher.change'
  | 'teacher.remove'
  | 'invitation.add'
  | 'invitation.share'
  | 'invitation.withdraw'
  | 'invitation.end';

export async function audit(
  db: Db,
  entry: { school: string; member: StaffMember; action: AuditAction; reportId?: number | null; detail?: string | null; at: Date },
): Promise<void> {
  await insertAuditEntry(db, {
    school: entry.school,
    report_id: entry.reportId ?? null,
    staff_email: entry.member.email,
    staff_name: entry.member.name,
    action: entry.action,
    detail: entry.detail ?? null,
    at: entry.at.toISOString(),
  });
}
