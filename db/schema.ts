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
}

export interface Database {
  report: ReportTable;
  screenshot: ScreenshotTable;
  message: MessageTable;
  outbox: OutboxTable;
}

export type Report = Selectable<ReportTable>;
export type NewReport = Insertable<ReportTable>;
export type ReportUpdate = Updateable<ReportTable>;
export type NewScreenshot = Insertable<ScreenshotTable>;
export type OutboxMail = Selectable<OutboxTable>;
export type NewMessage = Insertable<MessageTable>;
export type NewOutboxMail = Insertable<OutboxTable>;
