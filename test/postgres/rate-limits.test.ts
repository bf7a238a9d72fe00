// The rate limits and screenshot quotas across two app servers on one PostgreSQL database. They are
// counted in each server's memory (a shared store would put reporters' addresses in the database), and
// the shipped nginx config sends one client address always to the same server: a flood through nginx
// from one address gets one server's limit, not one per server, while another address is served.
// Each client binds its own loopback address (Linux answers all of 127/8), each in a /24 of its own.

import { rm } from 'node:fs/promises';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { REPORT_RATE_LIMIT } from '../../server/shared/limits.js';
import { startChildServer, type ChildServer } from '../helpers/child-server.js';
import { multipartBody } from '../helpers/multipart.js';
import { startShippedNginx, type LoggedRequest, type NginxResponse, type ShippedNginx } from '../helpers/nginx.js';
import { makeDataDir } from '../helpers/test-app.js';
import { expectErrorShape } from '../safety/support.js';

const FLOODER = '127.0.1.1';
const NEIGHBOUR = '127.0.2.1';
const UPLOADER = '127.0.3.1';
const UNPINNED_FLOODER = '127.0.4.1';
const FLOOD = 2 * REPORT_RATE_LIMIT + 10;
const CONCURRENCY = 8;
const UPLOAD_MIB_PER_ADDRESS_DAY = 1;

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

function report(nginx: ShippedNginx, localAddress: string, i: number): Promise<NginxResponse> {
  return nginx.request('POST', '/api/reports', { json: { role: 'self', description: `Melding ${i}: ze pakken steeds mijn tas af.` }, localAddress });
}

