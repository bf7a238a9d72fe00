// A login token must never reach a log line: not ours, not a reverse proxy's. Mail scanners fetch
// every link as soon as a mail arrives, so whatever part of the link a server sees is logged
// before the person even opens the mail.
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserApp, type BrowserApp } from '../helpers/chromium.js';
import { BERTINE, outbox } from '../helpers/staff.js';
import { httpRequest, postJson } from './support.js';

let run: BrowserApp;

beforeAll(async () => {
  run = await startBrowserApp();
});
afterAll(async () => {
  await run?.close();
});

/** Asks for a link over HTTP and returns the link of the newest login mail, as the mailbox shows it. */
async function mailedLink(email: string, localAddress: string): Promise<URL> {
  expect((await postJson(`${run.baseUrl}/api/staff/login`, { email }, { localAddress })).status).toBe(202);
  const mail = (await outbox(run.t, 'staff-login')).at(-1)!;
  const link = /https?:\/\/\S+\/staff\/login\S*/.exec(mail.text_body)?.[0];
  expect(link).toBeDefined();
  // PUBLIC_URL names the default port; this server listens on a free one.
  const { pathname, search, hash } = new URL(link!);
  return new URL(`${pathname}${search}${hash}`, run.baseUrl);
}

/** Sends a request line as written, fragment and all, the way a careless client might. */
function rawGet(target: string): Promise<string> {
  const { port } = run.t.app.server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.on('error', reject);
  });
}

describe('login token', () => {
  it('travels in the fragment: what a server or proxy sees of the link holds no token, and a scanner fetch neither logs nor spends it', async () => {
    const link = await mailedLink(BERTINE, '127.0.0.21');
    const token = link.hash.slice(1);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The request line a proxy would log: path and query only.
    expect(link.pathname + link.search).not.toContain(token);

    // A mail scanner fetches the link as it is; HTTP clients never send the fragment.
    const scanned = await httpRequest(link.href);
    expect(scanned.status).toBe(200);
    expect(run.t.logOutput()).toContain('"url":"/staff/login"');
    expect(run.t.logOutput()).not.toContain(token);

    // The person still logs in with it afterwards.
    expect((await postJson(`${run.baseUrl}/api/staff/sessions`, { token }, { localAddress: '127.0.0.21' })).status).toBe(201);
    expect(run.t.logOutput()).not.toContain(token);
  });

  it('is redacted from the log when a client puts it in the path or sends the fragment', async () => {
    const secret = 'Zq9PathTokenThatMustNotBeLogged_0123456789x';
    expect((await httpRequest(`${run.baseUrl}/staff/login/${secret}`)).status).toBe(200);
    expect((await httpRequest(`${run.baseUrl}/staff/login/${secret}?x=1`)).status).toBe(200);
    expect(await rawGet(`/staff/login#${secret}`)).toMatch(/^HTTP\/1\.1 [24]\d\d /);
    expect(run.t.logOutput()).toContain('/staff/login/[redacted]');
    expect(run.t.logOutput()).not.toContain(secret);
  });

  it('is read by the page and cleared from the address bar and history before the person presses Inloggen', async () => {
    const link = await mailedLink(BERTINE, '127.0.0.22');
    const context = await run.browser.newContext({ locale: 'nl-NL' });
    const page = await context.newPage();
    await page.goto(link.href);
    await page.getByRole('button', { name: 'Inloggen', exact: true }).waitFor();
    expect(page.url()).toBe(`${run.baseUrl}/staff/login`);
    // The history entry itself was rewritten: back and forward return to the page without the token.
    await page.goBack();
    await page.goForward();
    expect(page.url()).toBe(`${run.baseUrl}/staff/login`);
    await page.goto(link.href);
    await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
    await page.getByRole('heading', { name: 'Meldingen' }).waitFor();
    expect(page.url()).not.toContain(link.hash.slice(1));
    await context.close();
  });

  it('refuses an old-style link in the path with a clear message and a way to ask for a new one', async () => {
    const context = await run.browser.newContext({ locale: 'nl-NL' });
    const page = await context.newPage();
    await page.goto(`${run.baseUrl}/staff/login/OldStyleTokenFromAnEarlierMail_abcdefghijk`);
    await page.getByText('Deze inloglink is van een oudere soort en werkt niet meer.').waitFor();
    await page.getByRole('button', { name: 'Stuur mij een inloglink' }).waitFor();
    expect(page.url()).toBe(`${run.baseUrl}/staff/login`);
    await context.close();
  });
});
