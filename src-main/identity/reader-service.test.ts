import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PushedEvent } from '../events/event-bus';
import { REPO_ROOT } from '../testing/repo-root';
import type { CardReadView, ReaderStatus } from '@common/contract/identity';
import { DEFAULT_IDENTITY_SETTINGS } from '@common/identity/settings';
import { loadTestCards } from './simulated-reader';
import { FAKE_LIBRARY, fakeReader, type FakeReader } from './testing/fake-scenario';
import {
  identityApp,
  newDraft,
  ok,
  refused,
  useReader,
  verifyWithCard,
  type IdentityTestApp,
} from './testing/identity-app';
import { startVendorServer, zhangSanAnswer, type VendorServer } from './testing/vendor-server';

let t: IdentityTestApp | null = null;
let fake: FakeReader | null = null;
let vendor: VendorServer | null = null;
afterEach(async () => {
  t?.dispose();
  fake?.dispose();
  await vendor?.close();
  t = fake = vendor = null;
});

/** Resolves with the first event pushed at or after index `from` that satisfies `match`. */
function nextEvent(app: IdentityTestApp, match: (e: PushedEvent) => boolean, from = 0): Promise<PushedEvent> {
  const seen = app.events.slice(from).find(match);
  if (seen) return Promise.resolve(seen);
  return new Promise((resolve) => {
    const off = app.app.services.events.subscribe((e) => {
      if (!match(e)) return;
      off();
      resolve(e);
    });
  });
}

const statuses = (app: IdentityTestApp) =>
  app.events.filter((e) => e.name === 'reader:status').map((e) => (e.payload as ReaderStatus).state);

