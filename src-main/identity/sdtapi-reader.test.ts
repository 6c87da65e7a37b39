import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CardRead } from '@common/identity/card';
import { DEFAULT_IDENTITY_SETTINGS } from '@common/identity/settings';
import { encodeTextBlock } from '@common/identity/text-block.test-helper';
import { AppError } from '@common/errors';
import { REPO_ROOT } from '../testing/repo-root';
import { SdtapiReader, type SdtapiSettings } from './sdtapi-reader';
import { loadTestCards } from './simulated-reader';
import { FAKE_LIBRARY, FAKE_WLT, fakeReader, type FakeReader } from './testing/fake-scenario';

const CARDS = loadTestCards(join(REPO_ROOT, 'resources', 'test-cards'));
const card = (id: string): CardRead => CARDS.find((c) => c.cardId === id)!.card;
const withoutPhoto = ({ photo: _photo, ...rest }: CardRead) => rest;
const TODAY = () => new Date('2026-11-30T02:00:00Z');

let fake: FakeReader | null = null;
let reader: SdtapiReader | null = null;
afterEach(() => {
  reader?.close();
  fake?.dispose();
  reader = null;
  fake = null;
});

function start(change: Partial<SdtapiSettings> = {}, decode = false): { fake: FakeReader; reader: SdtapiReader } {
  fake = fakeReader();
  const photo = card('zhangsan-adult').photo;
  reader = new SdtapiReader(
    { ...DEFAULT_IDENTITY_SETTINGS.reader.sdtapi, timeoutMs: 3000, ...change },
    {
      fakeLibrary: FAKE_LIBRARY,
      env: fake.env,
      today: TODAY,
      // Stands in for the licensed WLT decoder: it must be given the 1024-byte photo block.
      ...(decode
        ? {
            decodePhoto: (wlt: Uint8Array) =>
              Promise.resolve(wlt.length === 1024 && wlt[0] === FAKE_WLT[0] ? photo : undefined),
          }
        : {}),
    },
  );
  return { fake, reader };
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

describe('sdtapi reader: the standard library in a helper process (fake library)', () => {
  it('reads a card through OpenPort, StartFindIDCard, SelectIDCard, ReadBaseMsg; the card must be replaced before the next read', async () => {
    const { fake, reader } = start();
    expect(await failure(reader.read(signal()))).toMatchObject({ code: 'reader-no-card' });
    fake.place(card('zhangsan-adult'));
    expect(await reader.read(signal())).toEqual(withoutPhoto(card('zhangsan-adult')));
    // Still on the reader but already read: not found until it is put back.
    expect(await failure(reader.read(signal()))).toMatchObject({ code: 'reader-no-card' });
    fake.place(card('lisi-adult'));
    expect((await reader.read(signal())).name).toBe('李四');
    expect(await reader.status()).toEqual({ state: 'ready' });
  });

  it('hands the WLT block to the decoder hook when one is installed; without it the photo is undefined', async () => {
    const { fake, reader } = start({}, true);
    fake.place(card('chenmeiling-hk-residence'));
    const read = await reader.read(signal());
    expect(read).toMatchObject({
      docType: 'hk-mo-tw-residence',
      passNo: 'H12345678',
      issueCount: 2,
      photo: card('zhangsan-adult').photo,
    });
  });

  it('reads all four card types', async () => {
    const { fake, reader } = start();
    fake.place(card('smith-foreign-2023'));
    expect(await reader.read(signal())).toEqual(withoutPhoto(card('smith-foreign-2023')));
    fake.place(
      encodeTextBlock('foreign-permanent-2017', {
        nameEn: 'ZHANG, DAVID',
        sex: '1',
        idNumber: 'USA110080010111',
        nationality: 'USA',
        name: '张大卫',
        validFrom: '20180101',
        validTo: '20280101',
        birthDate: '19800101',
        cardVersion: '10',
        issuerCode: '1100',
      }),
    );
    expect(await reader.read(signal())).toMatchObject({
      docType: 'foreign-permanent-2017',
      name: '张大卫',
      nameEn: 'ZHANG, DAVID',
      idNumber: 'USA110080010111',
      nationality: 'USA',
    });
    fake.place(card('wangxiaoming-minor'));
    expect(await reader.read(signal())).toMatchObject({ docType: 'resident-id', birthDate: '2015-06-01' });
  });

  it('reports a crash of the helper mid-read as a reader error, and reads again with a fresh helper', async () => {
    const { fake, reader } = start();
    fake.place(card('zhangsan-adult'));
    fake.fault('crash-mid-read');
    expect(await failure(reader.read(signal()))).toMatchObject({
      code: 'reader-error',
      details: { reason: 'helper-crashed', signal: 'SIGKILL' },
    });
    fake.fault('exit-mid-read');
    fake.place(card('zhangsan-adult'));
    expect(await failure(reader.read(signal()))).toMatchObject({
      code: 'reader-error',
      details: { reason: 'helper-crashed', exitCode: 70 },
    });
    fake.fault('none');
    fake.place(card('zhangsan-adult'));
    expect((await reader.read(signal())).idNumber).toBe('500101199003070014');
  });

  it('kills a helper stuck inside the library after the time-out, then works again', async () => {
    const { fake, reader } = start({ timeoutMs: 1000 });
    fake.place(card('zhangsan-adult'));
    fake.fault('hang-mid-read');
    expect(await failure(reader.read(signal()))).toMatchObject({ code: 'reader-timeout' });
    fake.fault('none');
    fake.place(card('zhangsan-adult'));
    expect((await reader.read(signal())).name).toBe('张三');
  });

  it('reports a failed read (card moved away) and a missing reader', async () => {
    const { fake, reader } = start();
    fake.place(card('zhangsan-adult'));
    fake.fault('read-failed');
    expect(await failure(reader.read(signal()))).toMatchObject({
      code: 'reader-error',
      details: { reason: 'read-failed', status: 0x41 },
    });
    fake.scenario.ports = [];
    fake.fault('none');
    expect(await failure(reader.read(signal()))).toMatchObject({
      code: 'reader-unavailable',
      details: { reason: 'port-open-failed' },
    });
    expect(await reader.status()).toMatchObject({ state: 'disconnected', errorCode: 'reader-unavailable' });
  });

  it('finds the port with auto (USB first, then serial) and honours a fixed port', async () => {
    const { fake, reader } = start({ port: 'auto' });
    fake.scenario.ports = [3];
    fake.place(card('zhangsan-adult'));
    expect((await reader.read(signal())).name).toBe('张三');
    reader.close();
    const fixed = start({ port: 1002 });
    fixed.fake.place(card('zhangsan-adult'));
    expect(await failure(fixed.reader.read(signal()))).toMatchObject({ code: 'reader-unavailable' });
  });

  it('reports reader-library-missing when koffi or the library cannot be loaded', async () => {
    reader = new SdtapiReader(
      { ...DEFAULT_IDENTITY_SETTINGS.reader.sdtapi, libraryPath: '/nonexistent/libsdtapi.so' },
      { today: TODAY },
    );
    const err = await failure(reader.read(signal()));
    expect(err.code).toBe('reader-library-missing');
    expect(err.message).toMatch(/koffi|cannot load/);
    expect(await reader.status()).toMatchObject({ state: 'error', errorCode: 'reader-library-missing' });
  });
});
