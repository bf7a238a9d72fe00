// SIGTERM while clients are connected: a request on a kept-alive connection gets the error shape
// (503, Dutch, Retry-After) rather than Fastify's own body, and a slow client cannot hold the stop
// beyond SHUTDOWN_DEADLINE_MS: the server closes what is still open and exits. A second signal during
// the stop (Ctrl-C on `npm start`: the terminal and npm each send SIGINT) does not cut it short.

import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startChildServer, type ChildServer } from '../helpers/child-server.js';
import { makeDataDir, startTestApp, type TestApp } from '../helpers/test-app.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!().catch(() => undefined);
});

const BODY = JSON.stringify({ role: 'self', description: 'Ze pakken elke dag mijn pet af.' });

function connect(port: number): Promise<{ socket: net.Socket; received: () => string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.once('error', reject);
    socket.once('connect', () => resolve({ socket, received: () => Buffer.concat(chunks).toString('utf8') }));
  });
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** The real server with a report under way on a connection of its own: headers and the body's first bytes sent. */
async function serverWithRequestUnderWay(env: Record<string, string> = {}) {
  const server: ChildServer = await startChildServer({ dataDir: await makeDataDir(), env });
  cleanups.push(() => server.crash());
  const { socket, received } = await connect(server.port);
  cleanups.push(async () => socket.destroy());
  socket.write(`POST /api/reports HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${BODY.length}\r\n\r\n`);
  socket.write(BODY.slice(0, 10));
  await new Promise((resolve) => setTimeout(resolve, 200));
  return { server, socket, received };
}

describe('stopping', () => {
  it('answers a kept-alive request during the stop in the error shape', { timeout: 30_000 }, async () => {
    const t: TestApp = await startTestApp();
    cleanups.push(() => t.close());
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as net.AddressInfo;
    const { socket, received } = await connect(port);
    cleanups.push(async () => socket.destroy());

    // The first request's body is still on its way when the stop begins.
    socket.write(`POST /api/reports HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${BODY.length}\r\n\r\n`);
    socket.write(BODY.slice(0, 10));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closing = t.app.close();
    socket.write(BODY.slice(10));
    await until(() => received().includes('\r\n\r\n{'));
    // The next request on the same connection, while the server stops.
    socket.write('GET /api/schools/default HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    await until(() => received().split('HTTP/1.1 ').length > 2 || socket.destroyed);
    await closing;
    const answers = received().split(/(?=HTTP\/1\.1 )/);
    console.log(`stop: first request ${answers[0]?.slice(9, 12)}, next on the same connection ${answers[1]?.slice(9, 12) ?? 'none (closed)'}`);
    expect(answers[0]).toMatch(/^HTTP\/1\.1 201/);
    expect(answers[1]).toMatch(/^HTTP\/1\.1 503/);
    expect(answers[1]).toMatch(/retry-after: 60/i);
    expect(answers[1]).toContain('{"error":{"code":"shutting_down","message":"De server start even opnieuw. Probeer het zo nog eens.","fields":{}}}');
  });

  it('closes a slow client at the deadline and exits instead of waiting for it', { timeout: 60_000 }, async () => {
    const server: ChildServer = await startChildServer({ dataDir: await makeDataDir() });
    cleanups.push(() => server.crash());
    const { socket } = await connect(server.port);
    cleanups.push(async () => socket.destroy());
    // Headers, then a byte of body now and then: a request that would take minutes.
    socket.write(`POST /api/reports HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${BODY.length}\r\n\r\n`);
    let sentBytes = 0;
    const trickle = setInterval(() => socket.write(BODY[sentBytes++] ?? ' '), 1_000);
    cleanups.push(async () => clearInterval(trickle));
    await new Promise((resolve) => setTimeout(resolve, 500));
    server.process.kill('SIGTERM');
    const exit = await server.exited;
    console.log(`stop with a slow client: exit ${exit.code}, ${sentBytes} body bytes sent meanwhile`);
    expect(exit.code).toBe(0);
    expect(server.output()).toContain('shutdown deadline passed: closing the connections still open');
    expect(sentBytes).toBeLessThan(BODY.length);
  });

  it('stops as cleanly on SIGHUP (the terminal of `npm start` closed), answering the request under way', { timeout: 30_000 }, async () => {
    const { server, socket, received } = await serverWithRequestUnderWay();
    server.process.kill('SIGHUP');
    socket.write(BODY.slice(10));
    const exit = await server.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(received()).toMatch(/^HTTP\/1\.1 201/);
  });

  it('lets a second SIGINT during the stop pass, and still answers the request under way', { timeout: 30_000 }, async () => {
    const { server, socket, received } = await serverWithRequestUnderWay({ LOG_LEVEL: 'info' });
    // Ctrl-C reaches the server twice: from the terminal, and forwarded by npm.
    server.process.kill('SIGINT');
    await until(() => server.output().includes('"msg":"stopping"'));
    server.process.kill('SIGINT');
    socket.write(BODY.slice(10));
    const exit = await server.exited;
    console.log(`two SIGINTs: exit ${exit.code ?? exit.signal}, request under way answered ${received().slice(9, 12) || 'not at all'}`);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(received()).toMatch(/^HTTP\/1\.1 201/);
  });
});
