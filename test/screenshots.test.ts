// Every image here is made inside the test, with sharp or by hand, so each attack is exactly what it claims to be.

import sharp from 'sharp';
import { describe, it, expect } from 'vitest';
import { AppError } from '../server/errors.js';
import type { ErrorCode } from '../server/shared/errors.js';
import { MAX_SCREENSHOT_BYTES, MAX_SCREENSHOT_PIXELS } from '../server/shared/limits.js';
import { detectImageFormat } from '../server/shared/image-format.js';
import { sanitizeScreenshot } from '../server/screenshots/sanitize-screenshot.js';
import { noise, PNG_SIGNATURE, pngChunk, pngDeclaring, solid } from './helpers/images.js';

const AUTHOR = 'Jan de Vries-Klikspaan';

/** Inserts chunks straight after IHDR (signature 8 bytes + IHDR chunk 25 bytes). */
function insertAfterIhdr(png: Buffer, ...chunks: Buffer[]): Buffer {
  return Buffer.concat([png.subarray(0, 33), ...chunks, png.subarray(33)]);
}

async function expectRefused(bytes: Buffer, code: ErrorCode, statusCode: number): Promise<AppError> {
  const error: unknown = await sanitizeScreenshot(bytes).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  const appError = error as AppError;
  expect(appError.code).toBe(code);
  expect(appError.statusCode).toBe(statusCode);
  // The Dutch words a reporter reads (the error carries its catalog key until the answer is written).
  expect(appError.toBody().error.message.length).toBeGreaterThan(20);
  return appError;
}

describe('detectImageFormat', () => {
  it('recognises the four formats by their bytes', async () => {
    const image = solid(4, 4);
    expect(detectImageFormat(await image.clone().png().toBuffer())).toBe('png');
    expect(detectImageFormat(await image.clone().jpeg().toBuffer())).toBe('jpeg');
    expect(detectImageFormat(await image.clone().webp().toBuffer())).toBe('webp');
    expect(detectImageFormat(await image.clone().gif().toBuffer())).toBe('gif');
    expect(detectImageFormat(Buffer.from('GIF87a'))).toBe('gif');
  });

  it('recognises nothing else', () => {
    for (const text of ['', '<svg xmlns="http://www.w3.org/2000/svg"/>', '<!doctype html>', '%PDF-1.7', 'RIFF\0\0\0\0WAVE', 'GIF90a']) {
      expect(detectImageFormat(Buffer.from(text))).toBeNull();
    }
    expect(detectImageFormat(PNG_SIGNATURE.subarray(0, 7))).toBeNull();
    expect(detectImageFormat(new Uint8Array([0xff, 0xd8]))).toBeNull();
  });
});

