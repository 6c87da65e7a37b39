// HTTP range requests (RFC 9110 §14) for the update feed, so that electron-updater's differential download fetches
// only the changed blocks of an installer. electron-updater asks for up to 1,000 ranges in one request, in file
// order, and reads a multipart/byteranges reply part by part in the order it asked: the parts are therefore sent
// exactly as requested, never merged or reordered. A request this server will not answer part by part (overlapping
// or descending ranges, too many) gets the whole file, which RFC 9110 allows and electron-updater accepts.
import { randomBytes } from 'node:crypto';

/** One byte range, both ends inclusive (as in the Range header). */
export type ByteRange = readonly [start: number, end: number];

/** What a Range header asks of a file of `size` bytes. */
export type RangeRequest = { kind: 'whole' } | { kind: 'unsatisfiable' } | { kind: 'ranges'; ranges: ByteRange[] };

/** More ranges than electron-updater sends in one request (1,000) but few enough to bound the reply's headers. */
export const MAX_RANGES = 2_000;

/** Parses `header` for a file of `size` bytes; anything this server does not serve part by part means "whole". */
export function parseRange(header: string | undefined, size: number): RangeRequest {
  if (!header) return { kind: 'whole' };
  const m = /^\s*bytes\s*=\s*(.+)$/i.exec(header);
  if (!m?.[1]) return { kind: 'whole' };
  const specs = m[1].split(',').map((s) => s.trim());
  if (specs.length > MAX_RANGES) return { kind: 'whole' };
  const ranges: ByteRange[] = [];
  for (const spec of specs) {
    const r = /^(\d*)-(\d*)$/.exec(spec);
    if (!r || (r[1] === '' && r[2] === '')) return { kind: 'whole' }; // invalid syntax: ignore the header
    let start: number;
    let end: number;
    if (r[1] === '') {
      const suffix = Number(r[2]);
      if (suffix === 0) continue; // a zero-length suffix is unsatisfiable
      start = Math.max(0, size - suffix);
      end = size - 1;
    } else {
      start = Number(r[1]);
      end = r[2] === '' ? size - 1 : Math.min(Number(r[2]), size - 1);
      if (r[2] !== '' && Number(r[2]) < start) return { kind: 'whole' };
    }
    if (start >= size) continue; // unsatisfiable on its own; the others may still be served
    ranges.push([start, end]);
  }
  if (ranges.length === 0) return { kind: 'unsatisfiable' };
  for (let i = 1; i < ranges.length; i++) {
    if ((ranges[i] as ByteRange)[0] <= (ranges[i - 1] as ByteRange)[1]) return { kind: 'whole' };
  }
  return { kind: 'ranges', ranges };
}

/** The bytes of `ranges` (ascending, disjoint) from `body`, read once from the start: one chunk list per range. */
export async function* sliceRanges(
  body: Buffer | AsyncIterable<Buffer>,
  ranges: readonly ByteRange[],
): AsyncGenerator<{ index: number; chunk: Buffer }> {
  if (Buffer.isBuffer(body)) {
    for (const [index, [start, end]] of ranges.entries()) yield { index, chunk: body.subarray(start, end + 1) };
    return;
  }
  let offset = 0;
  let index = 0;
  for await (const chunk of body) {
    const chunkEnd = offset + chunk.length; // exclusive
    while (index < ranges.length) {
      const [start, end] = ranges[index] as ByteRange;
      if (start >= chunkEnd) break;
      const from = Math.max(start, offset) - offset;
      const to = Math.min(end + 1, chunkEnd) - offset;
      if (to > from) yield { index, chunk: chunk.subarray(from, to) };
      if (end + 1 > chunkEnd) break;
      index++;
    }
    offset = chunkEnd;
    if (index >= ranges.length) return; // the rest of the file is not needed (the stream is closed by return)
  }
}

/** A multipart/byteranges reply: its content type, exact length and body. */
export interface MultipartReply {
  contentType: string;
  length: number;
  body: AsyncGenerator<Buffer>;
}

/** Frames `ranges` of a `size`-byte file of type `type` as multipart/byteranges (RFC 9110 §14.6). */
export function multipartReply(
  body: Buffer | AsyncIterable<Buffer>,
  ranges: readonly ByteRange[],
  size: number,
  type: string,
): MultipartReply {
  const boundary = `tongban-${randomBytes(12).toString('hex')}`;
  const heads = ranges.map(
    ([start, end], i) =>
      `${i === 0 ? '' : '\r\n'}--${boundary}\r\nContent-Type: ${type}\r\nContent-Range: bytes ${start}-${end}/${size}\r\n\r\n`,
  );
  const tail = `\r\n--${boundary}--\r\n`;
  const length =
    heads.reduce((n, h) => n + Buffer.byteLength(h), 0) +
    ranges.reduce((n, [start, end]) => n + end - start + 1, 0) +
    Buffer.byteLength(tail);
  async function* frame(): AsyncGenerator<Buffer> {
    let current = -1;
    for await (const { index, chunk } of sliceRanges(body, ranges)) {
      while (current < index) yield Buffer.from(heads[++current] as string);
      yield chunk;
    }
    while (current < ranges.length - 1) yield Buffer.from(heads[++current] as string); // empty parts cannot occur
    yield Buffer.from(tail);
  }
  return { contentType: `multipart/byteranges; boundary=${boundary}`, length, body: frame() };
}
