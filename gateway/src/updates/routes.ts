// GET /updates/<file>: the window update feed (latest.yml, latest.yml.sig, installers, blockmaps), read-only and
// unauthenticated like any generic electron-updater feed: integrity comes from the signed latest.yml and its sha512.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { FEED_FILE_NAME, updatesDir } from './feed';

const TYPES: [RegExp, string][] = [
  [/\.yml$/, 'text/yaml; charset=utf-8'],
  [/\.sig$/, 'text/plain; charset=utf-8'],
];

/** Serves the feed from `<dataDir>/updates`. */
export function registerUpdateRoutes(app: FastifyInstance, dataDir: string): void {
  app.get<{ Params: { file: string } }>('/updates/:file', async (request, reply) => {
    const { file } = request.params;
    const path = join(updatesDir(dataDir), file);
    if (!FEED_FILE_NAME.test(file) || file.includes('.tmp-') || !existsSync(path) || !statSync(path).isFile()) {
      return reply.code(404).type('text/plain; charset=utf-8').send('没有这个更新文件');
    }
    const type = TYPES.find(([re]) => re.test(file))?.[1] ?? 'application/octet-stream';
    // latest.yml must never be cached (a window would miss a release); installers never change under a name.
    const cache = file.startsWith('latest') ? 'no-store' : 'public, max-age=86400';
    return reply
      .type(type)
      .header('cache-control', cache)
      .header('content-length', statSync(path).size)
      .send(createReadStream(path));
  });
}
