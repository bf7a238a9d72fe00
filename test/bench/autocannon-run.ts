// Runs autocannon's CLI in its own process, so the load generator never shares an event loop (or a
// core's worth of scheduling) with the server it measures.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './lib.js';

export interface LoadResult {
  /** Mean requests per second over the run (autocannon's requests.average). */
  reqPerSec: number;
  p50: number;
  p99: number;
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

/** A floor measured before and after the app, as one: rates and latencies averaged, counts added up. */
export function floorOfBoth(before: LoadResult, after: LoadResult): LoadResult {
  return {
    reqPerSec: (before.reqPerSec + after.reqPerSec) / 2,
    p50: (before.p50 + after.p50) / 2,
    p99: (before.p99 + after.p99) / 2,
    total: before.total + after.total,
    non2xx: before.non2xx + after.non2xx,
    errors: before.errors + after.errors,
    timeouts: before.timeouts + after.timeouts,
  };
}

interface AutocannonJson {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

const CLI = path.join(REPO_ROOT, 'node_modules/autocannon/autocannon.js');

export async function autocannon(options: {
  url: string;
  body: string;
  bodyFile: string;
  connections: number;
  seconds: number;
}): Promise<LoadResult> {
  writeFileSync(options.bodyFile, options.body);
  const args = [
    CLI,
    '--json',
    '--no-progress',
    '-c', String(options.connections),
    '-d', String(options.seconds),
    '-m', 'POST',
    '-H', 'content-type=application/json',
    '-i', options.bodyFile,
    options.url,
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const text = Buffer.concat(out).toString('utf8').trim();
  const line = text.split('\n').filter((l) => l.startsWith('{')).pop();
  if (code !== 0 || !line) {
    throw new Error(`autocannon failed (${code}): ${Buffer.concat(err).toString('utf8')}${text}`);
  }
  const result = JSON.parse(line) as AutocannonJson;
  return {
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}
