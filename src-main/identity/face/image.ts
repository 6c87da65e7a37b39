// Decoding of the images the face engine reads: chip photos (JPEG, PNG or BMP from the reader
// drivers) and camera frames (JPEG or PNG from the renderer). Pure JS (jpeg-js, pngjs): no native code.
import jpeg from 'jpeg-js';
import { createRequire } from 'node:module';
import { AppError } from '@common/errors';

// pngjs comes with qrcode (a dependency); it has no types of its own.
const PNG = (
  createRequire(__filename)('pngjs') as {
    PNG: { sync: { read(b: Buffer): { width: number; height: number; data: Buffer } } };
  }
).PNG;

/** Decoded pixels, RGB, row by row. */
export interface RgbImage {
  width: number;
  height: number;
  rgb: Uint8Array;
}

/** Largest image decoded (a 1920×1080 frame is about 2 MP). */
const MAX_MEGAPIXELS = 8;

/** Drops the alpha channel of RGBA pixels. */
function rgbOf(rgba: Uint8Array | Buffer, width: number, height: number): Uint8Array {
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0, j = 0; i < width * height * 4; i += 4, j += 3) {
    rgb[j] = rgba[i] ?? 0;
    rgb[j + 1] = rgba[i + 1] ?? 0;
    rgb[j + 2] = rgba[i + 2] ?? 0;
  }
  return rgb;
}

/** A 24- or 32-bit uncompressed BMP (what WLT decoders write). */
function decodeBmp(b: Buffer): RgbImage {
  const offset = b.readUInt32LE(10);
  const width = b.readInt32LE(18);
  const rawHeight = b.readInt32LE(22);
  const bits = b.readUInt16LE(28);
  const compression = b.readUInt32LE(30);
  if (
    (bits !== 24 && bits !== 32) ||
    compression !== 0 ||
    width <= 0 ||
    width * Math.abs(rawHeight) > MAX_MEGAPIXELS * 1e6
  )
    throw new AppError('face-image-invalid', 'unsupported BMP');
  const height = Math.abs(rawHeight);
  const bytes = bits / 8;
  const stride = Math.ceil((width * bytes) / 4) * 4;
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const row = offset + (rawHeight > 0 ? height - 1 - y : y) * stride;
    for (let x = 0; x < width; x++) {
      const p = row + x * bytes;
      const q = (y * width + x) * 3;
      rgb[q] = b[p + 2] ?? 0;
      rgb[q + 1] = b[p + 1] ?? 0;
      rgb[q + 2] = b[p] ?? 0;
    }
  }
  return { width, height, rgb };
}

/** Decodes a JPEG, PNG or BMP; anything else (or a broken file) is refused with face-image-invalid. */
export function decodeImage(bytes: Uint8Array): RgbImage {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    if (b[0] === 0xff && b[1] === 0xd8) {
      const img = jpeg.decode(b, {
        useTArray: true,
        formatAsRGBA: true,
        maxResolutionInMP: MAX_MEGAPIXELS,
        maxMemoryUsageInMB: 256,
      });
      return { width: img.width, height: img.height, rgb: rgbOf(img.data, img.width, img.height) };
    }
    if (b.subarray(1, 4).toString('latin1') === 'PNG') {
      const img = PNG.sync.read(b);
      if (img.width * img.height > MAX_MEGAPIXELS * 1e6) throw new Error('too large');
      return { width: img.width, height: img.height, rgb: rgbOf(img.data, img.width, img.height) };
    }
    if (b[0] === 0x42 && b[1] === 0x4d) return decodeBmp(b);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('face-image-invalid', 'the image could not be decoded');
  }
  throw new AppError('face-image-invalid', 'not a JPEG, PNG or BMP image');
}

/** Encodes RGB pixels as JPEG (test data, bench). */
export function encodeJpeg(image: RgbImage, quality: number): Buffer {
  const rgba = Buffer.alloc(image.width * image.height * 4);
  for (let i = 0, j = 0; j < image.rgb.length; i += 4, j += 3) {
    rgba[i] = image.rgb[j] ?? 0;
    rgba[i + 1] = image.rgb[j + 1] ?? 0;
    rgba[i + 2] = image.rgb[j + 2] ?? 0;
    rgba[i + 3] = 255;
  }
  return jpeg.encode({ data: rgba, width: image.width, height: image.height }, quality).data;
}
