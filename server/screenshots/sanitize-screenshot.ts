// Every uploaded screenshot is decoded and re-encoded before it is stored: the stored file then holds
// pixels only, never the GPS position, camera owner or other metadata that could identify a child.

import type { OutputInfo, Sharp } from 'sharp';
import { AppError } from '../errors.js';
import { loadOnce } from '../load-once.js';
import { messageKey } from '../shared/server-messages.js';
import { JPEG_FALLBACK_QUALITY, MAX_SCREENSHOT_BYTES, MAX_SCREENSHOT_PIXELS, MAX_SCREENSHOTS } from '../shared/limits.js';
import { detectImageFormat, type ImageFormat } from '../shared/image-format.js';
import { imageQueue } from './image-queue.js';

export interface SanitizedScreenshot {
  data: Buffer;
  mimeType: 'image/png' | 'image/jpeg' | 'image/webp';
  width: number;
  height: number;
}

/**
 * libvips threads per image. The image queue runs one image per core already, so more threads per
 * image only crowd the cores the event loop needs as well (health checks, pages, the database).
 */
export const LIBVIPS_THREADS_PER_IMAGE = 1;

const loadSharp = loadOnce(async () => {
  const sharp = (await import('sharp')).default;
  sharp.concurrency(LIBVIPS_THREADS_PER_IMAGE);
  // Each upload is decoded once: libvips's operation cache would only hold memory.
  sharp.cache(false);
  return sharp;
});

const MESSAGE_NOT_AN_IMAGE = messageKey('screenshots.notAnImage');
const MESSAGE_BROKEN = messageKey('screenshots.broken');
const MESSAGE_TOO_MANY_BYTES = messageKey('screenshots.tooManyBytes');
const MESSAGE_TOO_MANY_PIXELS = messageKey('screenshots.tooManyPixels');

/** The field a message about one uploaded file belongs to: `screenshots.<index>`, 0-based in the order sent. */
export function screenshotField(index: number): string {
  return `screenshots.${index}`;
}

/** A file over MAX_SCREENSHOT_BYTES; `index` says which one when it is known. */
export function screenshotTooLarge(index?: number): AppError {
  const field = index === undefined ? 'screenshots' : screenshotField(index);
  return new AppError('payload_too_large', MESSAGE_TOO_MANY_BYTES, { [field]: MESSAGE_TOO_MANY_BYTES });
}

export function tooManyScreenshots(): AppError {
  return new AppError('too_many_files', messageKey('screenshots.tooMany'), {
    screenshots: messageKey('screenshots.tooManyField'),
  });
}

/**
 * Sanitises all uploads of one report or message. The image work runs on sharp's thread pool
 * before any transaction opens, so transactions stay short. When files are refused, the error
 * names each of them (`screenshots.<index>` in `fields`, with its own reason), so the reporter can
 * take those out and send the rest again.
 */
export async function sanitizeScreenshots(uploads: readonly Buffer[]): Promise<SanitizedScreenshot[]> {
  if (uploads.length > MAX_SCREENSHOTS) throw tooManyScreenshots();
  const results = await Promise.allSettled(uploads.map((bytes) => sanitizeScreenshot(bytes)));
  const refused = results.flatMap((result, index) =>
    result.status === 'rejected' ? [{ index, error: toAppError(result.reason) }] : [],
  );
  const first = refused[0];
  if (first === undefined) return results.map((result) => (result as PromiseFulfilledResult<SanitizedScreenshot>).value);
  const fields = Object.fromEntries(refused.map(({ index, error }) => [screenshotField(index), error.message]));
  throw new AppError(first.error.code, first.error.message, fields);
}

/**
 * Turns untrusted upload bytes into a metadata-free image, or throws an AppError (4xx) saying why not.
 * Never throws anything else for bad input: a broken upload must not become a 500.
 */
