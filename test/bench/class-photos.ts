// Benchmark 2: a whole class sends a report with a camera photo at the same moment. The real server
// runs as a child process (its RSS is its own), 30 multipart submissions with a ~4 MB 12 MP JPEG
// start together; GET /healthz is polled throughout to see whether the event loop stays free.
// Baseline: the same 30 submissions without a photo. The server is the compiled one, with the allocator
// settings `npm start` gives it (NPM_START_ENV); the whole run is repeated once with glibc's defaults,
// which keep a burst's pixels in the heap. The CPU floor: 30 times one photo's sanitising time (the
// server's own function, in this process, one at a time) over the cores, measured in the same run.
import { availableParallelism } from 'node:os';
import sharp from 'sharp';
import { buildServer } from '../../scripts/build.js';
import { sanitizeScreenshot } from '../../server/screenshots/sanitize-screenshot.js';
import { multipartBody } from '../helpers/multipart.js';
import { reportFormFields } from './fixtures.js';
import { startHealthPoller } from './health-poller.js';
import {
  isMain,
  mb,
  median,
  ms,
  NPM_START_ENV,
  percentile,
  procCpuMs,
  procStatusBytes,
  ratio,
  runStandalone,
  startServerProcess,
  tempDir,
  type BenchResult,
} from './lib.js';

const CLASS_SIZE = 30;
const WIDTH = 4000;
const HEIGHT = 3000;
const RSS_SAMPLE_MS = 20;
const HEALTH_GAP_MS = 10;
const P95_FLOOR_RATIO_TARGET = 1.2;
const PEAK_RSS_TARGET_BYTES = 400 * 1024 * 1024;
const HEALTH_P99_TARGET_MS = 50;
const STAFF_PAGE_P99_TARGET_MS = 100;
/** Sanitising runs of the photo alone, after one warm-up; their median makes the floor. */
const FLOOR_RUNS = 3;

/**
 * A 12 MP camera JPEG of about 4 MB: smooth colour gradients with per-pixel noise (a fixed seed) so
 * that it compresses like a real photo, not like a flat test card, and EXIF with camera and GPS.
 */
export async function cameraJpeg(): Promise<Buffer> {
  const pixels = Buffer.alloc(WIDTH * HEIGHT * 3);
  let seed = 0x5eed;
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      const noise = ((seed >>> 24) / 255 - 0.5) * 34;
      const i = (y * WIDTH + x) * 3;
      pixels[i] = 120 + 80 * Math.sin(x / 300) + noise;
      pixels[i + 1] = 110 + 60 * Math.cos(y / 200) + noise;
      pixels[i + 2] = 100 + 50 * Math.sin((x + y) / 500) + noise;
    }
  }
  return sharp(pixels, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } })
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: 'Samsung', Model: 'Galaxy A15', Artist: 'Sanne de Vries', DateTime: '2026:11:24 10:15:00' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 30/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '6/1 5/1 0/1' },
    })
    .toBuffer();
}

type Body = { payload: Buffer; headers: Record<string, string> };

interface Burst {
  times: number[];
  statuses: number[];
  wallMs: number;
}

async function burst(url: string, body: Body): Promise<Burst> {
  const started = performance.now();
  const results = await Promise.all(
    Array.from({ length: CLASS_SIZE }, async () => {
      const t0 = performance.now();
      const response = await fetch(`${url}/api/reports`, {
        method: 'POST',
        headers: body.headers,
        body: body.payload,
        signal: AbortSignal.timeout(60_000),
      });
      await response.arrayBuffer();
      return { ms: performance.now() - t0, status: response.status };
    }),
  );
  return {
    times: results.map((r) => r.ms),
    statuses: results.map((r) => r.status),
    wallMs: performance.now() - started,
  };
}

interface Figures {
  base: Burst;
  photos: Burst;
  healthMs: number[];
  staffPageMs: number[];
  /** VmRSS after the warm-up, before the burst. */
  before: number;
  hwm: number;
  peakSampled: number;
  peak: number;
  /** CPU time (ms) used during the photo burst by the server, by this process (it sends the uploads) and by the two pollers. */
  serverCpuMs: number;
  clientCpuMs: number;
  pollersCpuMs: number;
  /** The server's event-loop delay during the photo burst, from the operator's /healthz. */
  eventLoop: { p99Ms: number; maxMs: number };
}

/** Unlocks the operator's /healthz of the benchmark's server. */
const OPERATOR_TOKEN = 'bench-operator-token-0123456789';

async function serverEventLoop(url: string): Promise<{ p99Ms: number; maxMs: number }> {
  const response = await fetch(`${url}/healthz`, { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } });
  return ((await response.json()) as { eventLoop: { p99Ms: number; maxMs: number } }).eventLoop;
}

