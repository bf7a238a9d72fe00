// Polls GET /healthz (or another path) one request at a time, in a process of its own, so the latency
// it records is the server's and not that of a benchmark process busy sending uploads. Runs until
// stdin closes, then prints the latencies (ms) as one JSON line.
//   node --import tsx test/bench/health-poller.ts http://127.0.0.1:PORT 10 [/staff]
import { spawn } from 'node:child_process';
import path from 'node:path';
import { isMain, procCpuMs, REPO_ROOT } from './lib.js';

async function poll(url: string, gapMs: number, pathname: string): Promise<void> {
  let stop = false;
  process.stdin.on('end', () => (stop = true));
  process.stdin.on('close', () => (stop = true));
  process.stdin.resume();
  const latencies: number[] = [];
  while (!stop) {
    const t0 = performance.now();
    try {
      const response = await fetch(`${url}${pathname}`, { signal: AbortSignal.timeout(10_000) });
      await response.arrayBuffer();
      latencies.push(performance.now() - t0);
      if (latencies.length === 1) process.stdout.write('ready\n');
    } catch {
      latencies.push(Number.POSITIVE_INFINITY);
    }
    await new Promise((resolve) => setTimeout(resolve, gapMs));
  }
  process.stdout.write(`${JSON.stringify(latencies.map((l) => (Number.isFinite(l) ? l : 1e9)))}\n`);
}

/**
 * Starts a poller process and resolves once it has had its first answer; `stop()` ends it and
 * resolves with the latencies it measured from then on.
 */
export async function startHealthPoller(
  url: string,
  gapMs: number,
  pathname = '/healthz',
): Promise<{ stop: () => Promise<number[]>; cpuMs: () => number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'test/bench/health-poller.ts'), url, String(gapMs), pathname], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const out: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      if (Buffer.concat(out).toString('utf8').startsWith('ready\n')) {
        child.stdout.off('data', check);
        resolve();
      }
    };
    child.stdout.on('data', check);
    void exited.then(() => reject(new Error('health poller exited before its first answer')));
  });
  out.length = 0;
  return {
    /** CPU the poller process has used so far (it shares the cores with the server). */
    cpuMs: () => procCpuMs(child.pid!),
    async stop() {
      child.stdin.end();
      await exited;
      const line = Buffer.concat(out).toString('utf8').trim().split('\n').pop() ?? '[]';
      return JSON.parse(line) as number[];
    },
  };
}

if (isMain(import.meta.url)) await poll(process.argv[2]!, Number(process.argv[3] ?? 10), process.argv[4] ?? '/healthz');
