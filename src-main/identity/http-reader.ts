// The vendor local web service driver (domain-facts §7.2): one HTTP request per read to a service on
// this PC (e.g. POST http://127.0.0.1:8000/cgi-bin/readCard), its JSON answer read through the
// configured mapping. Faults are reader errors the clerk can act on, never a hung window.
import { request } from 'node:http';
import { connect } from 'node:net';
import type { z } from 'zod';
import type { CardRead } from '@common/identity/card';
import type { httpReaderSettingsSchema } from '@common/identity/settings';
import { normaliseVendorAnswer } from '@common/identity/vendor-json';
import { AppError } from '@common/errors';
import type { CardReader, ReaderProbe } from './reader';

/** Settings of this driver. */
export type HttpReaderSettings = z.output<typeof httpReaderSettingsSchema>;

/** Largest answer accepted (a photo in base64 is a few tens of kilobytes). */
export const MAX_ANSWER_BYTES = 2 * 1024 * 1024;

/** Reads cards through a vendor's local HTTP service. */
export class HttpReader implements CardReader {
  constructor(private readonly settings: HttpReaderSettings) {}

  /** The service is there when its port accepts a connection (vendors have no common status call). */
  status(): Promise<ReaderProbe> {
    const url = new URL(this.settings.url);
    return new Promise((resolve) => {
      const socket = connect({ host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 80) });
      const done = (probe: ReaderProbe) => {
        socket.destroy();
        resolve(probe);
      };
      socket.setTimeout(1000, () =>
        done({ state: 'disconnected', errorCode: 'reader-unavailable', message: 'reader service does not answer' }),
      );
      socket.once('connect', () => done({ state: 'ready' }));
      socket.once('error', (err) =>
        done({ state: 'disconnected', errorCode: 'reader-unavailable', message: err.message }),
      );
    });
  }

  read(signal: AbortSignal): Promise<CardRead> {
    const s = this.settings;
    return new Promise<CardRead>((resolve, reject) => {
      let settled = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        fn();
      };
      const fail = (err: AppError) =>
        settle(() => {
          req.destroy();
          reject(err);
        });
      const body = s.method === 'POST' ? Buffer.from(s.body, 'utf8') : null;
      const req = request(s.url, {
        method: s.method,
        headers: {
          accept: 'application/json',
          ...(body ? { 'content-type': 'application/json', 'content-length': body.length } : {}),
        },
      });
      const timer = setTimeout(
        () => fail(new AppError('reader-timeout', `reader service gave no answer within ${s.timeoutMs} ms`)),
        s.timeoutMs,
      );
      const onAbort = () => fail(new AppError('reader-error', 'read aborted', { reason: 'aborted' }));
      signal.addEventListener('abort', onAbort, { once: true });
      if (signal.aborted) return onAbort();

      req.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code === 'ECONNREFUSED')
          fail(new AppError('reader-unavailable', 'reader service is not running', { reason: 'connection-refused' }));
        else
          fail(
            new AppError('reader-error', 'reader service connection failed', {
              reason: 'connection-error',
              errno: err.code ?? null,
            }),
          );
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let ended = false;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_ANSWER_BYTES)
            fail(new AppError('reader-error', 'reader answer too large', { reason: 'answer-too-large' }));
          else chunks.push(chunk);
        });
        res.on('error', () => undefined);
        // The card taken away mid-read: vendor services drop the connection before the body ends.
        res.on('close', () => {
          if (!ended) fail(new AppError('reader-error', 'reader answer cut off', { reason: 'connection-closed' }));
        });
        res.on('end', () => {
          ended = true;
          if ((res.statusCode ?? 0) < 200 || (res.statusCode ?? 0) >= 300) {
            return fail(
              new AppError('reader-error', `reader service answered HTTP ${res.statusCode}`, {
                reason: 'http-status',
                status: res.statusCode ?? null,
              }),
            );
          }
          let json: unknown;
          try {
            json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            return fail(new AppError('reader-error', 'reader answer is not JSON', { reason: 'malformed-response' }));
          }
          const answer = normaliseVendorAnswer(json, s);
          switch (answer.kind) {
            case 'card':
              return settle(() => resolve(answer.card));
            case 'no-card':
              return fail(new AppError('reader-no-card', 'no card on the reader', { vendorCode: answer.vendorCode }));
            case 'vendor-error':
              return fail(
                new AppError('reader-error', 'reader service reported an error', {
                  reason: 'vendor-error',
                  vendorCode: answer.vendorCode,
                }),
              );
            case 'invalid':
              return fail(
                new AppError('reader-error', `card field ${answer.field} unusable`, {
                  reason: 'card-data-invalid',
                  field: answer.field,
                }),
              );
          }
        });
      });
      req.end(body ?? undefined);
    });
  }

  close(): void {}
}
