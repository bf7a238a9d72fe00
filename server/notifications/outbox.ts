import { randomUUID } from 'node:crypto';
import type { NewOutboxMail } from '../../db/schema.js';
import type { RenderedMail } from '../../templates/html.js';

/** Whoever a mail goes to: a contact of the school, or a reporter who asked for a notice. */
export interface MailRecipient {
  name: string;
  email: string;
}

/** One outbox row per recipient; the Message-ID is fixed now so every retry sends the same mail. */
export function outboxRows(
  school: string,
  purpose: string,
  recipients: readonly MailRecipient[],
  mail: RenderedMail,
  now: Date,
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
    next_attempt_at: createdAt,
    created_at: createdAt,
  }));
}