/** One server, warmed up, then the text-only class (baseline), then the class with photos. */
async function scenario(env: Record<string, string>, textOnly: Body, withPhoto: Body): Promise<Figures> {
  const temp = tempDir('photos');
  const server = await startServerProcess({
    dataDir: temp.dir,
    compiled: true,
    env: { RATE_LIMIT_REPORTS: '100000', HEALTH_TOKEN: OPERATOR_TOKEN, ...env },
  }).catch(
    (error: unknown) => {
      temp.remove();
      throw error;
    },
  );
  try {
    // Warm-up: one report of each kind, so libvips and the statement cache are loaded as in a running server.
    await burstOf(server.url, textOnly, 1);
    await burstOf(server.url, withPhoto, 1);
    const base = await burst(server.url, textOnly);
    const before = procStatusBytes(server.pid, 'VmRSS');

    let peakSampled = 0;
    const sampler = setInterval(() => {
      peakSampled = Math.max(peakSampled, procStatusBytes(server.pid, 'VmRSS'));
    }, RSS_SAMPLE_MS);
    const poller = await startHealthPoller(server.url, HEALTH_GAP_MS);
    // A coordinator opening the staff portal meanwhile: the page it loads first.
    const staffPoller = await startHealthPoller(server.url, HEALTH_GAP_MS, '/staff');
    // The server's own view of its event loop: the operator's /healthz measures from one check to the next.
    await serverEventLoop(server.url);
    const serverCpuBefore = procCpuMs(server.pid);
    const clientCpuBefore = process.cpuUsage();
    const pollersCpu = () => poller.cpuMs() + staffPoller.cpuMs();
    const pollersCpuBefore = pollersCpu();
    const photos = await burst(server.url, withPhoto);
    const serverCpuMs = procCpuMs(server.pid) - serverCpuBefore;
    const clientCpu = process.cpuUsage(clientCpuBefore);
    const clientCpuMs = (clientCpu.user + clientCpu.system) / 1000;
    const pollersCpuMs = pollersCpu() - pollersCpuBefore;
    const eventLoop = await serverEventLoop(server.url);
    const healthMs = await poller.stop();
    const staffPageMs = await staffPoller.stop();
    clearInterval(sampler);
    const hwm = procStatusBytes(server.pid, 'VmHWM');
    return { base, photos, healthMs, staffPageMs, before, hwm, peakSampled, peak: Math.max(hwm || 0, peakSampled), serverCpuMs, clientCpuMs, pollersCpuMs, eventLoop };
  } finally {
    await server.stop();
    temp.remove();
  }
}

/**
 * One photo's sanitising time, alone (the server's function in this process): the median wall time,
 * and the CPU time of all threads per run (on a loaded machine the wall time includes waiting for a core).
 */
async function sanitiseMs(photo: Buffer): Promise<{ wallMs: number; cpuMs: number }> {
  await sanitizeScreenshot(photo);
  const runs: number[] = [];
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < FLOOR_RUNS; i++) {
    const started = performance.now();
    await sanitizeScreenshot(photo);
    runs.push(performance.now() - started);
  }
  const cpu = process.cpuUsage(cpuBefore);
  return { wallMs: median(runs), cpuMs: (cpu.user + cpu.system) / 1000 / FLOOR_RUNS };
}

/**
 * One photo per core sanitised at once (as the server's image queue runs them): the median wall time of
 * such a round. When it is above one photo alone, the cores slow each other down (shared caches and
 * memory, or a host's hyperthreads), and the floor above cannot be reached by any server.
 */
async function roundMs(photo: Buffer): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < FLOOR_RUNS; i++) {
    const started = performance.now();
    await Promise.all(Array.from({ length: availableParallelism() }, () => sanitizeScreenshot(photo)));
    runs.push(performance.now() - started);
  }
  return median(runs);
}

