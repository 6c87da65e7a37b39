// GET /v1/document-counters/{date}: a window's highest receipt sequence of a day at the gateway.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testManifest } from '../testing/fixtures';
import { LAST_RECEIPT_SQL } from './counters';
import { startTestGateway, type TestGateway } from '../testing/harness';

const SC = '510000';
let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(async () => t?.close());

describe('GET /v1/document-counters/{date}', () => {
  it("answers the highest sequence of the device's own window and day, and 0 for a day without cases", async () => {
    const window = await t.device(SC, '50010112');
    const other = await t.device(SC, '50010113');
    const push = async (device: typeof window, receiptNo: string) =>
      expect((await device.putCase(testManifest(SC, [], { receiptNo }))).status).toBe(201);
    await push(window, '50010112-20261130-0002K');
    await push(window, '50010112-20261130-0017A');
    await push(window, '50010112-20261201-0099Q'); // the next day
    await push(other, '50010113-20261130-0250C'); // another window, same day
    await push(window, '50010112-20261129-0300X'); // the day before
    // Another window pushing a number in this window's name cannot move this window's numbering.
    await push(other, '50010112-20261130-9999Z');

    expect((await window.request('GET', '/v1/document-counters/2026-11-30')).json).toEqual({
      windowCode: '50010112',
      date: '2026-11-30',
      lastSequence: 17,
    });
    expect((await other.request('GET', '/v1/document-counters/2026-11-30')).json).toEqual({
      windowCode: '50010113',
      date: '2026-11-30',
      lastSequence: 250,
    });
    expect((await window.request('GET', '/v1/document-counters/2026-12-02')).json).toEqual({
      windowCode: '50010112',
      date: '2026-12-02',
      lastSequence: 0,
    });
    // A second device of the same window (re-enrolled after a reinstall) counts: it is the same window.
    const again = await t.device(SC, '50010112');
    await push(again, '50010112-20261130-0020B');
    expect((await window.request('GET', '/v1/document-counters/2026-11-30')).json).toMatchObject({ lastSequence: 20 });
  });

  it('uses the receipt-number index', async () => {
    const c = await t.pool.connect();
    try {
      await c.query('SET enable_seqscan = off'); // a handful of rows: make the planner show whether the index can serve
      const { rows } = await c.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN ${LAST_RECEIPT_SQL.replace('$1', "'a'").replace('$2', "'b'").replace('$3', "'w'")}`,
      );
      expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/cases_receipt_no/);
    } finally {
      await c.query('RESET enable_seqscan');
      c.release();
    }
  });

  it('refuses an unsigned request and a malformed date, changing nothing', async () => {
    const window = await t.device(SC);
    expect((await fetch(`${t.url}/v1/document-counters/2026-11-30`)).status).toBe(401);
    for (const bad of ['2026-02-30', '20261130', '2026-11-30x']) {
      const res = await window.request('GET', `/v1/document-counters/${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.json).toMatchObject({ error: { code: 'invalid-request' } });
    }
  });
});
