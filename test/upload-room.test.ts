// Issue 18: a burst of uploads is read a share at a time. Multipart bodies wait, unread, until their
// Content-Length fits in MAX_UPLOAD_BYTES_IN_FLIGHT beside the requests being handled; one body larger
// than the room still gets through alone; a JSON report never waits.
import { afterEach, describe, expect, it } from 'vitest';
import { uploadRoom } from '../server/screenshots/upload-room.js';
import { MAX_SCREENSHOT_BYTES, MAX_SCREENSHOTS, MAX_UPLOAD_BYTES_IN_FLIGHT } from '../server/shared/limits.js';
import { multipartBody } from './helpers/multipart.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** A report whose files are not images: refused (415) after the whole body was read, quickly. */
function bodyOf(files: number, bytesEach: number) {
  return multipartBody(
    [
      ['role', 'self'],
      ['description', 'Ze pakken mijn spullen af.'],
    ],
    Array.from({ length: files }, (_, i) => ({ field: 'screenshots', filename: `${i}.png`, contentType: 'image/png', data: Buffer.alloc(bytesEach, 7) })),
  );
}

/** Sends the requests at once and records the room's load at every turn of the event loop meanwhile. */
async function burst(app: TestApp, bodies: Array<ReturnType<typeof bodyOf>>) {
  const seen = { most: 0, waited: 0 };
  let done = false;
  const sample = () => {
    const { pixels, waiting } = uploadRoom.status();
    seen.most = Math.max(seen.most, pixels);
    seen.waited = Math.max(seen.waited, waiting);
    if (!done) setImmediate(sample);
  };
  sample();
  const answers = await Promise.all(
    bodies.map((body, i) => app.app.inject({ method: 'POST', url: '/api/reports', ...body, remoteAddress: `10.18.0.${i + 1}` })),
  );
  done = true;
  return { statuses: answers.map((answer) => answer.statusCode), ...seen };
}

describe('room for uploads', () => {
  it(`holds the bodies being handled to ${MAX_UPLOAD_BYTES_IN_FLIGHT} bytes; the rest wait their turn and are answered`, async () => {
    t = await startTestApp();
    const body = bodyOf(2, MAX_SCREENSHOT_BYTES);
    const length = body.payload.length;
    const count = Math.floor(MAX_UPLOAD_BYTES_IN_FLIGHT / length) + 2;
    const result = await burst(t, Array(count).fill(body));
    expect(result.statuses).toEqual(Array(count).fill(415));
    expect(result.waited).toBeGreaterThan(0);
    expect(result.most).toBeGreaterThanOrEqual(length);
    expect(result.most).toBeLessThanOrEqual(MAX_UPLOAD_BYTES_IN_FLIGHT);
    expect(uploadRoom.status()).toEqual({ inFlight: 0, pixels: 0, waiting: 0 });
  });

  it('lets one body larger than the room through alone', async () => {
    t = await startTestApp();
    const large = bodyOf(MAX_SCREENSHOTS, MAX_SCREENSHOT_BYTES);
    expect(large.payload.length).toBeGreaterThan(MAX_UPLOAD_BYTES_IN_FLIGHT);
    const result = await burst(t, [large]);
    expect(result.statuses).toEqual([415]);
    expect(result.most).toBe(large.payload.length);
  });

  it('never holds back a JSON report, even while the room is full', async () => {
    t = await startTestApp();
    // The room taken whole until this test lets go: an upload now waits, whatever the machine's speed.
    let letGo!: () => void;
    const held = uploadRoom.run(MAX_UPLOAD_BYTES_IN_FLIGHT, () => new Promise<void>((resolve) => (letGo = resolve)));
    const upload = t.app.inject({ method: 'POST', url: '/api/reports', ...bodyOf(1, 1024), remoteAddress: '10.18.1.1' });
    while (uploadRoom.status().waiting === 0) await new Promise((resolve) => setImmediate(resolve));
    const text = await t.app.inject({ method: 'POST', url: '/api/reports', payload: { role: 'self', description: 'Ze schelden me uit.' } });
    expect(text.statusCode).toBe(201);
    expect(uploadRoom.status().waiting).toBe(1);
    letGo();
    await held;
    expect((await upload).statusCode).toBe(415);
  });
});
