import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { multipartReply, parseRange, sliceRanges, type ByteRange } from './ranges';

async function* chunked(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function collect(gen: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const p of gen) parts.push(p);
  return Buffer.concat(parts);
}

describe('update feed byte ranges', () => {
  it('parses what electron-updater and browsers send, and ignores what it will not serve part by part', () => {
    expect(parseRange(undefined, 100)).toEqual({ kind: 'whole' });
    expect(parseRange('bytes=0-9', 100)).toEqual({ kind: 'ranges', ranges: [[0, 9]] });
    expect(parseRange('bytes=90-', 100)).toEqual({ kind: 'ranges', ranges: [[90, 99]] });
    expect(parseRange('bytes=-10', 100)).toEqual({ kind: 'ranges', ranges: [[90, 99]] });
    expect(parseRange('bytes=95-200', 100)).toEqual({ kind: 'ranges', ranges: [[95, 99]] });
    expect(parseRange('bytes=0-1, 5-9, 20-29', 100)).toEqual({
      kind: 'ranges',
      ranges: [
        [0, 1],
        [5, 9],
        [20, 29],
      ],
    });
    expect(parseRange('bytes=100-', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-0', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=0-1, 200-300', 100)).toEqual({ kind: 'ranges', ranges: [[0, 1]] });
    for (const ignored of ['items=0-1', 'bytes=', 'bytes=a-b', 'bytes=9-2', 'bytes=5-9, 0-1', 'bytes=0-5, 5-9']) {
      expect(parseRange(ignored, 100)).toEqual({ kind: 'whole' });
    }
    expect(parseRange(`bytes=${Array.from({ length: 2_001 }, (_, i) => `${i}-${i}`).join(',')}`, 5_000)).toEqual({
      kind: 'whole',
    });
  });

  it('slices ranges across chunk boundaries of a stream, exactly as from a buffer', async () => {
    const bytes = randomBytes(10_000);
    const ranges: ByteRange[] = [
      [0, 0],
      [999, 1_000],
      [1_024, 4_095],
      [4_096, 4_096],
      [9_990, 9_999],
    ];
    for (const chunk of [1, 7, 1_024, 4_096, 20_000]) {
      const parts: Buffer[][] = ranges.map(() => []);
      for await (const { index, chunk: c } of sliceRanges(chunked(bytes, chunk), ranges)) parts[index]?.push(c);
      parts.forEach((p, i) => {
        const [s, e] = ranges[i] as ByteRange;
        expect(Buffer.concat(p).equals(bytes.subarray(s, e + 1))).toBe(true);
      });
    }
  });

  it('frames a multipart/byteranges reply whose length header is exact', async () => {
    const bytes = randomBytes(5_000);
    const ranges: ByteRange[] = [
      [10, 19],
      [4_000, 4_999],
    ];
    const reply = multipartReply(chunked(bytes, 333), ranges, bytes.length, 'application/octet-stream');
    const body = await collect(reply.body);
    expect(body.length).toBe(reply.length);
    const boundary = /boundary=(\S+)$/.exec(reply.contentType)?.[1] ?? '';
    const text = body.toString('latin1');
    expect(text.startsWith(`--${boundary}\r\nContent-Type: application/octet-stream\r\n`)).toBe(true);
    expect(text).toContain('Content-Range: bytes 10-19/5000\r\n\r\n');
    expect(text).toContain('Content-Range: bytes 4000-4999/5000\r\n\r\n');
    expect(text.endsWith(`\r\n--${boundary}--\r\n`)).toBe(true);
    const second = text.indexOf('\r\n\r\n', text.indexOf('4000-4999')) + 4;
    expect(body.subarray(second, second + 1_000).equals(bytes.subarray(4_000))).toBe(true);
  });
});