/** `count` reports from one address, `CONCURRENCY` at a time; `onRefused` runs at the first 429. */
async function flood(nginx: ShippedNginx, localAddress: string, count: number, onRefused: () => void = () => undefined): Promise<NginxResponse[]> {
  const answers: NginxResponse[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const answer = await report(nginx, localAddress, next++);
      if (answer.status === 429 && !answers.some((earlier) => earlier.status === 429)) onRefused();
      answers.push(answer);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return answers;
}

const statusesOf = (answers: readonly NginxResponse[]) => answers.map((answer) => answer.status);
const count = (statuses: readonly number[], status: number) => statuses.filter((each) => each === status).length;
/** The app server (address:port) of each request from `client`; the last one nginx tried when it tried two. */
const serversOf = (log: readonly LoggedRequest[], client: string) => log.filter((entry) => entry.client === client).map((entry) => entry.upstream.split(', ').at(-1)!);

describe('rate limits with two app servers behind the shipped nginx', () => {
  it(`a flood from one address gets one server's limit (${REPORT_RATE_LIMIT}), another address is served; then its server dies and comes back`, { timeout: 240_000 }, async () => {
    const dataDir = await makeDataDir();
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    // As deploy/README.md says: the servers believe X-Forwarded-For from the proxy on 127.0.0.1 only.
    const env = { TRUST_PROXY: '127.0.0.1', PUBLIC_URL: 'https://meldpunt.example.nl', UPLOAD_MIB_PER_ADDRESS_DAY: String(UPLOAD_MIB_PER_ADDRESS_DAY) };
    const first = await startChildServer({ dataDir, env });
    cleanups.push(() => first.stop());
    const second = await startChildServer({ dataDir, env });
    cleanups.push(() => second.stop());
    const servers: ChildServer[] = [first, second];
    const nginx = await startShippedNginx([first.port, second.port]);
    cleanups.push(() => nginx.stop());

    // The flood, and once it is refused, another address's reports in between.
    let refused!: () => void;
    const firstRefusal = new Promise<void>((resolve) => (refused = resolve));
    const [flooded, neighbour] = await Promise.all([
      flood(nginx, FLOODER, FLOOD, refused),
      firstRefusal.then(async () => {
        const answers: NginxResponse[] = [];
        for (let i = 0; i < 5; i++) answers.push(await report(nginx, NEIGHBOUR, i));
        return answers;
      }),
    ]);
    expect(count(statusesOf(flooded), 201)).toBe(REPORT_RATE_LIMIT);
    expect(count(statusesOf(flooded), 429)).toBe(FLOOD - REPORT_RATE_LIMIT);
    const refusal = flooded.find((answer) => answer.status === 429)!;
    expectErrorShape(refusal.status, refusal.body, 'rate_limited');
    expect(statusesOf(neighbour)).toEqual([201, 201, 201, 201, 201]);
    const log = await nginx.log();
    const flooderServers = new Set(serversOf(log, FLOODER));
    expect(flooderServers.size).toBe(1);
    const flooderServer = servers.find((server) => flooderServers.has(`127.0.0.1:${server.port}`))!;
    expect(flooderServer).toBeDefined();

    // The screenshot quota likewise: as many screenshots as fit in one server's quota, not two.
    const screenshot = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } } })
      .png()
      .toBuffer();
    const fitting = Math.floor((UPLOAD_MIB_PER_ADDRESS_DAY * 1024 * 1024) / screenshot.length);
    expect(fitting).toBeGreaterThanOrEqual(2);
    const uploads: NginxResponse[] = [];
    for (let i = 0; i < fitting + 2; i++) {
      const { payload, headers } = multipartBody(
        [['role', 'self'], ['description', `Schermafbeelding ${i} van wat ze sturen.`]],
        [{ field: 'screenshots', filename: `bericht-${i}.png`, contentType: 'image/png', data: screenshot }],
      );
      uploads.push(await nginx.request('POST', '/api/reports', { body: payload, headers, localAddress: UPLOADER }));
    }
    expect(statusesOf(uploads)).toEqual([...Array<number>(fitting).fill(201), 429, 429]);
    expectErrorShape(uploads.at(-1)!.status, uploads.at(-1)!.body, 'rate_limited');
    expect(JSON.parse(uploads.at(-1)!.body).error.fields).toHaveProperty('screenshots');
    expect(new Set(serversOf(await nginx.log(), UPLOADER)).size).toBe(1);

    // What the pinning prevents: the same config without its hash line sends requests to both servers
    // in turn, and one address gets each server's limit.
    const unpinned = await startShippedNginx([first.port, second.port], (site) => {
      const withoutHash = site.replace(/^\s*hash \$remote_addr consistent;$/m, '');
      expect(withoutHash).not.toBe(site);
      return withoutHash;
    });
    cleanups.push(() => unpinned.stop());
    const twice = statusesOf(await flood(unpinned, UNPINNED_FLOODER, FLOOD));
    expect(count(twice, 201)).toBe(2 * REPORT_RATE_LIMIT);
    expect(new Set(serversOf(await unpinned.log(), UNPINNED_FLOODER)).size).toBe(2);

    // The flooder's server dies: its addresses move to the other server, where their count starts again.
    await flooderServer.crash();
    const survivor = servers.find((server) => server !== flooderServer)!;
    const moved = await flood(nginx, FLOODER, REPORT_RATE_LIMIT + 10);
    expect(count(statusesOf(moved), 201)).toBe(REPORT_RATE_LIMIT);
    expect(count(statusesOf(moved), 429)).toBe(10);
    const afterDeath = serversOf(await nginx.log(), FLOODER).slice(FLOOD);
    expect(new Set(afterDeath)).toEqual(new Set([`127.0.0.1:${survivor.port}`]));

    // Back on its port, the server gets its addresses again (once nginx tries it, after fail_timeout),
    // and counts them from zero as every server does after a start.
    const restarted = await startChildServer({ dataDir, env, port: flooderServer.port });
    cleanups.push(() => restarted.stop());
    const deadline = Date.now() + 60_000;
    while (serversOf(await nginx.log(), FLOODER).at(-1) !== `127.0.0.1:${restarted.port}`) {
      if (Date.now() > deadline) throw new Error('nginx did not send the address back to the restarted server');
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect((await nginx.request('GET', '/healthz', { localAddress: FLOODER })).status).toBe(200);
    }
    const returned = await flood(nginx, FLOODER, REPORT_RATE_LIMIT + 10);
    expect(count(statusesOf(returned), 201)).toBe(REPORT_RATE_LIMIT);
    expect(new Set(serversOf(await nginx.log(), FLOODER).slice(-returned.length))).toEqual(new Set([`127.0.0.1:${restarted.port}`]));
    console.log(
      `rate limits behind nginx: flood of ${FLOOD} from one address → ${count(statusesOf(flooded), 201)} × 201 on one server; ` +
        `neighbour ${statusesOf(neighbour).join(',')}; ${fitting} screenshots of ${screenshot.length} bytes fit the ${UPLOAD_MIB_PER_ADDRESS_DAY} MiB quota; ` +
        `without the hash line ${count(twice, 201)} × 201; after its server died ${count(statusesOf(moved), 201)} × 201 more on the other, ` +
        `and ${count(statusesOf(returned), 201)} × 201 more once it was back`,
    );
  });
});
