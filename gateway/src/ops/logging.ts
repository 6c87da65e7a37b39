// The access log: fastify's own pino logger, JSON lines with a request id, and nothing personal. Request
// lines carry the method, the path without its query (department searches put names and ID numbers in
// queries), the route pattern and the status; never headers, bodies or cookies. Errors keep their type,
// code and message, never PostgreSQL's `detail` (which quotes row values). One line per request, written
// when it completes (fastify's default is two, `incoming request` and `request completed`: twice the
// serialising and the write system calls for the same facts).
import { randomUUID } from 'node:crypto';
import { LogController, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import pino from 'pino';

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

/** Fastify's request log lines, as one `request completed` (or `request errored`) line with the request's fields. */
class OneLineAccessLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    if (error)
      reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

/**
 * Standard output, written in batches: pino's default writes every line with its own system call, about 5 % of
 * the gateway's CPU under a morning peak (decision 0257). Lines wait at most a second (or 4 KB); they are flushed
 * when the process exits, so only a `kill -9` or a power cut can lose the last second of access lines.
 */
export function bufferedLog(dest: number | string = 1): LogDestination {
  return pino.destination({ dest, sync: false, minLength: 4096, periodicFlush: 1000 });
}

/** The fastify options that make the access log (to `stream`, or to standard output in batches). */
export function loggerOptions(
  level: string,
  stream?: LogDestination,
): Pick<FastifyServerOptions, 'logger' | 'genReqId' | 'logController'> {
  return {
    logController: new OneLineAccessLog(),
    logger: {
      level,
      stream: stream ?? bufferedLog(),
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
