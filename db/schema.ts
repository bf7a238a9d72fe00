import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

// SQLite hands back numbers and strings only: booleans are 0/1 integers, lists are JSON text,
// times are ISO-8601 text. The query modules map them on purpose.

export interface ReportTable {
  id: Generated<number>;
  school: string;
  receipt_hash: string;
  role: string;
  anonymous: number;
  reporter_name: string | null;
  reporter_group: number | null;
  reporter_email: string | null;
  description: string | null;
  kinds: string;
  places: string;
  platforms: string;
  frequency: string | null;
  equal: number | null;
  same_target: number | null;
  hurtful: number | null;
  target: string | null;
  perpetrators: string | null;
  recipients: string;
  indication: string;
  /** The day only (YYYY-MM-DD) for anonymous reports; a full timestamp when the reporter gave a name. */
  received_at: string;
  status: Generated<string>;
  closed_at: string | null;
  purged_at: string | null;
  reporter_status: Generated<string>;
  last_reporter_activity_at: string | null;
  // Staff side of the case (migration 0003); see db/queries/reports.ts and case-*.ts.
  case_step: string | null;
  staff_indication: string | null;
  indication_by: string | null;
  indication_at: string | null;
  assignee_email: string | null;
  opened_at: string | null;
  closed_as: string | null;
  ib_informed_at: string | null;
  first_reminder_at: string | null;
  director_reminder_at: string | null;
  /** When the handler was told the closed case's content will soon be deleted (0019). */
  retention_warned_at: string | null;
  /** 1 when the reporter is in danger now or afraid to go to school (migration 0004): first in the inbox. */
  urgent: Generated<number>;
  /** Which of the two (migration 0016): 0/1, NULL for reports from before the questions were split. */
  in_danger: number | null;
  afraid_of_school: number | null;
  /** "Sinds wanneer?" (SINCE in server/shared/report-options.ts), NULL when not answered. */
  since: string | null;
  notify_on_answer: Generated<number>;
  /** 1 while the reporter's latest answer is unseen by the case's handler (migration 0017). */
  reporter_answer_unseen: Generated<number>;
  /** The language of the form the reporter used (server/shared/languages.ts; migration 0020). */
  language: Generated<string>;
  /** form, in_person, phone, letter or observation (migration 0021). */
  source: Generated<string>;
  /** The protocol's signals staff ticked when recording, a JSON list (migration 0021). */
  signals: Generated<string>;
  /** The report holding this report's case record when staff linked it into a case (migration 0025). */
  case_of: number | null;
  /** When and by whom (a name) the case was marked for the Meldcode (migration 0026). */
  meldcode_at: string | null;
  meldcode_by: string | null;
}

export interface ScreenshotTable {
  id: Generated<number>;
  report_id: number;
  mime_type: string;
  width: number;
  height: number;
  byte_size: number;
  data: Buffer;
  message_id: number | null;
}

export interface MessageTable {
  id: Generated<number>;
  report_id: number;
  author: 'school' | 'reporter';
  staff_email: string | null;
  text: string;
  created_at: string;
}

export interface OutboxTable {
  id: Generated<number>;
  school: string;
  purpose: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  message_id: string;
  attempts: Generated<number>;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  /** Set when the worker gave the mail up (0013); its body is cleared then, who and why stay. */
  dead_at: string | null;
  /** 0 leaves first (login links, urgent reports), 1 for the rest. */
  priority: Generated<number>;
}

/** One row, rewritten by the operator's health check to see that the database takes writes (0013). */
export interface HealthProbeTable {
  id: number;
  checked_at: string;
}

