// Errors of the /v1 API as data: a closed code, an English message for logs, optional field errors.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import {
  GATEWAY_ERROR_STATUS,
  type FieldError,
  type GatewayErrorBody,
  type GatewayErrorCode,
} from '@tongban/protocol/sync/errors';

/** An expected failure of a /v1 request; the error handler turns it into its status and body. */
export class GatewayError extends Error {
  constructor(
    readonly code: GatewayErrorCode,
    message: string,
    readonly fields?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'GatewayError';
  }

  /** The HTTP status of this error's code. */
  get status(): number {
    return GATEWAY_ERROR_STATUS[this.code];
  }
}

/** Field errors of a failed zod parse, as `{path: 'a.0.b', code}`; the code is the issue message set by the schema. */
export function zodFields(error: z.ZodError): FieldError[] {
  return error.issues.map((i) => ({
    path: i.path.map(String).join('.'),
    code: i.code === 'custom' || /^[a-z0-9-]+$/.test(i.message) ? i.message : i.code.replace(/_/g, '-'),
  }));
}

/** The JSON body of an error. */
export function errorBody(code: GatewayErrorCode, message: string, fields?: FieldError[]): GatewayErrorBody {
  return { error: fields && fields.length > 0 ? { code, message, fields } : { code, message } };
}

const FASTIFY_CODES: Record<string, GatewayErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload-too-large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported-media-type',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed-json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed-json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid-request',
};

/** Maps any error thrown while serving /v1 to the gateway's error response. */
export function apiErrorHandler(err: FastifyError | GatewayError, request: FastifyRequest, reply: FastifyReply): void {
  if (err instanceof GatewayError) {
    if (err.headers) void reply.headers(err.headers);
    void reply.code(err.status).send(errorBody(err.code, err.message, err.fields));
    return;
  }
  const mapped = err.code ? FASTIFY_CODES[err.code] : undefined;
  if (mapped) {
    void reply.code(GATEWAY_ERROR_STATUS[mapped]).send(errorBody(mapped, err.message));
    return;
  }
  if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
    void reply.code(err.statusCode).send(errorBody('invalid-request', err.message));
    return;
  }
  request.log.error({ err }, 'unexpected error');
  void reply.code(500).send(errorBody('internal', 'internal error'));
}
