// The labelled face set of tests and the bench: real photographs shipped in the npm package
// @vladmandic/face-api 1.7.15 (MIT), demo/sample1.jpg … sample6.jpg (group photos; no separate
// licence notice on the images). Each listed face is one person. From it we make what a window
// sees: a chip photo (102×126 JPEG of ID-chip quality) and "live" camera frames (640×480, mirrored,
// rotated, darkened, noisy, recompressed). Every image is derived deterministically.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { decodeImage, encodeJpeg, type RgbImage } from '../image';

/** One person of the labelled set: the source photo and the face box found in it (x, y, w, h). */
export interface SamplePerson {
  id: string;
  file: string;
  box: [number, number, number, number];
}

/** The labelled set: faces of the six demo photos that look roughly at the camera (profiles and downward looks left out). */
export const SAMPLE_PEOPLE: readonly SamplePerson[] = [
  { id: 's1a', file: 'sample1.jpg', box: [330, 315, 356, 356] },
  { id: 's1b', file: 'sample1.jpg', box: [774, 381, 328, 328] },
  { id: 's1c', file: 'sample1.jpg', box: [1433, 188, 279, 279] },
  { id: 's3a', file: 'sample3.jpg', box: [515, 295, 360, 360] },
  { id: 's3b', file: 'sample3.jpg', box: [996, 189, 369, 368] },
  { id: 's3c', file: 'sample3.jpg', box: [1360, 251, 408, 408] },
  { id: 's4a', file: 'sample4.jpg', box: [176, 185, 302, 301] },
  { id: 's4b', file: 'sample4.jpg', box: [613, 54, 280, 279] },
  { id: 's4c', file: 'sample4.jpg', box: [917, 154, 329, 329] },
  { id: 's4d', file: 'sample4.jpg', box: [1216, 134, 305, 305] },
  { id: 's5a', file: 'sample5.jpg', box: [275, 850, 368, 368] },
  { id: 's5b', file: 'sample5.jpg', box: [515, 411, 308, 307] },
  { id: 's5c', file: 'sample5.jpg', box: [724, 94, 272, 271] },
  { id: 's5d', file: 'sample5.jpg', box: [1047, 170, 320, 320] },
  { id: 's5e', file: 'sample5.jpg', box: [1322, 356, 395, 395] },
  { id: 's6a', file: 'sample6.jpg', box: [176, 457, 361, 360] },
  { id: 's6b', file: 'sample6.jpg', box: [583, 304, 385, 385] },
  { id: 's6c', file: 'sample6.jpg', box: [1080, 280, 369, 369] },
  { id: 's6d', file: 'sample6.jpg', box: [1403, 237, 375, 375] },
];

/** How a live frame differs from the photo: the variations a window camera adds. */
export interface LiveVariation {
  mirror: boolean;
  rotateDeg: number;
  brightness: number;
  noise: number;
  quality: number;
}

/** Variations used for every person (a mirrored webcam, a tilted head, a dim hall, a noisy sensor). */
export const LIVE_VARIATIONS: readonly LiveVariation[] = [
  { mirror: true, rotateDeg: 6, brightness: 0.7, noise: 8, quality: 70 },
  { mirror: false, rotateDeg: -8, brightness: 1.1, noise: 12, quality: 55 },
];

const demoDir = (): string => {
  const require_ = createRequire(__filename);
  return join(dirname(require_.resolve('@vladmandic/face-api')), '..', 'demo');
};

const decoded = new Map<string, RgbImage>();
/** The decoded source photo (cached). */
export function sourcePhoto(file: string): RgbImage {
  let img = decoded.get(file);
  if (!img) {
    img = decodeImage(readFileSync(join(demoDir(), file)));
    decoded.set(file, img);
  }
  return img;
}

/** A deterministic pseudo-random generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Samples `src` into a width×height image: output pixel (x, y) comes from the source point
 * centre + R·((x, y) − out centre)·scale (bilinear), with an optional mirror and rotation.
 */
