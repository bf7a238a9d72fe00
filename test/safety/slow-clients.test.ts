// Slow and idle clients must not hold the server: a connection that drips its headers or its body
// is closed at the timeout, and past the connection cap new connections are turned away at once,
// while ordinary requests keep being served.
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { HEADERS_TIMEOUT_MS, MAX_CONNECTIONS } from '../../server/shared/limits.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { httpRequest } from './support.js';

const DRIP_EVERY_MS = 1_000;

// The tests mostly wait for timeouts, so they run side by side, each against its own server.
const apps: TestApp[] = [];
afterAll(async () => {
  await Promise.all(apps.map((app) => app.close()));
});

async function listen(env: Record<string, string> = {}): Promise<{ port: number; t: TestApp }> {
  const t = await startTestApp({ env });
  apps.push(t);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  return { port: (t.app.server.address() as AddressInfo).port, t };
}

interface Drip {
  /** Resolves with what the server sent before it closed the connection. */
  closed: Promise<string>;
  isOpen: () => boolean;
}

/** Opens a connection that sends `head` at once and then `drip` one byte a second, never finishing. */
function drip(port: number, head: string, drip: string): Drip {
  let open = true;
  const socket = net.connect(port, '127.0.0.1');
  const received: Buffer[] = [];
  let sent = 0;
  const timer = setInterval(() => {
    if (!socket.writable) return;
    socket.write(drip[sent % drip.length]!);
    sent += 1;
  }, DRIP_EVERY_MS);
  socket.on('connect', () => socket.write(head));
  socket.on('data', (chunk: Buffer) => received.push(chunk));
  const closed = new Promise<string>((resolve) => {
    socket.on('close', () => {
      open = false;
      clearInterval(timer);
      resolve(Buffer.concat(received).toString('latin1'));
    });
    socket.on('error', () => undefined);
  });
  return { closed, isOpen: () => open };
}

describe.concurrent('slow clients', () => {
  it(`closes 200 connections that drip their headers a byte a second once ${HEADERS_TIMEOUT_MS / 1000} s have passed, serving others meanwhile`, async () => {
    const { port } = await listen();
    const drips = Array.from({ length: 200 }, () => drip(port, 'GET /staff HTTP/1.1\r\nX-Slow: ', 'a'));
    await new Promise((resolve) => setTimeout(resolve, 2 * DRIP_EVERY_MS));
    expect(drips.filter((d) => d.isOpen())).toHaveLength(200);
    expect((await httpRequest(`http://127.0.0.1:${port}/api/schools/default`)).status).toBe(200);
    // Without a headers timeout these stay open for as long as the bytes keep coming.
    await Promise.all(drips.map((d) => d.closed));
    expect((await httpRequest(`http://127.0.0.1:${port}/api/schools/default`)).status).toBe(200);
  }, 30_000);

  it('closes a request whose body drips, at the request timeout the operator set', async () => {
    const { port, t } = await listen({ REQUEST_TIMEOUT_SECONDS: String(HEADERS_TIMEOUT_MS / 1000) });
    const head = 'POST /api/reports HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{"a":"';
    const slow = drip(port, head, 'x');
    const answer = await slow.closed;
    // Node answers 408 when it can; a closed connection is enough.
    if (answer) expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(await t.context.db.selectFrom('report').select('id').execute()).toHaveLength(0);
  }, 30_000);

  it(`turns connections past ${MAX_CONNECTIONS} away at once and serves again when they are gone`, async () => {
    const { port } = await listen();
    const held = Array.from({ length: MAX_CONNECTIONS }, () => drip(port, 'GET / HTTP/1.1\r\nX-Hold: ', 'a'));
    await new Promise((resolve) => setTimeout(resolve, 2 * DRIP_EVERY_MS));
    expect(held.filter((d) => d.isOpen())).toHaveLength(MAX_CONNECTIONS);
    const extra = drip(port, 'GET / HTTP/1.1\r\nX-Hold: ', 'a');
    expect(await extra.closed).toBe('');
    expect(held.filter((d) => d.isOpen())).toHaveLength(MAX_CONNECTIONS);
    await Promise.all(held.map((d) => d.closed));
    expect((await httpRequest(`http://127.0.0.1:${port}/api/schools/default`)).status).toBe(200);
  }, 30_000);
});
