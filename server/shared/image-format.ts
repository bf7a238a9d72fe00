// The four screenshot formats, recognised by their first bytes. No imports: the browser checks a
// picked file with the same function before sending, and the server checks every upload again.

export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'gif';

/** Bytes detectImageFormat needs to see: enough for every signature below. */
export const IMAGE_SIGNATURE_BYTES = 12;

/** Recognises the four accepted formats by their magic bytes; the file name and declared type are never trusted. */
export function detectImageFormat(bytes: Uint8Array): ImageFormat | null {
  const startsWith = (signature: readonly number[], offset = 0): boolean =>
    bytes.length >= offset + signature.length && signature.every((byte, i) => bytes[offset + i] === byte);

  if (startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith([0xff, 0xd8, 0xff])) return 'jpeg';
  // RIFF container (4-byte size in between) holding a WEBP payload.
  if (startsWith([0x52, 0x49, 0x46, 0x46]) && startsWith([0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
  // "GIF87a" or "GIF89a".
  if (startsWith([0x47, 0x49, 0x46, 0x38]) && (startsWith([0x37, 0x61], 4) || startsWith([0x39, 0x61], 4))) {
    return 'gif';
  }
  return null;
}
