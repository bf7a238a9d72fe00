// A mail server with a certificate of its own CA (a school's internal relay): a plain smtp:// URL
// still speaks STARTTLS when the server offers it, the certificate is then checked, and the
// operator chooses how: SMTP_CA_FILE with the CA, or SMTP_TLS_INSECURE=true for a trusted relay.
// The CA and the server's certificate are made here with openssl; the server is a real smtp-server.

import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let certs: string;
let smtp: TestSmtpServer;
const secureSessions: boolean[] = [];

beforeAll(async () => {
  certs = await mkdtemp(path.join(tmpdir(), 'klikvrij-ca-'));
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: certs, stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  run('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=klikvrij test school CA');
  run('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  await writeFile(path.join(certs, 'san.ext'), 'subjectAltName=IP:127.0.0.1\n');
  run('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'san.ext');
  smtp = await startSmtpServer({
    tls: { key: await readFile(path.join(certs, 'server.key')), cert: await readFile(path.join(certs, 'server.pem')) },
    async onMail(_mail, session) {
      secureSessions.push(session.secure);
    },
  });
});
afterAll(async () => {
  await smtp?.close();
  await rm(certs, { recursive: true, force: true });
});

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** A report (which queues its notifications), then one round of the mail worker. */
async function reportAndSend(env: Record<string, string>): Promise<{ sent: number; error: string | null }> {
  t = await startTestApp({ env: { SMTP_URL: smtp.url, ...env } });
  const response = await t.app.inject({ method: 'POST', url: '/api/reports', payload: { role: 'self', description: 'Ze pakken mijn pet af.' } });
  expect(response.statusCode).toBe(201);
  const sent = await t.context.mailWorker.sendDue();
  const row = await t.context.db.selectFrom('outbox').select('last_error').where('last_error', 'is not', null).executeTakeFirst();
  return { sent, error: row?.last_error ?? null };
}

describe('SMTP with a private CA over STARTTLS on smtp://', () => {
  it('refuses the certificate without a CA file: no mail goes in clear instead', async () => {
    const before = smtp.received.length;
    const { sent, error } = await reportAndSend({});
    console.log(`private CA, no SMTP_CA_FILE: ${sent} sent, error: ${error}`);
    expect(sent).toBe(0);
    expect(error).toMatch(/certificate/i);
    expect(smtp.received.length).toBe(before);
  });

  it('sends over STARTTLS with SMTP_CA_FILE naming the CA', async () => {
    secureSessions.length = 0;
    const { sent, error } = await reportAndSend({ SMTP_CA_FILE: path.join(certs, 'ca.pem') });
    console.log(`private CA with SMTP_CA_FILE: ${sent} sent over TLS: ${secureSessions.every(Boolean)}`);
    expect(error).toBeNull();
    expect(sent).toBeGreaterThan(0);
    expect(secureSessions.length).toBe(sent);
    expect(secureSessions.every(Boolean)).toBe(true);
  });

  it('sends with SMTP_TLS_INSECURE=true, still over TLS', async () => {
    secureSessions.length = 0;
    const { sent, error } = await reportAndSend({ SMTP_TLS_INSECURE: 'true' });
    expect(error).toBeNull();
    expect(sent).toBeGreaterThan(0);
    expect(secureSessions.every(Boolean)).toBe(true);
  });

  it('refuses to start with a CA file it cannot read or that holds no certificate, naming it', async () => {
    const missing = path.join(certs, 'missing.pem');
    expect(() => loadConfig({ SMTP_URL: smtp.url, SMTP_CA_FILE: missing })).toThrow(`Cannot read SMTP_CA_FILE ${missing}`);
    const key = path.join(certs, 'ca.key');
    expect(() => loadConfig({ SMTP_URL: smtp.url, SMTP_CA_FILE: key })).toThrow(`SMTP_CA_FILE: ${key} holds no PEM certificate`);
    expect(() => loadConfig({ SMTP_TLS_INSECURE: 'yes' })).toThrow(/SMTP_TLS_INSECURE/);
  });
});
