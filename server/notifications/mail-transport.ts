import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Transporter } from 'nodemailer';
import type { SMTPTransportAuthOptions } from 'nodemailer/lib/smtp-transport';
import { loadOnce } from '../load-once.js';
import { ClientCredentialsTokens, type ClientCredentialsSettings, type MailTokenState } from './mail-oauth-token.js';

export interface OutgoingMail {
  /** The outbox row; a retry of the same row must land in the same place. */
  outboxId: number;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** The Date header: the time the outbox keeps (the hour for an anonymous report), never the second it left. */
  date: Date;
}

export interface MailTransport {
  readonly kind: 'smtp' | 'file';
  /** How many mails may be under way at once. */
  readonly connections: number;
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
  /** With OAuth2 client credentials: how getting tokens goes, for the operator's health view. */
  tokenState?(): MailTokenState;
}

const loadNodemailer = loadOnce(async () => (await import('nodemailer')).default);

/**
 * A nodemailer transporter made at the first mail, so an idle server never loads nodemailer. close()
 * closes it if it was made; one made after close() (a send already under way) opens no connection
 * until something is sent, which a closed transport no longer does.
 */
function transporterAtFirstUse(make: (mailer: Awaited<ReturnType<typeof loadNodemailer>>) => Transporter) {
  let made: Transporter | undefined;
  const transporter = loadOnce(async () => (made = make(await loadNodemailer())));
  return { transporter, close: () => made?.close() };
}

/** How the portal logs in at the mail server with OAuth2 (XOAUTH2) instead of a password. */
export type SmtpOAuth =
  | ({ readonly kind: 'client-credentials'; readonly user: string } & ClientCredentialsSettings)
  | {
      readonly kind: 'google-service-account';
      /** The mailbox the service account sends as (domain-wide delegation). */
      readonly user: string;
      /** The service account's numeric client ID: the JWT's issuer in nodemailer's grant. */
      readonly serviceClient: string;
      readonly privateKey: string;
      readonly tokenUrl: string;
    };

// Timeouts per phase of an SMTP session (RFC 5321 §4.5.3.2). Before DATA nothing has been delivered,
// so a server that does not connect or greet within seconds is treated as down and tried again later.
// After the message's final dot the server may already have delivered it: the RFC asks a client to
// wait 10 minutes for that reply (§4.5.3.2.6) and warns that a shorter wait sends duplicates.
// nodemailer's socket timeout is an inactivity timer for every phase after the greeting, so it is
// that 10-minute wait; the RFC's 5 minutes for MAIL and RCPT are minimums, waiting longer is allowed.
export const SMTP_CONNECTION_TIMEOUT_MS = 10_000;
export const SMTP_GREETING_TIMEOUT_MS = 10_000;
export const SMTP_DATA_TERMINATION_TIMEOUT_MS = 10 * 60_000;
/**
 * Connections kept open to the mail server, each carrying one mail at a time: a backlog goes out
 * several times faster than with a new connection per mail, and a few connections stay within
 * what hosted mail servers allow one client.
 */
export const SMTP_POOL_CONNECTIONS = 3;
/** Mails per connection before it is replaced, so no session grows old. */
export const SMTP_POOL_MESSAGES_PER_CONNECTION = 100;

function toMessage(mail: OutgoingMail) {
  return {
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: mail.messageId,
    date: mail.date,
  };
}

/**
 * How the mail server's certificate is checked, on smtps:// and on STARTTLS (which smtp:// uses
 * whenever the server offers it): against the system's CAs, plus `ca` (SMTP_CA_FILE) for a server
 * with a private CA or a self-signed certificate; `rejectUnauthorized: false` (SMTP_TLS_INSECURE)
 * accepts any certificate, so anyone on the way could read the mails.
 */
export interface SmtpTls {
  readonly rejectUnauthorized: boolean;
  readonly ca?: string;
}

