import { randomUUID } from 'node:crypto';
import type { NewOutboxMail } from '../../db/schema.js';
import type { Contact } from '../config.js';
import type { RenderedMail } from '../../templates/html.js';

/** One outbox row per contact; the Message-ID is fixed now so every retry sends the same mail. */
export function outboxRows(
  school: string,
  purpose: string,
  recipients: readonly Contact[],
  mail: RenderedMail,
  now: Date,
): NewOutboxMail[] {
  const createdAt = now.toISOString();
  return recipients.map((contact) => ({
    school,
    purpose,
    to_address: `"${contact.name.replace(/["\\]/g, '')}" <${contact.email}>`,
    subject: mail.subject,
    text_body: mail.text,
    html_body: mail.html,
    message_id: `<${randomUUID()}@klikvrij>`,
    next_attempt_at: createdAt,
    created_at: createdAt,
  }));
}
