import jsQRModule from 'jsqr';
import sharp from 'sharp';

// jsqr is CommonJS with an ES default in its types: the function is the default's default under NodeNext.
const jsQR = jsQRModule.default;

/** What a QR code in an image says, read the way a phone's camera would (jsQR on the pixels). */
export async function readQrCode(image: Buffer): Promise<string | undefined> {
  const { data, info } = await sharp(image).flatten({ background: '#ffffff' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data;
}
