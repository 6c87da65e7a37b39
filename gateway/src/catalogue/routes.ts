// GET /v1/catalogue/latest?have=VERSION: the newest signed catalogue version for windows (signed request).
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { CatalogueLatestResponse } from '@tongban/protocol/catalogue/bundle';
import { CATALOGUE_VERSION_PATTERN } from '@tongban/protocol/catalogue/version';
import { GatewayError } from '../http/errors';
import { latestCatalogueVersion, latestVersionNumber } from './repo';

/** Registers the catalogue route (inside the signed scope). */
export function registerCatalogueRoutes(app: FastifyInstance, pool: pg.Pool): void {
  app.get<{ Querystring: { have?: string } }>('/v1/catalogue/latest', async (request) => {
    const have = request.query.have;
    if (have !== undefined && !CATALOGUE_VERSION_PATTERN.test(have))
      throw new GatewayError('invalid-request', 'have must look like YYYY.MM.N', [{ path: 'have', code: 'format' }]);
    // The window already has the newest: answer without sending ~400 KB again.
    const newest = await latestVersionNumber(pool);
    if (newest === null) return { status: 'none' } satisfies CatalogueLatestResponse;
    if (newest === have) return { status: 'current', version: newest } satisfies CatalogueLatestResponse;
    const latest = await latestCatalogueVersion(pool);
    if (!latest) return { status: 'none' } satisfies CatalogueLatestResponse;
    return { status: 'available', ...latest } satisfies CatalogueLatestResponse;
  });
}
