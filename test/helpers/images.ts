import sharp from 'sharp';

/** A small real PNG of one colour. */
export function pngImage(width = 20, height = 20): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 40, g: 120, b: 200 } } }).png().toBuffer();
}

/** A JPEG carrying GPS coordinates and an author name in its EXIF, like a phone photo. */
export function jpegWithGps(author = 'Sanne de Vries'): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .jpeg()
    .withExif({
      IFD0: { Artist: author, Copyright: author },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 30/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '6/1 5/1 0/1' },
    })
    .toBuffer();
}
