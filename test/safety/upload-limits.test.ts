// Issue 11.3: what a stranger's allowed uploads may cost. Image work is queued (a slot per core, a
// cap on pixels in flight), a re-encoded photo is never stored larger than it came, bytes per
// address and per school per day are capped, and a nearly full disk refuses screenshots with a
// Dutch message while text reports still get through and nothing stored is lost.
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { IMAGE_DECODES_IN_FLIGHT, ImageQueue, imageQueue } from '../../server/screenshots/image-queue.js';
import { MAX_IMAGE_PIXELS_IN_FLIGHT, UPLOAD_DISK_FREE_MIN_MIB } from '../../server/shared/limits.js';
import { noise, pngImage } from '../helpers/images.js';
import { multipartBody } from '../helpers/multipart.js';
import { mountSmallDisk } from '../helpers/small-disk.js';
import { clock } from '../helpers/staff.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!().catch(() => undefined);
});

async function app(options: Parameters<typeof startTestApp>[0] = {}): Promise<TestApp> {
  const t = await startTestApp(options);
  cleanups.push(() => t.close());
  return t;
}

function report(t: TestApp, images: Buffer[], remoteAddress = '10.9.0.1') {
  const { payload, headers } = multipartBody(
    [
      ['role', 'self'],
      ['description', 'Ze sturen nare berichten.'],
    ],
    images.map((data, i) => ({ field: 'screenshots', filename: `${i}.png`, contentType: 'image/png', data })),
  );
  return t.app.inject({ method: 'POST', url: '/api/reports', payload, headers, remoteAddress });
}

/** A PNG of random pixels: about 270 KB that no encoder can shrink, so a few fill a 1 MiB quota. */
const randomPng = () => sharp(randomBytes(300 * 300 * 3), { raw: { width: 300, height: 300, channels: 3 } }).png().toBuffer();

const storedScreenshots = async (t: TestApp) =>
  Number((await t.context.db.selectFrom('screenshot').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('the image queue', () => {
  /** A task the test finishes by hand, so what runs together is seen without any clock. */
  function held() {
    let finish!: () => void;
    const done = new Promise<void>((resolve) => (finish = resolve));
    return { done, finish };
  }

  it('runs at most its slots at once, in arrival order', async () => {
    const queue = new ImageQueue(2, 1000);
    const tasks = Array.from({ length: 6 }, () => held());
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const all = tasks.map((task, i) =>
      queue.run(10, async () => {
        started.push(i);
        running += 1;
        most = Math.max(most, running);
        await task.done;
        running -= 1;
      }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1]);
    for (const task of tasks) {
      task.finish();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(all);
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    expect(most).toBe(2);
    expect(queue.highWater()).toEqual({ inFlight: 2, pixels: 20 });
  });

  it('keeps the pixels in flight under its cap, yet lets one image through alone', async () => {
    const queue = new ImageQueue(4, 100);
    const first = held();
    const second = held();
    const order: string[] = [];
    const a = queue.run(60, async () => {
      order.push('a');
      await first.done;
    });
    const b = queue.run(60, async () => {
      order.push('b');
      await second.done;
    });
    const huge = queue.run(500, async () => {
      order.push('huge');
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['a']);
    first.finish();
    await a;
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['a', 'b']);
    second.finish();
    await Promise.all([b, huge]);
    expect(order).toEqual(['a', 'b', 'huge']);
    expect(queue.highWater().pixels).toBe(500);
  });

  it(`holds a burst of reports to ${IMAGE_DECODES_IN_FLIGHT} decode(s) at once (one per core) in the real app`, { timeout: 120_000 }, async () => {
    const t = await app({ env: { RATE_LIMIT_REPORTS: '100' } });
    const image = await pngImage(400, 400);
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => report(t, Array(5).fill(image), `10.9.1.${i}`)));
    expect(answers.map((answer) => answer.statusCode)).toEqual(Array(8).fill(201));
    expect(await storedScreenshots(t)).toBe(40);
    expect(imageQueue.highWater().inFlight).toBeLessThanOrEqual(IMAGE_DECODES_IN_FLIGHT);
    expect(imageQueue.highWater().pixels).toBeLessThanOrEqual(Math.max(MAX_IMAGE_PIXELS_IN_FLIGHT, 400 * 400));
  });
});

describe('stored size', () => {
  it('stores a noise photo no larger than its upload (encoded again at a lower quality when needed)', async () => {
    const t = await app();
    // Noise compresses badly: re-encoded at the usual quality it came out larger than this upload.
    const upload = await noise(800, 800).jpeg({ quality: 75 }).toBuffer();
    expect((await report(t, [upload])).statusCode).toBe(201);
    const row = await t.context.db.selectFrom('screenshot').select(['byte_size', 'width', 'height']).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ width: 800, height: 800 });
    expect(row.byte_size).toBeLessThanOrEqual(upload.length);
  });
});

