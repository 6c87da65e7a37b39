// The access log: fastify's own pino logger, JSON lines with a request id, and nothing personal. Request
// lines carry the method, the path without its query (department searches put names and ID numbers in
// queries), the route pattern and the status; never headers, bodies or cookies. Errors keep their type,
// code and message, never PostgreSQL's `detail` (which quotes row values).
import { randomUUID } from 'node:crypto';
import type { FastifyServerOptions } from 'fastify';

/** Where log lines go (tests capture them). */
export interface LogDestination {
  write(line: string): void;
}

interface RequestLike {
  id?: unknown;
  method?: string;
  url?: string;
  routeOptions?: { url?: string };
  ip?: string;
}

/** The fastify options that make the access log. */
export function loggerOptions(
  level: string,
  stream?: LogDestination,
): Pick<FastifyServerOptions, 'logger' | 'genReqId'> {
  return {
    logger: {
      level,
      ...(stream ? { stream } : {}),
      base: { service: 'tongban-gateway' },
      timestamp: () => `,"time":"${new Date().toISOString()}"`,
      serializers: {
        req: (req: RequestLike) => ({
          method: req.method,
          path: (req.url ?? '').split('?')[0],
          route: req.routeOptions?.url,
          remoteAddress: req.ip,
        }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
        err: (err: Error & { code?: unknown; statusCode?: unknown }) => ({
          type: err.name,
          code: err.code,
          statusCode: err.statusCode,
          message: err.message,
          stack: err.stack ?? '',
        }),
      },
    },
    // fastify logs the id as `reqId`; incoming X-Request-Id headers are not trusted (requestIdHeader off).
    genReqId: () => randomUUID(),
  };
}
