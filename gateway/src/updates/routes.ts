// GET /updates/<file>: the window update feed (latest.yml, latest.yml.sig, installers, blockmaps), read-only and
// unauthenticated like any generic electron-updater feed: integrity comes from the signed latest.yml and its sha512.
// Served from the database and the blob store (store.ts), so every gateway process serves the same feed.
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { BlobStore } from '../attachments/blob-store';
import { FEED_FILE_NAME } from './feed';
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
    return reply
      .type(type)
      .header('cache-control', cache)
      .header('content-length', found.size)
      .send(Buffer.isBuffer(found.body) ? found.body : Readable.from(found.body));
  });
}
