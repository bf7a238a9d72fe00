// The deployment in deploy/ as shipped: systemd accepts the template unit, and nginx with
// deploy/nginx-klikvrij.conf (only ports, certificate and temp paths changed) passes reports over TLS to
// two real app servers on one PostgreSQL database, also when one of them has been killed.

import { execFile, execFileSync, spawn } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_MULTIPART_FIELD_BYTES, MAX_MULTIPART_FIELDS, MAX_SCREENSHOT_BYTES, MAX_SCREENSHOTS } from '../../server/shared/limits.js';
import { freePort, REPO_ROOT, startChildServer } from '../helpers/child-server.js';
import { makeDataDir } from '../helpers/test-app.js';

const run = promisify(execFile);
const DEPLOY = path.join(REPO_ROOT, 'deploy');
const MIB = 1024 * 1024;

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

function request(port: number, ca: string, method: string, urlPath: string, body?: unknown): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = https.request(
      { host: '127.0.0.1', port, method, path: urlPath, ca, servername: 'meldpunt.example.nl', headers: { host: 'meldpunt.example.nl', ...(payload ? { 'content-type': 'application/json' } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

describe('the deployment in deploy/', () => {
  it('ships a template unit that systemd accepts for an instance, with the folder modes', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'klikvrij-unit-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    await copyFile(path.join(DEPLOY, 'klikvrij@.service'), path.join(dir, 'klikvrij@3001.service'));
    execFileSync('systemd-analyze', ['verify', path.join(dir, 'klikvrij@3001.service')], { stdio: 'pipe' });
    const unit = await readFile(path.join(DEPLOY, 'klikvrij@.service'), 'utf8');
    expect(unit).toMatch(/^StateDirectoryMode=0700$/m);
    expect(unit).toMatch(/^UMask=0077$/m);
    expect(unit).toMatch(/PORT=%i/);
  });

  it('nginx with the shipped config passes reports over TLS to two servers, and past one that was killed', { timeout: 120_000 }, async () => {
    const shipped = await readFile(path.join(DEPLOY, 'nginx-klikvrij.conf'), 'utf8');
    // The body size covers a report with every screenshot at its limit and every text field, and little more.
    const bodyMiB = Number(/client_max_body_size (\d+)m;/.exec(shipped)?.[1]);
    const largestReport = MAX_SCREENSHOTS * MAX_SCREENSHOT_BYTES + MAX_MULTIPART_FIELDS * MAX_MULTIPART_FIELD_BYTES;
    expect(bodyMiB * MIB).toBeGreaterThan(largestReport);
    expect(bodyMiB * MIB).toBeLessThan(largestReport + 2 * MIB);

    const dir = await mkdtemp(path.join(tmpdir(), 'klikvrij-nginx-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=meldpunt.example.nl', '-addext', 'subjectAltName=DNS:meldpunt.example.nl', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')]);
    const ca = await readFile(path.join(dir, 'cert.pem'), 'utf8');

    const dataDir = await makeDataDir();
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const env = { TRUST_PROXY: '127.0.0.1', PUBLIC_URL: 'https://meldpunt.example.nl' };
    const first = await startChildServer({ dataDir, env });
    cleanups.push(() => first.stop());
    const second = await startChildServer({ dataDir, env });
    cleanups.push(() => second.stop());

    const [httpPort, httpsPort] = [await freePort(), await freePort()];
    const site = shipped
      .replace('127.0.0.1:3001', `127.0.0.1:${first.port}`)
      .replace('127.0.0.1:3002', `127.0.0.1:${second.port}`)
      .replace(/^\s*listen \[::\].*$/gm, '')
      .replace('listen 80;', `listen 127.0.0.1:${httpPort};`)
      .replace('listen 443 ssl http2;', `listen 127.0.0.1:${httpsPort} ssl http2;`)
      .replace(/ssl_certificate \S+;/, `ssl_certificate ${dir}/cert.pem;`)
      .replace(/ssl_certificate_key \S+;/, `ssl_certificate_key ${dir}/key.pem;`)
      // The test's own log of which server answered (no client address in it).
      .replace('access_log off;', `access_log ${dir}/upstream.log upstream;`);
    const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((name) => `${name}_temp_path ${dir}/${name};`).join(' ');
    const user = process.getuid?.() === 0 ? 'user root;' : '';
    await writeFile(
      path.join(dir, 'nginx.conf'),
      `${user} pid ${dir}/nginx.pid; error_log ${dir}/error.log; worker_processes 1; events {}\nhttp { ${temp} log_format upstream '$upstream_addr $status';\n${site}\n}\n`,
    );
    execFileSync('nginx', ['-t', '-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: 'pipe' });
    const nginx = spawn('nginx', ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'ignore' });
    const nginxExited = new Promise((resolve) => nginx.once('exit', resolve));
    cleanups.push(async () => {
      nginx.kill('SIGQUIT');
      await nginxExited;
    });
    const deadline = Date.now() + 20_000;
    while ((await request(httpsPort, ca, 'GET', '/healthz').catch(() => ({ status: 0 }))).status !== 200) {
      if (Date.now() > deadline) throw new Error(await readFile(path.join(dir, 'error.log'), 'utf8').catch(() => 'nginx did not answer'));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const upstreams = async () => (await readFile(path.join(dir, 'upstream.log'), 'utf8')).trim().split('\n');
    const before = await request(httpsPort, ca, 'POST', '/api/reports', { role: 'self', description: 'Melding via nginx: ze schelden me uit.' });
    expect(before.status, before.body).toBe(201);
    // The server that answered is killed: nginx passes the next report to the other one.
    const answered = (await upstreams()).at(-1)!.split(' ')[0]!;
    const [killed, other] = answered.endsWith(`:${first.port}`) ? [first, second] : [second, first];
    expect(answered).toBe(`127.0.0.1:${killed.port}`);
    await killed.crash();
    const after = await request(httpsPort, ca, 'POST', '/api/reports', { role: 'self', description: 'Nog een melding via nginx.' });
    expect(after.status, after.body).toBe(201);
    expect((await upstreams()).at(-1)).toMatch(new RegExp(`127\\.0\\.0\\.1:${other.port} 201$`));
    // Plain HTTP is sent to HTTPS.
    const plain = await fetch(`http://127.0.0.1:${httpPort}/`, { redirect: 'manual', headers: { host: 'meldpunt.example.nl' } });
    expect(plain.status).toBe(301);
    expect(plain.headers.get('location')).toBe('https://meldpunt.example.nl/');
  });
});
