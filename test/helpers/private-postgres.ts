import { execFile } from 'node:child_process';
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './child-server.js';

const run = promisify(execFile);

/** Debian's PostgreSQL server binaries (package postgresql-15). */
export const POSTGRES_BIN = '/usr/lib/postgresql/15/bin';

/**
 * A PostgreSQL cluster of the test's own in a temporary folder on a free port, which the test may
 * stop and start: a real outage, not a refused role. initdb refuses root, so as root (.ci/run) the
 * cluster belongs to Debian's postgres user.
 */
export interface PrivatePostgres {
  url: (database: string) => string;
  start: () => Promise<void>;
  /** pg_ctl stop -m fast: every connection ended, new ones refused, as at a server restart. */
  stop: () => Promise<void>;
  remove: () => Promise<void>;
  /** The PID of the running server (the postmaster, parent of every backend). */
  serverPid: () => Promise<number>;
}

/**
 * `durable`: PostgreSQL's defaults (fsync on, synchronous_commit on), so a COMMIT waits for the
 * disk, as the benchmark of PostgreSQL submission needs. Without it fsync is off: tests do not
 * measure durability, and a test's cluster is thrown away. `settings`: more server settings (-c).
 */
export async function startPrivatePostgres(options: { durable?: boolean; settings?: Record<string, string> } = {}): Promise<PrivatePostgres> {
  const dir = await mkdtemp(path.join(tmpdir(), 'klikvrij-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const pgCommand = (tool: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', path.join(POSTGRES_BIN, tool), ...args]) : run(path.join(POSTGRES_BIN, tool), args);
  const data = path.join(dir, 'data');
  const port = await freePort();
  await pgCommand('initdb', ['-D', data, '--auth=trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const extra = Object.entries({ ...(options.durable ? {} : { fsync: 'off' }), ...options.settings }).map(([name, value]) => ` -c ${name}=${value}`);
  const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1${extra.join('')}`;
  const url = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const cluster: PrivatePostgres = {
    url,
    start: async () => {
      await pgCommand('pg_ctl', ['-D', data, '-o', settings, '-l', path.join(dir, 'log'), '-w', 'start']);
    },
    stop: async () => {
      await pgCommand('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    },
    serverPid: async () => Number((await readFile(path.join(data, 'postmaster.pid'), 'utf8')).split('\n')[0]),
    remove: async () => {
      await cluster.stop().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
  await cluster.start();
  const admin = new pg.Client({ connectionString: url('postgres') });
  await admin.connect();
  await admin.query('CREATE DATABASE klikvrij');
  await admin.end();
  return cluster;
}
