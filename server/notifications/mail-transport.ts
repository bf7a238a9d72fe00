import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  /** The outbox row; a retry of the same row must land in the same place. */
  outboxId: number;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
}

export interface MailTransport {
  readonly kind: 'smtp' | 'file';
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

// Timeouts per phase of an SMTP session (RFC 5321 §4.5.3.2). Before DATA nothing has been delivered,
// so a server that does not connect or greet within seconds is treated as down and tried again later.
// After the message's final dot the server may already have delivered it: the RFC asks a client to
// wait 10 minutes for that reply (§4.5.3.2.6) and warns that a shorter wait sends duplicates.
// nodemailer's socket timeout is an inactivity timer for every phase after the greeting, so it is
// that 10-minute wait; the RFC's 5 minutes for MAIL and RCPT are minimums, waiting longer is allowed.
export const SMTP_CONNECTION_TIMEOUT_MS = 10_000;
export const SMTP_GREETING_TIMEOUT_MS = 10_000;
export const SMTP_DATA_TERMINATION_TIMEOUT_MS = 10 * 60_000;

function toMessage(mail: OutgoingMail) {
  return {
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: mail.messageId,
  };
}

export function createSmtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport({
    url,
    connectionTimeout: SMTP_CONNECTION_TIMEOUT_MS,
    greetingTimeout: SMTP_GREETING_TIMEOUT_MS,
    socketTimeout: SMTP_DATA_TERMINATION_TIMEOUT_MS,
  });
  return {
    kind: 'smtp',
    async send(mail) {
      await transporter.sendMail(toMessage(mail));
    },
    close: () => transporter.close(),
  };
}

/** Without a mail server, every mail becomes an .eml file that any mail program opens. */
export function createFileTransport(folder: string): MailTransport {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    kind: 'file',
    async send(mail) {
      const info = await composer.sendMail(toMessage(mail));
      await mkdir(folder, { recursive: true, mode: 0o700 });
      // Named by outbox row and written through a rename: a retry replaces, never doubles, a mail.
      const file = path.join(folder, `${String(mail.outboxId).padStart(7, '0')}.eml`);
      const partial = `${file}.partial`;
      await writeFile(partial, info.message as Buffer, { mode: 0o600 });
      await rename(partial, file);
    },
    close: () => composer.close(),
  };
}
