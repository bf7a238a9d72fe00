import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerOptions, type SMTPServerSession } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  messageId: string;
  subject: string;
  text: string;
  html: string;
  raw: string;
}

/**
 * What a scripted server does with a mail it has read to the end: accept it (undefined), or refuse
 * it with an SMTP reply code, or 'drop' the connection without a reply. Runs before the reply is sent, so it may also wait first (a server
 * slow to answer after DATA) or change the world in between (fill the client's disk).
 */
export type DataScript = (
  mail: ReceivedMail,
  session: SMTPServerSession,
) => Promise<{ code: number; message: string } | 'drop' | void>;

export interface SmtpServerOptions {
  port?: number;
  received?: ReceivedMail[];
  onMail?: DataScript;
  /** TLS material: the server then offers STARTTLS with this certificate. */
  tls?: { key: string | Buffer; cert: string | Buffer };
  /**
   * The server then requires AUTH XOAUTH2 before MAIL FROM and lets in only a login whose token this
   * accepts; a refused one gets the RFC 7628 error challenge (334), as Exchange Online and Gmail answer.
   */
  xoauth2?: (username: string, accessToken: string) => Promise<boolean>;
}

export interface TestSmtpServer {
  port: number;
  url: string;
  /** Mails accepted (answered 250). */
  received: ReceivedMail[];
  /** Every mail read to its end, accepted or not: the client's delivery attempts. */
  attempts: () => number;
  /** TCP connections the server has seen. */
  connections: () => number;
  /** XOAUTH2 logins: every token offered, and whether it was let in. */
  logins: Array<{ username: string; accessToken: string; accepted: boolean }>;
  /** Closes every open session, as a server does after its idle timeout: the client must log in anew. */
  dropConnections: () => void;
  /** Resolves once at least `count` mails have arrived. */
  waitFor: (count: number, timeoutMs?: number) => Promise<ReceivedMail[]>;
  close: () => Promise<void>;
}

/** A real SMTP server on 127.0.0.1 that keeps every mail it accepts. Port 0 picks a free port. */
export async function startSmtpServer(
  portOrOptions: number | SmtpServerOptions = 0,
  receivedList: ReceivedMail[] = [],
): Promise<TestSmtpServer> {
  const options = typeof portOrOptions === 'number' ? { port: portOrOptions, received: receivedList } : portOrOptions;
  const received = options.received ?? [];
  let attempts = 0;
  let connections = 0;
  const logins: TestSmtpServer['logins'] = [];
  const verify = options.xoauth2;
  const serverOptions: SMTPServerOptions = {
    authOptional: !verify,
    disabledCommands: [...(options.tls ? [] : ['STARTTLS']), ...(verify ? [] : ['AUTH'])],
    ...(verify
      ? {
          authMethods: ['XOAUTH2'],
          // Plain SMTP on 127.0.0.1 in tests; the real servers require TLS first.
          allowInsecureAuth: true,
          onAuth(auth, _session, callback) {
            const { username = '', accessToken = '' } = auth;
            verify(username, accessToken).then(
              (accepted) => {
                logins.push({ username, accessToken, accepted });
                if (accepted) callback(null, { user: username });
                else callback(null, { data: { status: '401', schemes: 'bearer', scope: 'SMTP.SendAsApp' } });
              },
              (error: Error) => callback(error),
            );
          },
        }
      : {}),
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : {}),
    logger: false,
    // A server going down (close) tells its open sessions 421 after this, not after 30 s.
    closeTimeout: 500,
    onConnect(_session, callback) {
      connections += 1;
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        attempts += 1;
        simpleParser(raw)
          .then(async (parsed) => {
            const mail: ReceivedMail = {
              to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              messageId: parsed.messageId ?? '',
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              raw,
            };
            const refusal = options.onMail ? await options.onMail(mail, session) : undefined;
            if (refusal === 'drop') {
              sessions().find((connection) => connection.id === session.id)?.close();
              return;
            }
            if (refusal) {
              callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
              return;
            }
            received.push(mail);
            callback();
          })
          .catch(callback);
      });
    },
  };
  const server = new SMTPServer(serverOptions);
  // smtp-server keeps its open sessions in `connections`; its type definitions leave it out.
  const sessions = () => [...(server as unknown as { connections: Set<{ id: string; close(): void }> }).connections];
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // smtp-server reports a client's socket errors on the server. A client that vanishes mid-session
  // (an app server killed with kill -9, its pooled connections reset) is what some tests are about,
  // not a failure of the test run: without a listener each ECONNRESET would be an uncaught error.
  server.on('error', () => undefined);
  const address = server.server.address();
  const boundPort = typeof address === 'object' && address ? address.port : (options.port ?? 0);
  return {
    port: boundPort,
    url: `smtp://127.0.0.1:${boundPort}`,
    received,
    attempts: () => attempts,
    connections: () => connections,
    logins,
    dropConnections: () => {
      for (const connection of sessions()) connection.close();
    },
    async waitFor(count, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} mails, got ${received.length}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