function sample(
  src: RgbImage,
  cx: number,
  cy: number,
  scale: number,
  width: number,
  height: number,
  opts: { mirror?: boolean; rotateDeg?: number; keepRadius?: number } = {},
): RgbImage {
  // Outside keepRadius (source pixels, horizontally from the centre) is a plain wall: no neighbour in the frame.
  const keep = opts.keepRadius ?? Infinity;
  const out = new Uint8Array(width * height * 3);
  const a = ((opts.rotateDeg ?? 0) * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dx = ((opts.mirror ? width - 1 - x : x) - width / 2) * scale;
      const dy = (y - height / 2) * scale;
      const sx = Math.min(src.width - 1.001, Math.max(0, cx + dx * cos - dy * sin));
      const sy = Math.min(src.height - 1.001, Math.max(0, cy + dx * sin + dy * cos));
      if (Math.abs(sx - cx) > keep) {
        out.fill(196, (y * width + x) * 3, (y * width + x) * 3 + 3);
        continue;
      }
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      for (let k = 0; k < 3; k++) {
        const p = (yy: number, xx: number) => src.rgb[(yy * src.width + xx) * 3 + k] ?? 0;
        const top = p(y0, x0) * (1 - fx) + p(y0, x0 + 1) * fx;
        const bottom = p(y0 + 1, x0) * (1 - fx) + p(y0 + 1, x0 + 1) * fx;
        out[(y * width + x) * 3 + k] = Math.round(top * (1 - fy) + bottom * fy);
      }
    }
  }
  return { width, height, rgb: out };
}

/** The person's chip photo: head and shoulders, 102×126, JPEG quality 60 (what a WLT decoder gives, then compressed). */
export function chipPhoto(person: SamplePerson): Buffer {
  const [x, y, w, h] = person.box;
  const scale = (w * 1.6) / 102;
  const img = sample(sourcePhoto(person.file), x + w / 2, y + h / 2 + h * 0.08, scale, 102, 126, {
    keepRadius: w * 0.7,
  });
  return encodeJpeg(img, 60);
}

/** A 640×480 camera frame of the person (face about 200 px wide) with one variation applied. */
export function liveFrame(person: SamplePerson, v: LiveVariation, seed = 1): Buffer {
  const [x, y, w, h] = person.box;
  const img = sample(sourcePhoto(person.file), x + w / 2, y + h / 2, w / 220, 640, 480, { ...v, keepRadius: w * 0.7 });
  const rnd = random(seed);
  for (let i = 0; i < img.rgb.length; i++) {
    const n = (rnd() + rnd() + rnd() - 1.5) * 2 * v.noise;
    img.rgb[i] = Math.max(0, Math.min(255, Math.round((img.rgb[i] ?? 0) * v.brightness + n)));
  }
  return encodeJpeg(img, v.quality);
}

/** A 640×480 frame showing two people side by side (the several-faces case). */
export function twoPeopleFrame(a: SamplePerson, b: SamplePerson): Buffer {
  const half = (p: SamplePerson) => {
    const [x, y, w, h] = p.box;
    return sample(sourcePhoto(p.file), x + w / 2, y + h / 2, w / 180, 320, 480, { keepRadius: w * 0.8 });
  };
  const left = half(a);
  const right = half(b);
  const rgb = new Uint8Array(640 * 480 * 3);
  for (let y = 0; y < 480; y++) {
    rgb.set(left.rgb.subarray(y * 320 * 3, (y + 1) * 320 * 3), y * 640 * 3);
    rgb.set(right.rgb.subarray(y * 320 * 3, (y + 1) * 320 * 3), (y * 640 + 320) * 3);
  }
  return encodeJpeg({ width: 640, height: 480, rgb }, 75);
}

/** A frame where the person is far away: the face about 40 px wide in 640×480 (the too-small case). */
export function distantFrame(person: SamplePerson): Buffer {
  const [x, y, w, h] = person.box;
  return encodeJpeg(
    sample(sourcePhoto(person.file), x + w / 2, y + h / 2, w / 40, 640, 480, { keepRadius: w * 0.7 }),
    75,
  );
}

/** A frame of a wall: part of a photo without a face (the no-face case). */
export function emptyFrame(): Buffer {
  const src = sourcePhoto('sample1.jpg');
  return encodeJpeg(sample(src, 1100, 1150, 0.4, 640, 480), 75);
}
