// The deployment in deploy/ as shipped: systemd accepts the template unit, and nginx with
// deploy/nginx-klikvrij.conf (only ports, certificate and temp paths changed) passes reports over TLS to
// two real app servers on one PostgreSQL database, also when one of them has been killed.

import { execFileSync } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_MULTIPART_FIELD_BYTES, MAX_MULTIPART_FIELDS, MAX_SCREENSHOT_BYTES, MAX_SCREENSHOTS } from '../../server/shared/limits.js';
import { EXIT_TRY_AGAIN } from '../../server/startup-error.js';
import { freePort, REPO_ROOT, runServerToExit, startChildServer } from '../helpers/child-server.js';
import { testDatabaseFor } from '../helpers/postgres.js';
import { SHIPPED_NGINX_CONF, startShippedNginx } from '../helpers/nginx.js';
import { makeDataDir } from '../helpers/test-app.js';

const DEPLOY = path.join(REPO_ROOT, 'deploy');
const MIB = 1024 * 1024;

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

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

  it('restarts a server PostgreSQL does not answer yet (status 75), and not one whose login it refuses (status 1)', { timeout: 60_000 }, async () => {
    const unit = await readFile(path.join(DEPLOY, 'klikvrij@.service'), 'utf8');
    expect(unit).toMatch(/^Restart=on-failure$/m);
    expect(unit).toMatch(/^RestartPreventExitStatus=1$/m);
    const dataDir = await makeDataDir();
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const wrongPassword = new URL(await testDatabaseFor(dataDir));
    wrongPassword.password = 'niet-het-wachtwoord';
    const refused = await runServerToExit({ DATA_DIR: dataDir, DATABASE_URL: wrongPassword.href });
    expect(refused.code, refused.output).toBe(1);
    expect(refused.output).toMatch(/^DATABASE_URL postgres:\/\/[^:]+:\*\*\*@[^ ]+: cannot connect \(password authentication failed for user "[^"]+"\)\. Check the user, password and database name\.\n$/);
    const nobodyThere = new URL(wrongPassword);
    nobodyThere.port = String(await freePort());
    const later = await runServerToExit({ DATA_DIR: dataDir, DATABASE_URL: nobodyThere.href });
    expect(later.code, later.output).toBe(EXIT_TRY_AGAIN);
  });

  it('nginx with the shipped config passes reports over TLS to two servers, and past one that was killed', { timeout: 120_000 }, async () => {
    const shipped = await readFile(SHIPPED_NGINX_CONF, 'utf8');
    // The body size covers a report with every screenshot at its limit and every text field, and little more.
    const bodyMiB = Number(/client_max_body_size (\d+)m;/.exec(shipped)?.[1]);
    const largestReport = MAX_SCREENSHOTS * MAX_SCREENSHOT_BYTES + MAX_MULTIPART_FIELDS * MAX_MULTIPART_FIELD_BYTES;
    expect(bodyMiB * MIB).toBeGreaterThan(largestReport);
    expect(bodyMiB * MIB).toBeLessThan(largestReport + 2 * MIB);

    const dataDir = await makeDataDir();
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const env = { TRUST_PROXY: '127.0.0.1', PUBLIC_URL: 'https://meldpunt.example.nl' };
    const first = await startChildServer({ dataDir, env });
    cleanups.push(() => first.stop());
    const second = await startChildServer({ dataDir, env });
    cleanups.push(() => second.stop());
    const nginx = await startShippedNginx([first.port, second.port]);
    cleanups.push(() => nginx.stop());

    const before = await nginx.request('POST', '/api/reports', { json: { role: 'self', description: 'Melding via nginx: ze schelden me uit.' } });
    expect(before.status, before.body).toBe(201);
    // The server that answered is killed: nginx passes the next report to the other one.
    const answered = (await nginx.log()).at(-1)!.upstream;
    const [killed, other] = answered.endsWith(`:${first.port}`) ? [first, second] : [second, first];
    expect(answered).toBe(`127.0.0.1:${killed.port}`);
    await killed.crash();
    const after = await nginx.request('POST', '/api/reports', { json: { role: 'self', description: 'Nog een melding via nginx.' } });
    expect(after.status, after.body).toBe(201);
    expect((await nginx.log()).at(-1)).toMatchObject({ upstream: expect.stringMatching(new RegExp(`127\\.0\\.0\\.1:${other.port}$`)), status: 201 });
    // nginx tried the killed server first; its error log names neither the client nor the report's request.
    expect((await nginx.log()).at(-1)!.upstream).toContain(`127.0.0.1:${killed.port}, `);
    const errors = await nginx.errorLog();
    expect(errors).not.toMatch(/client: /);
    expect(errors).not.toContain('/api/reports');
    // Plain HTTP is sent to HTTPS.
    const plain = await fetch(`http://127.0.0.1:${nginx.httpPort}/`, { redirect: 'manual', headers: { host: 'meldpunt.example.nl' } });
    expect(plain.status).toBe(301);
    expect(plain.headers.get('location')).toBe('https://meldpunt.example.nl/');
  });
});
