// A class at once: a whole class behind one school address reports within minutes and gets
// through; a flood from one address is slowed to 429s while another address is still served, and
// the server's memory stays flat through it. Real sockets on a real port; each loopback source
// address (127.0.0.x) is one "school".

import http from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_RATE_LIMIT } from '../../server/shared/limits.js';
import { pngImage } from '../helpers/images.js';
import { multipartBody } from '../helpers/multipart.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { expectErrorShape, httpRequest, type HttpResponse } from './support.js';

const CLASS_SIZE = 30;
const FLOOD = 1000;
const FLOOD_CONCURRENCY = 50;

let t: TestApp;
let url: string;
let png: Buffer;
const agents: http.Agent[] = [];

beforeAll(async () => {
  t = await startTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  png = await pngImage(320, 200);
});
afterAll(async () => {
  for (const agent of agents) agent.destroy();
  await t?.close();
});

function schoolAgent(localAddress: string, maxSockets: number): http.Agent {
  const agent = new http.Agent({ keepAlive: true, maxSockets, localAddress } as http.AgentOptions);
  agents.push(agent);
  return agent;
}

function report(agent: http.Agent, i: number, withScreenshot: boolean): Promise<HttpResponse> {
  const fields: Array<[string, string]> = [
    ['role', i % 3 === 0 ? 'bystander' : 'self'],
    ['description', `Leerling ${i}: ze lachen me uit als ik een beurt krijg.`],
    ['kinds[]', 'verbal'],
  ];
  if (withScreenshot) {
    const { payload, headers } = multipartBody(fields, [{ field: 'screenshots', filename: `klas-${i}.png`, contentType: 'image/png', data: png }]);
    return httpRequest(`${url}/api/reports`, { method: 'POST', headers, body: payload, agent });
  }
  return httpRequest(`${url}/api/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...Object.fromEntries(fields.slice(0, 2)), kinds: ['verbal'] }),
    agent,
  });
}

/** A real gc() when the process allows one; otherwise null and the figures are plain samples. */
function garbageCollector(): (() => void) | null {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return null;
  }
}

const MB = 1024 * 1024;
const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;

describe('a class at once', () => {
  it(`lets ${CLASS_SIZE} pupils behind one address through at the same moment`, { timeout: 60_000 }, async () => {
    const agent = schoolAgent('127.0.0.2', CLASS_SIZE);
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: CLASS_SIZE }, (_, i) => report(agent, i, i % 2 === 0)));
    const elapsed = Date.now() - started;
    const statuses = answers.map((answer) => answer.status);
    console.log(`class burst: ${CLASS_SIZE} concurrent reports (half with a screenshot) from one address in ${elapsed} ms: ${statuses.filter((s) => s === 201).length} accepted`);
    expect(statuses).toEqual(Array(CLASS_SIZE).fill(201));
    expect(elapsed).toBeLessThan(5 * 60 * 1000);
  });

  it(`slows a flood of ${FLOOD} from one address to 429s, serves another address meanwhile, and keeps memory flat`, { timeout: 120_000 }, async () => {
    const gc = garbageCollector();
    const flooder = schoolAgent('127.0.0.3', FLOOD_CONCURRENCY);
    const neighbour = schoolAgent('127.0.0.4', 1);

    // Warm up the code paths, then take the baseline.
    for (let i = 0; i < 5; i++) await report(neighbour, i, false);
    gc?.();
    const baseline = process.memoryUsage();
    let peakRss = baseline.rss;
    let peakHeap = baseline.heapUsed;
    const sampler = setInterval(() => {
      const now = process.memoryUsage();
      peakRss = Math.max(peakRss, now.rss);
      peakHeap = Math.max(peakHeap, now.heapUsed);
    }, 10);

    const floodStatuses = new Map<number, number>();
    let next = 0;
    let limitedBody = '';
    const started = Date.now();
    const floodWorker = async () => {
      while (next < FLOOD) {
        const i = next++;
        const answer = await report(flooder, i, i % 10 === 0);
        floodStatuses.set(answer.status, (floodStatuses.get(answer.status) ?? 0) + 1);
        if (answer.status === 429) limitedBody = answer.body;
      }
    };
    const neighbourStatuses: number[] = [];
    const neighbourTimes: number[] = [];
    const neighbourWorker = async () => {
      // Five reports spread over the flood, from the address next door.
      for (let i = 0; i < 5; i++) {
        while (next < (FLOOD / 5) * i) await new Promise((resolve) => setTimeout(resolve, 5));
        const before = Date.now();
        neighbourStatuses.push((await report(neighbour, 100 + i, false)).status);
        neighbourTimes.push(Date.now() - before);
      }
    };
    await Promise.all([...Array.from({ length: FLOOD_CONCURRENCY }, floodWorker), neighbourWorker()]);
    const elapsed = Date.now() - started;
    clearInterval(sampler);
    gc?.();
    const after = process.memoryUsage();

    console.log(
      `flood: ${FLOOD} reports from one address with ${FLOOD_CONCURRENCY} connections in ${elapsed} ms ` +
        `(${Math.round((FLOOD / elapsed) * 1000)} req/s): ${JSON.stringify(Object.fromEntries(floodStatuses))}; ` +
        `another address meanwhile: ${JSON.stringify(neighbourStatuses)} in ${neighbourTimes.join('/')} ms`,
    );
    console.log(
      `flood memory (${gc ? 'after a full GC' : 'sampled, no GC available'}): rss ${mb(baseline.rss)} -> peak ${mb(peakRss)} -> ${mb(after.rss)}, ` +
        `heapUsed ${mb(baseline.heapUsed)} -> peak ${mb(peakHeap)} -> ${mb(after.heapUsed)} ` +
        `(growth rss ${mb(after.rss - baseline.rss)}, heap ${mb(after.heapUsed - baseline.heapUsed)})`,
    );

    expect(floodStatuses.get(201)).toBe(REPORT_RATE_LIMIT);
    expect(floodStatuses.get(429)).toBe(FLOOD - REPORT_RATE_LIMIT);
    expectErrorShape(429, limitedBody, 'rate_limited');
    expect(neighbourStatuses).toEqual([201, 201, 201, 201, 201]);
    // Generous bounds: the point is "flat", not a number. The test process holds the clients too.
    expect(after.heapUsed - baseline.heapUsed).toBeLessThan(40 * MB);
    expect(peakRss - baseline.rss).toBeLessThan(250 * MB);
    expect(after.rss - baseline.rss).toBeLessThan(150 * MB);
  });
});
