// A real nginx with deploy/nginx-klikvrij.conf as shipped in front of real app servers: only the
// listening ports, the upstream ports, the certificate and nginx's temp paths are changed, and the
// test gets an access log of its own (which client address reached which server with what status).

import { execFile, execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort, REPO_ROOT } from './child-server.js';

const run = promisify(execFile);

/** The shipped site configuration. */
export const SHIPPED_NGINX_CONF = path.join(REPO_ROOT, 'deploy', 'nginx-klikvrij.conf');
/** The name nginx serves and the test certificate is made for. */
const SERVER_NAME = 'meldpunt.example.nl';
/** How long log() waits for nginx to write the lines of responses already read. */
const LOG_WAIT_MS = 5_000;

export interface NginxResponse {
  status: number;
  body: string;
}

export interface RequestOptions {
  json?: unknown;
  body?: Buffer;
  headers?: Record<string, string>;
  /** The client's own address (any of 127/8 on Linux): what nginx sees as $remote_addr. */
  localAddress?: string;
}

export interface LoggedRequest {
  client: string;
  /** The app server's address:port, or the list nginx tried ("a, b") when one failed. */
  upstream: string;
  status: number;
}

export interface ShippedNginx {
  httpPort: number;
  httpsPort: number;
  /** HTTPS to nginx as a browser would ask for the site. */
  request: (method: string, urlPath: string, options?: RequestOptions) => Promise<NginxResponse>;
  /** Every request nginx has answered so far, in order. */
  log: () => Promise<LoggedRequest[]>;
  /** nginx's main error log (the helper's own; the shipped site may send its requests' errors elsewhere). */
  errorLog: () => Promise<string>;
  stop: () => Promise<void>;
}

/**
 * Starts nginx in the foreground on the shipped config with the two upstream servers replaced by
 * `upstreamPorts`; `edit` may change the site text further (a test's own variant of the config).
 */
export async function startShippedNginx(upstreamPorts: readonly [number, number], edit: (site: string) => string = (site) => site): Promise<ShippedNginx> {
  const dir = await mkdtemp(path.join(tmpdir(), 'klikvrij-nginx-'));
  try {
    await run('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', `/CN=${SERVER_NAME}`,
      '-addext', `subjectAltName=DNS:${SERVER_NAME}`, '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'),
    ]);
    const ca = await readFile(path.join(dir, 'cert.pem'), 'utf8');
    const [httpPort, httpsPort] = [await freePort(), await freePort()];
    const shipped = await readFile(SHIPPED_NGINX_CONF, 'utf8');
    const site = edit(
      shipped
        .replace('127.0.0.1:3001', `127.0.0.1:${upstreamPorts[0]}`)
        .replace('127.0.0.1:3002', `127.0.0.1:${upstreamPorts[1]}`)
        .replace(/^\s*listen \[::\].*$/gm, '')
        .replace('listen 80;', `listen 127.0.0.1:${httpPort};`)
        .replace('listen 443 ssl http2;', `listen 127.0.0.1:${httpsPort} ssl http2;`)
        .replace(/ssl_certificate \S+;/, `ssl_certificate ${dir}/cert.pem;`)
        .replace(/ssl_certificate_key \S+;/, `ssl_certificate_key ${dir}/key.pem;`)
        .replace('access_log off;', `access_log ${dir}/upstream.log upstream;`),
    );
    const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((name) => `${name}_temp_path ${dir}/${name};`).join(' ');
    const user = process.getuid?.() === 0 ? 'user root;' : '';
    const conf = path.join(dir, 'nginx.conf');
    await writeFile(
      conf,
      `${user} pid ${dir}/nginx.pid; error_log ${dir}/error.log; worker_processes 1; events {}\n` +
        `http { ${temp} log_format upstream '$remote_addr|$upstream_addr|$status';\n${site}\n}\n`,
    );
    execFileSync('nginx', ['-t', '-p', dir, '-c', conf], { stdio: 'pipe' });
    const nginx = spawn('nginx', ['-p', dir, '-c', conf, '-g', 'daemon off;'], { stdio: 'ignore' });
    const exited = new Promise((resolve) => nginx.once('exit', resolve));

    // nginx writes a request's log line after it has sent the response, so log() waits for a line
    // for every response this helper has read.
    let answered = 0;
    const request = (method: string, urlPath: string, options: RequestOptions = {}) =>
      new Promise<NginxResponse>((resolve, reject) => {
        const payload = options.json === undefined ? options.body : Buffer.from(JSON.stringify(options.json));
        const headers = { host: SERVER_NAME, ...(options.json === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers };
        const req = https.request(
          { host: '127.0.0.1', port: httpsPort, method, path: urlPath, ca, servername: SERVER_NAME, headers, localAddress: options.localAddress },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => {
              answered += 1;
              resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
            });
          },
        );
        req.on('error', reject);
        req.end(payload);
      });
    const stop = async () => {
      nginx.kill('SIGQUIT');
      await exited;
      await rm(dir, { recursive: true, force: true });
    };

    const deadline = Date.now() + 20_000;
    while ((await request('GET', '/healthz').catch(() => ({ status: 0 }))).status !== 200) {
      if (Date.now() > deadline) {
        const why = await readFile(path.join(dir, 'error.log'), 'utf8').catch(() => 'nginx did not answer');
        await stop();
        throw new Error(why);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const readLog = async () => (await readFile(path.join(dir, 'upstream.log'), 'utf8')).trim().split('\n').filter(Boolean);
    const log = async () => {
      const logDeadline = Date.now() + LOG_WAIT_MS;
      let lines = await readLog();
      while (lines.length < answered && Date.now() < logDeadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        lines = await readLog();
      }
      return lines.map((line) => {
        const [client, upstream, status] = line.split('|');
        return { client: client!, upstream: upstream!, status: Number(status) };
      });
    };
    const errorLog = () => readFile(path.join(dir, 'error.log'), 'utf8').catch(() => '');
    return { httpPort, httpsPort, request, log, errorLog, stop };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