describe('upload quotas per day', () => {
  it('caps one address, counts follow-ups too, and spares other addresses, text and the next day', { timeout: 60_000 }, async () => {
    const time = clock('2026-03-02T09:00:00Z');
    const t = await app({ now: time.now, env: { UPLOAD_MIB_PER_ADDRESS_DAY: '1', RATE_LIMIT_REPORTS: '100' } });
    const image = await randomPng();
    const fits = Math.floor((1024 * 1024) / image.length);
    expect(fits).toBeGreaterThan(1);
    let receipt = '';
    for (let i = 0; i < fits; i += 1) {
      const answer = await report(t, [image]);
      expect(answer.statusCode).toBe(201);
      receipt = answer.json().receipt;
    }
    const over = await report(t, [image]);
    expect(over.statusCode).toBe(429);
    expect(over.json().error).toMatchObject({ code: 'rate_limited', fields: { screenshots: expect.stringMatching(/heel veel plaatjes/) } });
    // The follow-up route shares the count.
    const { payload, headers } = multipartBody([['receipt', receipt], ['text', 'nog een']], [
      { field: 'screenshots', filename: 'x.png', contentType: 'image/png', data: image },
    ]);
    const followUp = await t.app.inject({ method: 'POST', url: '/api/followup/messages', payload, headers, remoteAddress: '10.9.0.1' });
    expect(followUp.statusCode).toBe(429);
    // Nothing stored was lost, and a report without pictures still gets through.
    expect(await storedScreenshots(t)).toBe(fits);
    expect((await report(t, [])).statusCode).toBe(201);
    expect((await report(t, [image], '10.9.0.2')).statusCode).toBe(201);
    time.advance(24 * 60 * 60 * 1000);
    expect((await report(t, [image])).statusCode).toBe(201);
  });

  it('caps one school, whoever sends', async () => {
    const t = await app({ env: { UPLOAD_MIB_PER_SCHOOL_DAY: '1', RATE_LIMIT_REPORTS: '100' } });
    const image = await randomPng();
    const fits = Math.floor((1024 * 1024) / image.length);
    for (let i = 0; i < fits; i += 1) expect((await report(t, [image], `10.9.2.${i}`)).statusCode).toBe(201);
    const over = await report(t, [image], '10.9.3.1');
    expect(over.statusCode).toBe(429);
    expect(over.json().error.fields.screenshots).toMatch(/Deze school heeft vandaag al heel veel plaatjes/);
  });
});

describe('a nearly full disk', () => {
  it(`refuses screenshots below ${UPLOAD_DISK_FREE_MIN_MIB} MiB free with a 503 in Dutch, keeps taking text and what is stored`, { timeout: 60_000 }, async () => {
    const disk = await mountSmallDisk(32);
    cleanups.push(() => disk.unmount());
    const t = await app({ dataDir: disk.dir });
    const refused = await report(t, [await pngImage()]);
    expect(refused.statusCode).toBe(503);
    expect(refused.json().error).toMatchObject({
      code: 'storage_full',
      message: expect.stringMatching(/geen plaatjes bewaren/),
      fields: { screenshots: expect.stringMatching(/zonder plaatjes/) },
    });
    expect(await storedScreenshots(t)).toBe(0);
    expect((await report(t, [])).statusCode).toBe(201);
    const reports = await t.context.db.selectFrom('report').select('id').execute();
    expect(reports).toHaveLength(1);
  });
});
