import { loadOnce } from './load-once.js';

const loadQrCode = loadOnce(async () => (await import('qrcode')).default);

/**
 * A text (the otpauth link of a second factor, a school's form address for its poster) as a QR code:
 * an SVG drawn here, handed to the page as a data URL (CSP img-src allows data:), so no request
 * leaves the portal for it. Level M survives a camera at an angle and a creased poster.
 */
export async function qrCodeDataUrl(text: string): Promise<string> {
  const QRCode = await loadQrCode();
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}
