// A Y4M (YUV4MPEG2, 4:2:0) video of one still image, for Chromium's fake camera
// (`--use-file-for-fake-video-capture=<file.y4m>`): no ffmpeg needed.
import { writeFileSync } from 'node:fs';
import { decodeImage } from '../image';

/** Writes `frames` copies of the JPEG/PNG `image` as a Y4M file at 10 fps. */
export function writeStillY4m(file: string, image: Uint8Array, frames = 10): void {
  const { width, height, rgb } = decodeImage(image);
  if (width % 2 || height % 2) throw new Error('Y4M 4:2:0 needs even sizes');
  const y = Buffer.alloc(width * height);
  const u = Buffer.alloc((width / 2) * (height / 2));
  const v = Buffer.alloc((width / 2) * (height / 2));
  const at = (x: number, yy: number, k: number) => rgb[(yy * width + x) * 3 + k] ?? 0;
  for (let yy = 0; yy < height; yy++)
    for (let x = 0; x < width; x++) {
      const [r, g, b] = [at(x, yy, 0), at(x, yy, 1), at(x, yy, 2)];
      y[yy * width + x] = Math.round(16 + 0.257 * r + 0.504 * g + 0.098 * b);
    }
  for (let yy = 0; yy < height; yy += 2)
    for (let x = 0; x < width; x += 2) {
      const [r, g, b] = [at(x, yy, 0), at(x, yy, 1), at(x, yy, 2)];
      const i = (yy / 2) * (width / 2) + x / 2;
      u[i] = Math.round(128 - 0.148 * r - 0.291 * g + 0.439 * b);
      v[i] = Math.round(128 + 0.439 * r - 0.368 * g - 0.071 * b);
    }
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, u, v]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(file, Buffer.concat([header, ...new Array<Buffer>(frames).fill(frame)]));
}
