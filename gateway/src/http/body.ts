// Body parsers. Signed requests have their Content-Digest (RFC 9530) checked against the exact
// bytes received before anything is parsed; a request without a body must carry the digest of "".
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseContentDigest } from '@tongban/protocol/sync/signature';
import { GatewayError } from './errors';

/**
 * Throws digest-mismatch when a signed request's Content-Digest is not the digest of `body`. Keeps the
 * SHA-256 (hex) on the request: an attachment's slot is checked against the same hash, computed once.
 */
export function checkDigest(request: FastifyRequest, body: Buffer): void {
  if (!request.device) return; // unsigned routes (enrolment) have no digest to check
  const claimed = parseContentDigest(request.headers['content-digest'] as string | undefined);
  const digest = createHash('sha256').update(body).digest();
  if (claimed !== digest.toString('base64'))
    throw new GatewayError('digest-mismatch', 'Content-Digest does not match the body');
  request.digestChecked = true;
  request.bodySha256 = digest.toString('hex');
}

/** Registers the JSON, octet-stream and (for department forms) urlencoded parsers on `app`. */
export function registerBodyParsers(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    try {
      checkDigest(request, body as Buffer);
      if ((body as Buffer).length === 0) throw new GatewayError('malformed-json', 'empty JSON body');
      done(null, JSON.parse((body as Buffer).toString('utf8')));
    } catch (err) {
      done(err instanceof GatewayError ? err : new GatewayError('malformed-json', 'body is not valid JSON'), undefined);
    }
  });
  app.addContentTypeParser(
    ['application/octet-stream', 'application/offset+octet-stream'],
    { parseAs: 'buffer' },
    digestCheckedBytes,
  );
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 64 * 1024 },
    (_request, body, done) => {
      done(null, new URLSearchParams(body as string));
    },
  );
}

/** A body parser for raw bytes: the body as a Buffer once its Content-Digest checks (files, chunks, case bundles). */
export function digestCheckedBytes(
  request: FastifyRequest,
  body: string | Buffer,
  done: (err: Error | null, body?: unknown) => void,
): void {
  try {
    checkDigest(request, body as Buffer);
    done(null, body);
  } catch (err) {
    done(err as Error, undefined);
  }
}