export async function sanitizeScreenshot(bytes: Buffer): Promise<SanitizedScreenshot> {
  if (bytes.length === 0) throw new AppError('unsupported_media_type', MESSAGE_NOT_AN_IMAGE);
  if (bytes.length > MAX_SCREENSHOT_BYTES) throw screenshotTooLarge();

  const format = detectImageFormat(bytes);
  if (format === null) throw new AppError('unsupported_media_type', MESSAGE_NOT_AN_IMAGE);

  // Outside the try below: a sharp that cannot load is the server's fault (500), not a broken image.
  const sharp = await loadSharp();
  try {
    // Header only, no pixels decoded. Unlimited here so that our own check below, with its own message,
    // decides about oversized canvases; sharp would otherwise refuse them already while reading the header.
    const metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
    // libvips sniffs the format itself; insisting it agrees with our magic bytes means no other
    // loader (SVG, PDF, ...) can ever be reached with bytes that merely start like an image.
    if (metadata.format !== format) throw new AppError('unsupported_media_type', MESSAGE_NOT_AN_IMAGE);

    const { width, height } = metadata;
    if (!width || !height) throw new AppError('unsupported_media_type', MESSAGE_BROKEN);
    // Checked from the header before any pixel is decoded, so a small file declaring a huge canvas
    // (a decompression bomb) costs nothing.
    if (width * height > MAX_SCREENSHOT_PIXELS) throw new AppError('image_too_large', MESSAGE_TOO_MANY_PIXELS);

    // failOn 'error' refuses truncated or corrupt pixel data but tolerates harmless decoder warnings
    // that real phone screenshots sometimes carry. limitInputPixels repeats the check above inside
    // libvips, in case the two ever disagree. Only the first frame is read (sharp's default), so an
    // animated GIF or WebP is flattened to frame one.
    //
    // Rotate first so the picture still stands upright once the EXIF orientation tag is gone. Only
    // when the tag asks for it: rotating needs the whole picture in memory at once, while an upright
    // photo streams through libvips in strips, in about half the time and a fraction of the memory.
    // No withMetadata/keepMetadata: sharp's default output drops EXIF, XMP, ICC and IPTC.
    // Decoding waits its turn in the process's image queue (a slot per core, a cap on pixels).
    const upright = metadata.orientation === undefined || metadata.orientation === 1;
    const pipeline = () => {
      const image = sharp(bytes, { failOn: 'error', limitInputPixels: MAX_SCREENSHOT_PIXELS });
      return upright ? image : image.rotate();
    };
    const { data, info, mimeType } = await imageQueue.run(width * height, async () => {
      const encoded = await encode(pipeline(), format);
      // Noise-like photos can come out larger than they came in: store no more than needed.
      if (format !== 'jpeg' || encoded.data.length <= bytes.length) return encoded;
      return encode(pipeline(), format, JPEG_FALLBACK_QUALITY);
    });
    return { data, mimeType, width: info.width, height: info.height };
  } catch (error) {
    throw toAppError(error);
  }
}

async function encode(
  pipeline: Sharp,
  format: ImageFormat,
  jpegQuality = 85,
): Promise<{ data: Buffer; info: OutputInfo; mimeType: SanitizedScreenshot['mimeType'] }> {
  switch (format) {
    case 'jpeg': {
      // Plain libjpeg: mozjpeg saves ~19% of bytes but costs ~7x the CPU, and a class uploading
      // photos at once matters more than storage (868 ms vs 122 ms for a 12 MP photo here).
      const { data, info } = await pipeline.jpeg({ quality: jpegQuality, mozjpeg: false }).toBuffer({ resolveWithObject: true });
      return { data, info, mimeType: 'image/jpeg' };
    }
    case 'webp': {
      const { data, info } = await pipeline.webp({ quality: 85 }).toBuffer({ resolveWithObject: true });
      return { data, info, mimeType: 'image/webp' };
    }
    // GIF becomes PNG: lossless for its few colours, and one still frame is all a report needs.
    case 'png':
    case 'gif': {
      const { data, info } = await pipeline.png().toBuffer({ resolveWithObject: true });
      return { data, info, mimeType: 'image/png' };
    }
  }
}

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message)) return new AppError('image_too_large', MESSAGE_TOO_MANY_PIXELS);
  return new AppError('unsupported_media_type', MESSAGE_BROKEN);
}
