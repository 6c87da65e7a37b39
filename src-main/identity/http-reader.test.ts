import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_IDENTITY_SETTINGS } from '@common/identity/settings';
import { AppError } from '@common/errors';
import { REPO_ROOT } from '../testing/repo-root';
import { HttpReader, type HttpReaderSettings } from './http-reader';
import { startVendorServer, zhangSanAnswer, type VendorServer } from './testing/vendor-server';

const PHOTO = readFileSync(join(REPO_ROOT, 'resources', 'test-cards', 'zhangsan-adult.jpg')).toString('base64');

let server: VendorServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

function settings(url: string, change: Partial<HttpReaderSettings> = {}): HttpReaderSettings {
  return {
    ...DEFAULT_IDENTITY_SETTINGS.reader.http,
    url,
    resultCodePath: 'retCode',
    okCodes: ['0'],
    noCardCodes: ['-2'],
    ...change,
  };
}

async function failure(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof AppError)) throw new Error(`expected an AppError, got ${String(err)}`);
  return err;
}

const signal = () => new AbortController().signal;

describe('http reader against a vendor-like local service', () => {
  it('reads a card: the §7 answer normalised, photo kept, request as configured', async () => {
    server = await startVendorServer(zhangSanAnswer(PHOTO));
    const reader = new HttpReader(settings(server.url, { body: '{"port":1001}' }));
    const card = await reader.read(signal());
    expect(card).toEqual({
      docType: 'resident-id',
      name: '张三',
      sex: 'M',
      ethnicity: { code: '01', name: '汉族' },
      birthDate: '1990-03-07',
      address: '重庆市万州区白岩路1号',
      idNumber: '500101199003070014',
      issuer: '重庆市公安局万州区分局',
      validFrom: '2016-03-07',
      validTo: 'long-term',
      photo: { mediaType: 'image/jpeg', base64: PHOTO },
    });
    expect(server.requests).toEqual([{ method: 'POST', url: '/cgi-bin/readCard', body: '{"port":1001}' }]);
    expect(await reader.status()).toEqual({ state: 'ready' });
  });

  it('follows a nested mapping with GET', async () => {
    server = await startVendorServer({
      code: 0,
      data: {
        person: [
          {
            xm: '李四',
            xb: '2',
            mz: '15',
            csrq: '1985-12-31',
            sfzh: '500228198512310021',
            yxqs: '2015.06.20',
            yxqz: '2035.06.20',
          },
        ],
      },
    });
    const reader = new HttpReader(
      settings(server.url, {
        method: 'GET',
        resultCodePath: 'code',
        okCodes: ['0'],
        mapping: {
          name: 'data.person[0].xm',
          sex: 'data.person[0].xb',
          ethnicity: 'data.person[0].mz',
          birthDate: 'data.person[0].csrq',
          idNumber: 'data.person[0].sfzh',
          validFrom: 'data.person[0].yxqs',
          validTo: 'data.person[0].yxqz',
        },
      }),
    );
    expect(await reader.read(signal())).toEqual({
      docType: 'resident-id',
      name: '李四',
      sex: 'F',
      ethnicity: { code: '15', name: '土家族' },
      birthDate: '1985-12-31',
      idNumber: '500228198512310021',
      validFrom: '2015-06-20',
      validTo: '2035-06-20',
    });
    expect(server.requests[0]?.method).toBe('GET');
  });

  it('turns a slow answer into reader-timeout, without waiting for the service', async () => {
    server = await startVendorServer(zhangSanAnswer(PHOTO));
    server.mode = 'slow';
    const started = Date.now();
    const err = await failure(new HttpReader(settings(server.url, { timeoutMs: 300 })).read(signal()));
    expect(err.code).toBe('reader-timeout');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('reports malformed JSON, a vendor error, an HTTP error and no card distinctly', async () => {
    server = await startVendorServer(zhangSanAnswer(PHOTO));
    const reader = new HttpReader(settings(server.url));
    server.mode = 'malformed';
    expect(await failure(reader.read(signal()))).toMatchObject({
      code: 'reader-error',
      details: { reason: 'malformed-response' },
    });
    server.mode = 'no-card';
    expect(await failure(reader.read(signal()))).toMatchObject({
      code: 'reader-no-card',
      details: { vendorCode: '-2' },
    });
    server.mode = 'http-500';
    expect(await failure(reader.read(signal()))).toMatchObject({
      code: 'reader-error',
      details: { reason: 'http-status', status: 500 },
    });
    server.mode = 'card';
    server.answer = { ...zhangSanAnswer(PHOTO), retCode: '-9' };
    expect(await failure(reader.read(signal()))).toMatchObject({
      code: 'reader-error',
      details: { reason: 'vendor-error', vendorCode: '-9' },
    });
    server.answer = { ...zhangSanAnswer(PHOTO), birthday: '19900230' };
    expect(await failure(reader.read(signal()))).toMatchObject({
      code: 'reader-error',
      details: { reason: 'card-data-invalid', field: 'birthDate' },
    });
  });

  it('reports a card taken away mid-read (connection closed mid-body) and reads again afterwards', async () => {
    server = await startVendorServer(zhangSanAnswer(PHOTO));
    const reader = new HttpReader(settings(server.url));
    server.mode = 'cut-mid-body';
    expect(await failure(reader.read(signal()))).toMatchObject({
      code: 'reader-error',
      details: { reason: 'connection-closed' },
    });
    server.mode = 'card';
    expect((await reader.read(signal())).idNumber).toBe('500101199003070014');
  });

  it('reports a service that is not running as unavailable, and the reader as disconnected', async () => {
    server = await startVendorServer({});
    const url = server.url;
    await server.close();
    server = null;
    const reader = new HttpReader(settings(url));
    expect(await failure(reader.read(signal()))).toMatchObject({ code: 'reader-unavailable' });
    expect(await reader.status()).toMatchObject({ state: 'disconnected', errorCode: 'reader-unavailable' });
  });

  it('stops a read when aborted', async () => {
    server = await startVendorServer(zhangSanAnswer(PHOTO));
    server.mode = 'slow';
    const abort = new AbortController();
    const read = new HttpReader(settings(server.url, { timeoutMs: 30_000 })).read(abort.signal);
    abort.abort();
    expect(await failure(read)).toMatchObject({ code: 'reader-error', details: { reason: 'aborted' } });
  });
});