describe('the reader of the window', () => {
  it('ships loadable sample cards that pass the card checks (except the expired one)', async () => {
    const cards = loadTestCards(join(REPO_ROOT, 'resources', 'test-cards'));
    expect(cards.map((c) => c.cardId).sort()).toEqual([
      'chenmeiling-hk-residence',
      'lisi-adult',
      'smith-foreign-2023',
      'wangjianguo-guardian',
      'wangxiaoming-minor',
      'zhangsan-adult',
      'zhaoliu-expired',
    ]);
    for (const c of cards) expect(c.card.photo?.mediaType, c.cardId).toBe('image/jpeg');
    t = await identityApp();
    await useReader(t.app, { driver: 'simulated' });
    for (const c of cards) {
      await ok(t.app, 'clerk', 'reader:placeSimulatedCard', { cardId: c.cardId });
      const read = await ok<CardReadView>(t.app, 'clerk', 'reader:read');
      expect(read.problems, c.cardId).toEqual(c.cardId === 'zhaoliu-expired' ? ['card-expired'] : []);
    }
  });

  it('pushes reader:status as cards are placed, read and removed; refuses sample cards on a real reader', async () => {
    t = await identityApp();
    await useReader(t.app, { driver: 'simulated' });
    await ok(t.app, 'clerk', 'reader:placeSimulatedCard', { cardId: 'lisi-adult' });
    expect(await ok<ReaderStatus>(t.app, 'clerk', 'reader:status')).toEqual({
      state: 'card-present',
      driver: 'simulated',
      simulatedCardId: 'lisi-adult',
    });
    await ok(t.app, 'clerk', 'reader:read');
    // The card is still on the reader but must be put back before it can be read again.
    expect(await refused(t.app, 'clerk', 'reader:read')).toMatchObject({
      code: 'reader-no-card',
      details: { mustReplace: true },
    });
    await ok(t.app, 'clerk', 'reader:removeSimulatedCard');
    // Placed, read, the second read finds nothing readable, then the card is taken away.
    expect(statuses(t)).toEqual(['ready', 'card-present', 'reading', 'card-present', 'reading', 'ready', 'ready']);
    expect(t.events.at(-1)?.payload).toEqual({ state: 'ready', driver: 'simulated', simulatedCardId: null });
    expect(await refused(t.app, 'clerk', 'reader:placeSimulatedCard', { cardId: 'nobody' })).toMatchObject({
      code: 'not-found',
    });
    await useReader(t.app, { driver: 'none' });
    expect(await refused(t.app, 'clerk', 'reader:placeSimulatedCard', { cardId: 'lisi-adult' })).toMatchObject({
      code: 'reader-not-simulated',
    });
    expect(await ok<ReaderStatus>(t.app, 'clerk', 'reader:status')).toMatchObject({
      state: 'disconnected',
      driver: 'none',
      errorCode: 'reader-not-configured',
    });
  });

  it('with polling on, reads a card as soon as it is placed and pushes a masked reader:card event', async () => {
    t = await identityApp();
    await useReader(t.app, { driver: 'simulated', polling: { enabled: true, intervalMs: 300 } });
    await ok(t.app, 'clerk', 'reader:placeSimulatedCard', { cardId: 'zhangsan-adult' });
    const event = await nextEvent(t, (e) => e.name === 'reader:card');
    expect(event.payload).toMatchObject({ docType: 'resident-id', idNumberMasked: '5001**********0014' });
    expect(JSON.stringify(event.payload)).not.toContain('500101199003070014');
    const { readId } = event.payload as { readId: string };
    // The clerk's click returns the read taken on placement; by id it is available too.
    expect(await ok<CardReadView>(t.app, 'clerk', 'reader:read')).toMatchObject({
      readId,
      card: { idNumber: '500101199003070014' },
    });
    expect(await ok<CardReadView>(t.app, 'clerk', 'reader:read', { readId })).toMatchObject({ readId });
  });

  it('polls a vendor service that re-reads the same card only once until it is taken away', async () => {
    vendor = await startVendorServer(zhangSanAnswer(''));
    t = await identityApp();
    const http = {
      ...DEFAULT_IDENTITY_SETTINGS.reader.http,
      url: vendor.url,
      resultCodePath: 'retCode',
      okCodes: ['0'],
      noCardCodes: ['-2'],
    };
    await useReader(t.app, { driver: 'http', http, polling: { enabled: true, intervalMs: 300 } });
    await nextEvent(t, (e) => e.name === 'reader:card');
    const afterFirst = t.events.length;
    // The service answers the same card on every poll: no second event while it stays on the reader.
    await vendor.waitForRequests(vendor.requests.length + 2);
    vendor.mode = 'no-card';
    await nextEvent(t, (e) => e.name === 'reader:status' && (e.payload as ReaderStatus).state === 'ready', afterFirst);
    expect(t.events.filter((e) => e.name === 'reader:card')).toHaveLength(1);
    vendor.mode = 'card';
    await nextEvent(t, (e) => e.name === 'reader:card', afterFirst);
    expect(t.events.filter((e) => e.name === 'reader:card')).toHaveLength(2);
  });

  it('survives a crash of the sdtapi helper: the read is a reader error, the app carries on, the next read works', async () => {
    fake = fakeReader();
    t = await identityApp({ sdtapi: { fakeLibrary: FAKE_LIBRARY, env: fake.env } });
    await useReader(t.app, {
      driver: 'sdtapi',
      sdtapi: { ...DEFAULT_IDENTITY_SETTINGS.reader.sdtapi, timeoutMs: 3000 },
    });
    const caseId = await newDraft(t.app, 'clerk');
    fake.place(
      loadTestCards(join(REPO_ROOT, 'resources', 'test-cards')).find((c) => c.cardId === 'zhangsan-adult')!.card,
    );
    fake.fault('crash-mid-read');
    expect(await refused(t.app, 'clerk', 'reader:read')).toMatchObject({
      code: 'reader-error',
      details: { reason: 'helper-crashed' },
    });
    expect(t.events.filter((e) => e.name === 'reader:status').at(-1)?.payload).toMatchObject({
      state: 'error',
      driver: 'sdtapi',
      errorCode: 'reader-error',
    });
    // The app goes on: other commands work, and the manual path is open.
    expect(await ok(t.app, 'clerk', 'drafts:list')).toHaveLength(1);
    fake.fault('none');
    fake.place(
      loadTestCards(join(REPO_ROOT, 'resources', 'test-cards')).find((c) => c.cardId === 'zhangsan-adult')!.card,
    );
    const read = await ok<CardReadView>(t.app, 'clerk', 'reader:read');
    expect(read).toMatchObject({ driver: 'sdtapi', photoAvailable: false, card: { name: '张三' } });
    expect(
      await ok(t.app, 'clerk', 'identity:verify', {
        caseId,
        role: 'applicant',
        method: 'chip-visual',
        readId: read.readId,
        person: { name: '张三', idType: 'resident-id', idNumber: '500101199003070014' },
        confirmedMatch: true,
      }),
    ).toMatchObject({ result: 'pass', photoShown: false });
  });

  it('holds a read for ten minutes only', async () => {
    t = await identityApp();
    await useReader(t.app, { driver: 'simulated' });
    const caseId = await newDraft(t.app, 'clerk');
    await ok(t.app, 'clerk', 'reader:placeSimulatedCard', { cardId: 'zhangsan-adult' });
    const read = await ok<CardReadView>(t.app, 'clerk', 'reader:read');
    t.clock.now = new Date(t.clock.now.getTime() + 9 * 60_000);
    expect(await ok(t.app, 'clerk', 'reader:read', { readId: read.readId })).toMatchObject({ readId: read.readId });
    t.clock.now = new Date(t.clock.now.getTime() + 2 * 60_000);
    expect(
      await refused(t.app, 'clerk', 'identity:verify', {
        caseId,
        role: 'applicant',
        method: 'chip-visual',
        readId: read.readId,
        person: { name: '张三', idType: 'resident-id', idNumber: '500101199003070014' },
        confirmedMatch: true,
      }),
    ).toMatchObject({ code: 'card-read-expired' });
    expect((await verifyWithCard(t.app, 'clerk', caseId, 'applicant', 'zhangsan-adult')).result).toBe('pass');
  });
});
