import { randomUUID } from 'node:crypto';
import type { NewOutboxMail } from '../../db/schema.js';
import type { RenderedMail } from '../../templates/html.js';

/** Whoever a mail goes to: a contact of the school, or a reporter who asked for a notice. */
export interface MailRecipient {
  name: string;
  email: string;
}

/** The outbox's order (0 first): a login link expires in 15 minutes and an urgent report cannot wait behind a backlog. */
export const MAIL_PRIORITY_FIRST = 0;
export const MAIL_PRIORITY_NORMAL = 1;
const LOGIN_LINK_PURPOSES = new Set(['staff-login', 'board-login']);

/** One outbox row per recipient; the Message-ID is fixed now so every retry sends the same mail. */
export function outboxRows(
  school: string,
  purpose: string,
  recipients: readonly MailRecipient[],
  mail: RenderedMail,
  now: Date,
  sendFrom: Date = now,
  /** About a report for the vertrouwenspersoon only: a dead letter of it is not listed for the others. */
  confidential = false,
): NewOutboxMail[] {
  const createdAt = now.toISOString();
  return recipients.map((recipient) => ({
    school,
    purpose,
    to_address: `"${recipient.name.replace(/["\\]/g, '')}" <${recipient.email}>`,
    subject: mail.subject,
    text_body: mail.text,
    html_body: mail.html,
    message_id: `<${randomUUID()}@klikvrij>`,
    priority: LOGIN_LINK_PURPOSES.has(purpose) || mail.urgent ? MAIL_PRIORITY_FIRST : MAIL_PRIORITY_NORMAL,
    next_attempt_at: sendFrom.toISOString(),
    created_at: createdAt,
    confidential: confidential ? 1 : 0,
  }));
}