export async function run(): Promise<BenchResult> {
  // Always from the current source, so the figure never belongs to an older build.
  await buildServer();
  const photo = await cameraJpeg();
  const fields = reportFormFields();
  const textOnly = multipartBody(fields);
  const withPhoto = multipartBody(fields, [
    { field: 'screenshots', filename: 'IMG_20261124_101500.jpg', contentType: 'image/jpeg', data: photo },
  ]);

  // As `npm start` runs it, then with glibc's allocator defaults (see the notes).
  const { wallMs: onePhotoMs, cpuMs: onePhotoCpuMs } = await sanitiseMs(photo);
  const oneRoundMs = await roundMs(photo);
  const floorMs = (CLASS_SIZE * onePhotoMs) / availableParallelism();
  const plain = await scenario(NPM_START_ENV, textOnly, withPhoto);
  const glibcDefaults = await scenario({}, textOnly, withPhoto);

  const roundsMs = (CLASS_SIZE / availableParallelism()) * oneRoundMs;
  const p50 = percentile(plain.photos.times, 50);
  const p95 = percentile(plain.photos.times, 95);
  const baseP95 = percentile(plain.base.times, 95);
  const healthP99 = percentile(plain.healthMs, 99);
  const staffPageP99 = percentile(plain.staffPageMs, 99);
  const bad = [plain, glibcDefaults].flatMap((f) => [...f.base.statuses, ...f.photos.statuses]).filter((s) => s !== 201).length;
  return {
    rows: [
      { name: '2 class photos p50 to 201', figure: ms(p50), target: '', met: null },
      { name: '2 class photos p95 to 201', figure: ms(p95), target: '', met: null },
      { name: '2 CPU floor (30 x one photo alone / cores)', figure: `${ms(floorMs)} (one photo ${ms(onePhotoMs)})`, target: 'baseline', met: null },
      { name: '2 class photos p95 / CPU floor', figure: ratio(p95 / floorMs), target: `<= ${P95_FLOOR_RATIO_TARGET}`, met: p95 / floorMs <= P95_FLOOR_RATIO_TARGET },
      { name: '2 class photos server peak RSS', figure: mb(plain.peak), target: `< ${mb(PEAK_RSS_TARGET_BYTES)}`, met: plain.peak < PEAK_RSS_TARGET_BYTES },
      { name: '2 /healthz p99 during the burst', figure: ms(healthP99), target: `< ${HEALTH_P99_TARGET_MS} ms`, met: healthP99 < HEALTH_P99_TARGET_MS },
      { name: '2 staff page (GET /staff) p99 during the burst', figure: ms(staffPageP99), target: `< ${STAFF_PAGE_P99_TARGET_MS} ms`, met: staffPageP99 < STAFF_PAGE_P99_TARGET_MS },
      {
        name: '2 text-only class p50 / p95',
        figure: `${ms(percentile(plain.base.times, 50))} / ${ms(baseP95)}`,
        target: 'baseline',
        met: null,
      },
      { name: '2 photos / text-only, p95 ratio', figure: ratio(p95 / baseP95), target: '', met: null },
      {
        name: "2 same, glibc's allocator defaults: RSS / p95",
        figure: `${mb(glibcDefaults.peak)} / ${ms(percentile(glibcDefaults.photos.times, 95))}`,
        target: 'baseline',
        met: null,
      },
    ],
    notes: [
      `[2] ${CLASS_SIZE} reports at once, each with a ${(photo.length / 1024 / 1024).toFixed(1)} MB ${WIDTH}x${HEIGHT} JPEG ` +
        `(EXIF + GPS); the burst took ${ms(plain.photos.wallMs)}; ${plain.healthMs.length} health checks, max ${ms(Math.max(...plain.healthMs))}; ` +
        `server RSS before the burst ${mb(plain.before)}, VmHWM ${mb(plain.hwm)}, highest ${RSS_SAMPLE_MS} ms sample ${mb(plain.peakSampled)}.`,
      // Where the wall time beyond the floor goes: CPU the server spent beyond 30 sanitisings, the client's
      // share of the same cores, and what of the cores' time in the burst neither used (waiting, or other load).
      `[2] CPU during the burst: server ${ms(plain.serverCpuMs)} (30 sanitisings alone: ${ms(CLASS_SIZE * onePhotoCpuMs)} of CPU, ` +
        `so ${ratio(plain.serverCpuMs / (CLASS_SIZE * onePhotoCpuMs))}x), ` +
        `this process sending the uploads ${ms(plain.clientCpuMs)}, the two pollers ${ms(plain.pollersCpuMs)}; ` +
        `cores x burst ${ms(availableParallelism() * plain.photos.wallMs)}; the server's event loop was held up to ` +
        `${ms(plain.eventLoop.maxMs)} (p99 ${ms(plain.eventLoop.p99Ms)}, its own /healthz).`,
      `[2] one photo per core at once took ${ms(oneRoundMs)} (one alone ${ms(onePhotoMs)}): ${CLASS_SIZE} in such rounds would take ` +
        `${ms(roundsMs)}, ${ratio(roundsMs / floorMs)}x the floor, before any other work.`,
      `[2] with glibc's allocator defaults: p50 ${ms(percentile(glibcDefaults.photos.times, 50))}, health p99 ${ms(percentile(glibcDefaults.healthMs, 99))}, ` +
        `RSS before ${mb(glibcDefaults.before)}, peak ${mb(glibcDefaults.peak)}.`,
      ...(bad > 0 ? [`[2] WARNING ${bad} submissions did not get 201`] : []),
    ],
  };
}

async function burstOf(url: string, body: Body, count: number) {
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${url}/api/reports`, { method: 'POST', headers: body.headers, body: body.payload });
    await response.arrayBuffer();
    if (response.status !== 201) throw new Error(`warm-up report answered ${response.status}`);
  }
}

if (isMain(import.meta.url)) await runStandalone(run);