describe('sanitizeScreenshot strips what identifies a child', () => {
  it('removes EXIF (GPS, author), ICC and XMP from a JPEG', async () => {
    const input = await solid(64, 48)
      .withExif({
        IFD0: { Artist: AUTHOR, Copyright: AUTHOR, ImageDescription: 'Schoolplein' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 22/1 1234/100', GPSLongitudeRef: 'E', GPSLongitude: '4/1 53/1 5678/100' },
      })
      .withIccProfile('p3')
      .withXmp(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>${AUTHOR}</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>`)
      .jpeg()
      .toBuffer();
    const before = await sharp(input).metadata();
    expect(before.exif).toBeDefined();
    expect(before.exif!.includes(AUTHOR)).toBe(true);
    expect(before.exif!.includes('GPS') || before.exif!.includes(Buffer.from([0x88, 0x25])) || before.exif!.includes(Buffer.from([0x25, 0x88]))).toBe(true);
    expect(before.icc).toBeDefined();
    expect(before.xmp).toBeDefined();

    const out = await sanitizeScreenshot(input);
    expect(out.mimeType).toBe('image/jpeg');
    expect(detectImageFormat(out.data)).toBe('jpeg');
    expect([out.width, out.height]).toEqual([64, 48]);
    const after = await sharp(out.data).metadata();
    expect(after.exif).toBeUndefined();
    expect(after.icc).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.iptc).toBeUndefined();
    expect(out.data.includes(AUTHOR)).toBe(false);
  });

  it('turns the picture upright by its EXIF orientation before dropping the tag', async () => {
    const input = await solid(40, 20).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    expect((await sharp(input).metadata()).orientation).toBe(6);
    const out = await sanitizeScreenshot(input);
    expect([out.width, out.height]).toEqual([20, 40]);
    const after = await sharp(out.data).metadata();
    expect([after.width, after.height]).toEqual([20, 40]);
    expect(after.orientation).toBeUndefined();
  });

  it('removes tEXt chunks from a PNG', async () => {
    const plain = await solid(32, 32).png().toBuffer();
    const input = insertAfterIhdr(
      plain,
      pngChunk('tEXt', Buffer.from(`Author\0${AUTHOR}`, 'latin1')),
      pngChunk('tEXt', Buffer.from('Comment\0Gemaakt op telefoon van Jan, Dorpsstraat 12', 'latin1')),
    );
    const before = await sharp(input).metadata();
    expect(before.comments?.map((c) => c.text)).toContain(AUTHOR);

    const out = await sanitizeScreenshot(input);
    expect(out.mimeType).toBe('image/png');
    expect((await sharp(out.data).metadata()).comments).toBeUndefined();
    expect(out.data.includes(AUTHOR)).toBe(false);
    expect(out.data.includes('Dorpsstraat')).toBe(false);
    expect(out.data.includes('tEXt')).toBe(false);
  });

  it('removes EXIF from a PNG and a WebP too', async () => {
    for (const format of ['png', 'webp'] as const) {
      const input = await solid(16, 16).withExif({ IFD0: { Artist: AUTHOR } }).toFormat(format).toBuffer();
      expect((await sharp(input).metadata()).exif).toBeDefined();
      const out = await sanitizeScreenshot(input);
      expect((await sharp(out.data).metadata()).exif).toBeUndefined();
      expect(out.data.includes(AUTHOR)).toBe(false);
    }
  });
});

describe('sanitizeScreenshot keeps the format where it can', () => {
  it('stores a WebP as WebP', async () => {
    const out = await sanitizeScreenshot(await solid(30, 20).webp().toBuffer());
    expect(out.mimeType).toBe('image/webp');
    expect(detectImageFormat(out.data)).toBe('webp');
    expect([out.width, out.height]).toEqual([30, 20]);
  });

  it('flattens an animated WebP to its first frame', async () => {
    const frames = await Promise.all(['#ff0000', '#00ff00'].map((c) => solid(20, 20, c).png().toBuffer()));
    const input = await sharp(frames, { join: { animated: true } }).webp().toBuffer();
    expect((await sharp(input).metadata()).pages).toBe(2);
    const out = await sanitizeScreenshot(input);
    expect(out.mimeType).toBe('image/webp');
    expect([out.width, out.height]).toEqual([20, 20]);
    expect((await sharp(out.data).metadata()).pages ?? 1).toBe(1);
  });

  it('stores an animated GIF as a single-frame PNG of its first frame', async () => {
    const frames = await Promise.all(['#ff0000', '#00ff00', '#0000ff'].map((c) => solid(20, 20, c).png().toBuffer()));
    const input = await sharp(frames, { join: { animated: true } }).gif().toBuffer();
    expect((await sharp(input).metadata()).pages).toBe(3);

    const out = await sanitizeScreenshot(input);
    expect(out.mimeType).toBe('image/png');
    expect(detectImageFormat(out.data)).toBe('png');
    expect([out.width, out.height]).toEqual([20, 20]);
    const after = await sharp(out.data).metadata();
    expect(after.format).toBe('png');
    expect(after.pages ?? 1).toBe(1);
    const { data: pixel } = await sharp(out.data).extract({ left: 10, top: 10, width: 1, height: 1 }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    expect([...pixel]).toEqual([255, 0, 0]);
  });

  it('accepts a JPEG with a script appended after EOI and drops the script', async () => {
    const jpeg = await solid(32, 32).jpeg().toBuffer();
    const input = Buffer.concat([jpeg, Buffer.from('<script>alert(1)</script>')]);
    const out = await sanitizeScreenshot(input);
    expect(out.mimeType).toBe('image/jpeg');
    expect(out.data.includes('<script')).toBe(false);
  });
});

describe('sanitizeScreenshot refuses what is not a usable image', () => {
  it('refuses an SVG with a script, HTML, a PDF and an empty file with 415', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>';
    const html = '<!DOCTYPE html><html><body><img src=x onerror=alert(1)></body></html>';
    const pdf = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';
    for (const text of [svg, html, pdf, '']) {
      await expectRefused(Buffer.from(text), 'unsupported_media_type', 415);
    }
  });

  it('refuses garbage behind a valid signature with 415, never a generic error', async () => {
    const filler = Buffer.alloc(200, 0x41);
    await expectRefused(Buffer.concat([PNG_SIGNATURE, filler]), 'unsupported_media_type', 415);
    await expectRefused(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), filler]), 'unsupported_media_type', 415);
    await expectRefused(Buffer.concat([Buffer.from('RIFF\0\0\0\0WEBP'), filler]), 'unsupported_media_type', 415);
    await expectRefused(Buffer.concat([Buffer.from('GIF89a'), filler]), 'unsupported_media_type', 415);
  });

  it('refuses a truncated PNG and a truncated JPEG with 415', async () => {
    const png = await noise(200, 200).png().toBuffer();
    const jpeg = await noise(200, 200).jpeg().toBuffer();
    for (const whole of [png, jpeg]) {
      await expect(sanitizeScreenshot(whole)).resolves.toBeDefined();
      const error = await expectRefused(whole.subarray(0, Math.floor(whole.length / 2)), 'unsupported_media_type', 415);
      expect(error.toBody().error.message).toMatch(/kapot|niet helemaal/);
    }
  });
});

describe('sanitizeScreenshot limits', () => {
  it('refuses a header declaring 30000x30000 or 6000x6000 before decoding', async () => {
    for (const [width, height] of [[30_000, 30_000], [6000, 6000]] as const) {
      // Only a header: it declares a canvas but holds no pixels worth decoding.
      const bomb = pngDeclaring(width, height);
      expect(bomb.length).toBeLessThan(100);
      const declared = await sharp(bomb, { limitInputPixels: false }).metadata();
      expect([declared.width, declared.height]).toEqual([width, height]);
      await expectRefused(bomb, 'image_too_large', 413);
    }
  });

  it('accepts exactly MAX_SCREENSHOT_PIXELS and refuses one row more', async () => {
    expect(MAX_SCREENSHOT_PIXELS).toBe(5000 * 5000);
    const atLimit = await solid(5000, 5000).png().toBuffer();
    const out = await sanitizeScreenshot(atLimit);
    expect([out.width, out.height]).toEqual([5000, 5000]);

    const overLimit = await solid(5000, 5001).png().toBuffer();
    await expectRefused(overLimit, 'image_too_large', 413);
  });

  it('refuses MAX_SCREENSHOT_BYTES + 1 and accepts a valid image of exactly MAX_SCREENSHOT_BYTES', async () => {
    await expectRefused(Buffer.alloc(MAX_SCREENSHOT_BYTES + 1), 'payload_too_large', 413);

    const png = await solid(32, 32).png().toBuffer();
    const exact = Buffer.concat([png, Buffer.alloc(MAX_SCREENSHOT_BYTES - png.length)]);
    expect(exact.length).toBe(MAX_SCREENSHOT_BYTES);
    const out = await sanitizeScreenshot(exact);
    expect([out.width, out.height]).toEqual([32, 32]);
    expect(out.data.length).toBeLessThan(png.length * 2);

    const oneOver = Buffer.concat([png, Buffer.alloc(MAX_SCREENSHOT_BYTES + 1 - png.length)]);
    const error = await expectRefused(oneOver, 'payload_too_large', 413);
    expect(error.toBody().error.message).toContain('10 MB');
  });
});
