// A queued mail for tests of the transaction helpers, which need rows but not a real notification.
import type { NewOutboxMail } from '../../db/schema.js';

export function testMail(tag: string): NewOutboxMail {
  return {
    school: 'kopakker',
    purpose: 'test',
    to_address: 'a@example.nl',
    subject: tag,
    text_body: '',
    html_body: '',
    message_id: `<${tag}@klikvrij>`,
    next_attempt_at: '2026-01-01T00:00:00.000Z',
    created_at: '2026-01-01T00:00:00.000Z',
  };
}
