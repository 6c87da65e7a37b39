// GET /updates/<file>: the window update feed (latest.yml, latest.yml.sig, installers, blockmaps), read-only and
// unauthenticated like any generic electron-updater feed: integrity comes from the signed latest.yml and its sha512.
// Served from the database and the blob store (store.ts), so every gateway process serves the same feed. Byte
// ranges (ranges.ts) let electron-updater download only the blocks of an installer that changed.
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { BlobStore } from '../attachments/blob-store';
import { FEED_FILE_NAME } from './feed';
import { multipartReply, parseRange, sliceRanges } from './ranges';
import { readFeedFile } from './store';

const TYPES: [RegExp, string][] = [
  [/\.yml$/, 'text/yaml; charset=utf-8'],
  [/\.sig$/, 'text/plain; charset=utf-8'],
];

/** Serves the feed; `installerStore` is the S3 store of installers (null: PostgreSQL). */
export function registerUpdateRoutes(app: FastifyInstance, pool: pg.Pool, installerStore: BlobStore | null): void {
  app.get<{ Params: { file: string } }>('/updates/:file', async (request, reply) => {
    const { file } = request.params;
    const found = FEED_FILE_NAME.test(file) ? await readFeedFile(pool, installerStore, file) : null;
    if (!found) return reply.code(404).type('text/plain; charset=utf-8').send('没有这个更新文件');
    const type = TYPES.find(([re]) => re.test(file))?.[1] ?? 'application/octet-stream';
    // latest.yml must never be cached (a window would miss a release); installers never change under a name.
    const cache = file.startsWith('latest') ? 'no-store' : 'public, max-age=86400';
    const etag = `"${found.sha256}"`;
    reply.header('cache-control', cache).header('accept-ranges', 'bytes').header('etag', etag);
    const ifRange = request.headers['if-range'];
    const asked =
      ifRange && ifRange !== etag ? { kind: 'whole' as const } : parseRange(request.headers.range, found.size);
    if (asked.kind === 'unsatisfiable')
      return reply
        .code(416)
        .header('content-range', `bytes */${found.size}`)
        .type('text/plain; charset=utf-8')
        .send('');
    if (asked.kind === 'whole' || found.size === 0) {
      reply.type(type).header('content-length', found.size);
      return reply.send(Buffer.isBuffer(found.body) ? found.body : Readable.from(found.body));
    }
    const { ranges } = asked;
    reply.code(206);
    if (ranges.length === 1) {
      const [start, end] = ranges[0] as [number, number];
      async function* single(): AsyncGenerator<Buffer> {
        for await (const { chunk } of sliceRanges(found!.body, ranges)) yield chunk;
      }
      reply.type(type).header('content-range', `bytes ${start}-${end}/${found.size}`);
      return reply.header('content-length', end - start + 1).send(Readable.from(single()));
    }
    const multipart = multipartReply(found.body, ranges, found.size, type);
    reply.type(multipart.contentType).header('content-length', multipart.length);
    return reply.send(Readable.from(multipart.body));
  });
}