export interface StaffLoginTokenTable {
  id: Generated<number>;
  token_hash: string;
  email: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface StaffLoginRequestTable {
  id: Generated<number>;
  address_hash: string;
  requested_at: string;
  /** 1 when this request mailed a link; only those count for throttling. */
  mailed: Generated<number>;
}

export interface StaffSessionTable {
  id: Generated<number>;
  token_hash: string;
  email: string;
  school: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  /** 1 while the session waits for its TOTP code (0006-totp). */
  pending_second_factor: Generated<number>;
  second_factor_failures: Generated<number>;
  /** 'link' or 'oidc' (0010-staff-sign-in). */
  signed_in_with: Generated<string>;
  /** 1 when the OpenID provider said MFA was used: the portal's TOTP step is skipped. */
  provider_mfa: Generated<number>;
  /** 'contact' (of the contact table) or 'teacher' (0025-teachers). */
  person_kind: Generated<string>;
}

/** A sign-in at the OpenID provider in progress (0010-staff-sign-in); read once, then deleted. */
export interface OidcTransactionTable {
  handle_hash: string;
  state: string;
  nonce: string;
  code_verifier: string;
  expires_at: string;
}

export interface StaffTotpTable {
  email: string;
  /** AES-256-GCM under DATA_DIR/totp-key, never the secret itself. */
  secret_sealed: string;
  created_at: string;
  enabled_at: string | null;
  last_step: number | null;
}

/** One recovery code of a person's TOTP (0015-totp-recovery-codes): a keyed hash, used once. */
export interface StaffTotpRecoveryCodeTable {
  code_hash: string;
  email: string;
  used_at: string | null;
}

/** A keyed hash of a fixed label under a DATA_DIR secret file's key (0018-secret-checks), never the key. */
export interface SecretCheckTable {
  name: string;
  check_value: string;
}

export interface CaseStepTable {
  id: Generated<number>;
  report_id: number;
  step: string;
  referral: string | null;
  note: string | null;
  staff_email: string;
  staff_name: string;
  created_at: string;
}

/** One record of the Meldcode part of a case (migration 0026): a step 1–5 with its note, or a note alone. */
export interface CaseMeldcodeEntryTable {
  id: Generated<number>;
  report_id: number;
  step: string | null;
  note: string | null;
  staff_email: string;
  staff_name: string;
  created_at: string;
}

export interface CaseNoteTable {
  id: Generated<number>;
  report_id: number;
  text: string;
  staff_email: string;
  staff_name: string;
  created_at: string;
}

export interface CaseChecklistTickTable {
  report_id: number;
  list: string;
  item: number;
  staff_email: string;
  staff_name: string;
  ticked_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  school: string;
  report_id: number | null;
  staff_email: string;
  staff_name: string;
  action: string;
  detail: string | null;
  at: string;
}

/** A school of the board (0010-board). Booleans are 0/1. */
export interface SchoolTable {
  slug: string;
  name: string;
  board: string | null;
  full_notification_mail: Generated<number>;
  require_totp: Generated<number>;
  /** Null: the environment's RETENTION_MONTHS. */
  retention_months: number | null;
  /** 'noord' | 'midden' | 'zuid', or null when the board has not said. */
  holiday_region: string | null;
  /** 0: staff sign in through OpenID Connect only. */
  login_link: Generated<number>;
  is_default: Generated<number>;
  created_at: string;
}

export interface SchoolContactTable {
  id: Generated<number>;
  school: string;
  name: string;
  email: string;
  /** JSON array of contact roles. */
  roles: string;
  note: string | null;
  added_at: string;
  ended_at: string | null;
  /** A contact added for next school year ("2026-2027"): not in the table until its 1 August. Null: in the table. */
  joins_school_year: Generated<string | null>;
}

/** A day a school is closed besides the national holidays (0019-school-days-off). */
export interface SchoolDayOffTable {
  id: Generated<number>;
  school: string;
  /** YYYY-MM-DD. */
  day: string;
  label: string;
  /** Who added it: a board admin's or a directeur's address. */
  added_by: string;
  added_at: string;
}

/** One school's table for one school year: the July mail about it, and its confirmation. */
export interface SchoolYearConfirmationTable {
  /** A school's slug, or the board's audit scope for the board admins' own July mail. */
  school: string;
  /** "2026-2027". */
  school_year: string;
  /** When the mail asking to confirm this year's table was queued; null: not yet. */
  mailed_at: string | null;
  confirmed_at: string | null;
  /** Lower-case address of the directeur or board admin who confirmed. */
  confirmed_by: string | null;
  confirmed_by_name: string | null;
}

export interface BoardAdminTable {
  /** Lower case; `address` is as written. */
  email: string;
  address: string;
  name: string;
  added_at: string;
  added_by: string;
  ended_at: string | null;
}

export interface AdminSessionTable {
  id: Generated<number>;
  token_hash: string;
  email: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
}

/** A case's data key wrapped under the master key (0027-case-keys); deleted by retention. */
export interface CaseKeyTable {
  report_id: number;
  master_key_id: string;
  wrapped_key: string;
}

/** A case number issued after a backup that was later restored (0023): never given to a new report. */
export interface RetiredReportIdTable {
  id: number;
}

/** A class teacher of a school (0025-teachers): not a contact, invited to single cases. */
export interface TeacherTable {
  id: Generated<number>;
  school: string;
  name: string;
  /** Lower case, as staff addresses compare. */
  email: string;
  groep: string;
  created_at: string;
}

/** A teacher's access to one case (0025-teachers); it ends when withdrawn or when the case closes. */
export interface CaseInvitationTable {
  id: Generated<number>;
  report_id: number;
  teacher_id: number;
  invited_by: string;
  invited_at: string;
  /** 1 when the coordinator shows this teacher the reporter's name and address. */
  share_identity: Generated<number>;
  ended_at: string | null;
}

export interface Database {
  report: ReportTable;
  screenshot: ScreenshotTable;
  message: MessageTable;
  outbox: OutboxTable;
  health_probe: HealthProbeTable;
  staff_login_token: StaffLoginTokenTable;
  staff_login_request: StaffLoginRequestTable;
  staff_session: StaffSessionTable;
  staff_totp: StaffTotpTable;
  staff_totp_recovery_code: StaffTotpRecoveryCodeTable;
  secret_check: SecretCheckTable;
  oidc_transaction: OidcTransactionTable;
  case_step: CaseStepTable;
  case_note: CaseNoteTable;
  case_meldcode_entry: CaseMeldcodeEntryTable;
  case_checklist_tick: CaseChecklistTickTable;
  audit_log: AuditLogTable;
  school: SchoolTable;
  school_contact: SchoolContactTable;
  school_day_off: SchoolDayOffTable;
  school_year_confirmation: SchoolYearConfirmationTable;
  board_admin: BoardAdminTable;
  admin_session: AdminSessionTable;
  retired_report_id: RetiredReportIdTable;
  case_key: CaseKeyTable;
  teacher: TeacherTable;
  case_invitation: CaseInvitationTable;
}

export type Report = Selectable<ReportTable>;
export type NewReport = Insertable<ReportTable>;
export type ReportUpdate = Updateable<ReportTable>;
export type NewScreenshot = Insertable<ScreenshotTable>;
export type OutboxMail = Selectable<OutboxTable>;
export type NewMessage = Insertable<MessageTable>;
export type NewOutboxMail = Insertable<OutboxTable>;
export type StaffSession = Selectable<StaffSessionTable>;
export type StaffTotp = Selectable<StaffTotpTable>;
export type OidcTransaction = Selectable<OidcTransactionTable>;
export type NewAuditEntry = Insertable<AuditLogTable>;
export type SchoolRow = Selectable<SchoolTable>;
export type NewSchoolRow = Insertable<SchoolTable>;
export type SchoolContactRow = Selectable<SchoolContactTable>;
export type SchoolDayOffRow = Selectable<SchoolDayOffTable>;
export type SchoolYearConfirmationRow = Selectable<SchoolYearConfirmationTable>;
export type BoardAdmin = Selectable<BoardAdminTable>;
export type AdminSession = Selectable<AdminSessionTable>;
export type TeacherRow = Selectable<TeacherTable>;
export type CaseInvitationRow = Selectable<CaseInvitationTable>;