export function createSmtpTransport(url: string, oauth: SmtpOAuth | undefined, now: () => Date, tls: SmtpTls): MailTransport {
  const tokens = oauth?.kind === 'client-credentials' ? new ClientCredentialsTokens(oauth, now) : undefined;
  const { transporter, close } = transporterAtFirstUse((nodemailer) => nodemailer.createTransport({
    url: oauth ? withoutUser(url) : url,
    connectionTimeout: SMTP_CONNECTION_TIMEOUT_MS,
    greetingTimeout: SMTP_GREETING_TIMEOUT_MS,
    socketTimeout: SMTP_DATA_TERMINATION_TIMEOUT_MS,
    pool: true,
    maxConnections: SMTP_POOL_CONNECTIONS,
    maxMessages: SMTP_POOL_MESSAGES_PER_CONNECTION,
    // The pool would otherwise send a mail again itself when its connection drops, even after the
    // message was transmitted: the worker retries instead, after recording the attempt.
    maxRequeues: 0,
    tls: { rejectUnauthorized: tls.rejectUnauthorized, ...(tls.ca ? { ca: tls.ca } : {}) },
    ...(oauth ? { auth: xoauth2(oauth, tokens) } : {}),
  }));
  return {
    kind: 'smtp',
    connections: SMTP_POOL_CONNECTIONS,
    async send(mail) {
      await (await transporter()).sendMail(toMessage(mail));
    },
    close,
    ...(tokens ? { tokenState: () => tokens.state() } : {}),
  };
}

/**
 * AUTH XOAUTH2. Client credentials (Microsoft 365): nodemailer asks our token cache at every login,
 * and again with `renew` when the server refuses the token (it then logs in once more). We hand it
 * each token as already expired, so it never reuses its own copy by the wall clock and the one
 * cache that decides is ours. A Google service account: nodemailer signs the JWT assertion and
 * fetches and renews the token itself.
 */
function xoauth2(oauth: SmtpOAuth, tokens: ClientCredentialsTokens | undefined): SMTPTransportAuthOptions {
  if (oauth.kind === 'google-service-account') {
    return { type: 'OAuth2', user: oauth.user, serviceClient: oauth.serviceClient, privateKey: oauth.privateKey, accessUrl: oauth.tokenUrl };
  }
  return {
    type: 'OAuth2',
    user: oauth.user,
    provisionCallback: (_user, renew, callback) => {
      tokens!.token(renew).then(
        (accessToken) => callback(null, accessToken, TOKEN_FOR_THIS_LOGIN_ONLY),
        (error: Error) => callback(error, '', 0),
      );
    },
  };
}

/** nodemailer lets a user name in the URL replace the auth option; with OAuth2 it is the mailbox, given as `user`. */
function withoutUser(url: string): string {
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.href;
}

/** An expiry in the past (but not 0, which nodemailer reads as "never expires"). */
const TOKEN_FOR_THIS_LOGIN_ONLY = 1;

/** Without a mail server, every mail becomes an .eml file that any mail program opens. */
export function createFileTransport(folder: string): MailTransport {
  const { transporter: composer, close } = transporterAtFirstUse((nodemailer) =>
    nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' }),
  );
  return {
    kind: 'file',
    connections: 1,
    async send(mail) {
      const info = await (await composer()).sendMail(toMessage(mail));
      // Named by outbox row and written through a rename: a retry replaces, never doubles, a mail.
      const file = await mailFileFor(folder, mail);
      const partial = `${file}.partial`;
      await writeInFolder(folder, partial, info.message as Buffer);
      await rename(partial, file);
    },
    close,
  };
}

/**
 * Writes a new file (owner only), making the folder (owner only) when it is missing: at the first mail,
 * or after someone removed it. Not made before every mail: each file operation here costs about as
 * much CPU as composing the mail.
 */
async function writeInFolder(folder: string, file: string, bytes: Buffer): Promise<void> {
  try {
    await writeFile(file, bytes, { mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await mkdir(folder, { recursive: true, mode: 0o700 });
    await writeFile(file, bytes, { mode: 0o600 });
  }
}

/**
 * `<outbox id>.eml`, unless that file holds another mail (another Message-ID): then a name of its own
 * beside it. Outbox ids are not reused (a restore moves them past every id issued, server/restore.ts),
 * but a mail file is a mail someone may still read, and is never written over by a different one.
 */
async function mailFileFor(folder: string, mail: OutgoingMail): Promise<string> {
  const base = String(mail.outboxId).padStart(7, '0');
  const file = path.join(folder, `${base}.eml`);
  const existing = await readFile(file, 'latin1').catch(() => undefined);
  if (existing === undefined || messageIdOf(existing) === mail.messageId) return file;
  const tag = createHash('sha256').update(mail.messageId).digest('hex').slice(0, 12);
  return path.join(folder, `${base}-${tag}.eml`);
}

function messageIdOf(eml: string): string | undefined {
  const headers = eml.split(/\r?\n\r?\n/, 1)[0]!;
  return /^Message-ID:\s*(<[^>]*>)/im.exec(headers)?.[1];
}
