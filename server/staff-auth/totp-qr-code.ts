import QRCode from 'qrcode';

/**
 * The otpauth URI as a QR code for an authenticator app's camera: an SVG drawn here, handed to the
 * page as a data URL (CSP img-src allows data:), so no request leaves the portal for it.
 */
export async function qrCodeDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}
