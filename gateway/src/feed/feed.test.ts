// (d) The status feed is commit-order safe: under concurrent writers whose transactions commit out
// of position order, the xid cursor reader sees every event exactly once, while a naive
// `position > cursor` reader in the same run skips some (which shows the test can fail).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceClient } from '../testing/device-client';
import { testManifest } from '../testing/fixtures';
import { startTestGateway, type TestGateway } from '../testing/harness';
import { advanceCase, lockCase } from './events';
import { startNewEpoch } from './epoch';
import { FEED_SQL } from './repo';

const SC = '510000';
const SECONDS = Number(process.env.FEED_TEST_SECONDS ?? 30);
const WRITERS = 8;
let t: TestGateway;
let device: DeviceClient;
beforeAll(async () => {
  t = await startTestGateway();
  device = await t.device(SC);
});
afterAll(async () => t?.close());

type FeedEvent = { eventId: string; caseId: string; caseVersion: number };
type FeedBody = { events: FeedEvent[]; nextCursor: string; hasMore: boolean };

/** Reads pages until one comes back empty; returns the event ids in order and the last cursor. */
async function drain(
  cursor: string | null,
  limit = 500,
): Promise<{ ids: string[]; events: FeedEvent[]; cursor: string | null }> {
  const events: FeedEvent[] = [];
  for (;;) {
    const res = await device.feed(cursor, limit);
    expect(res.status).toBe(200);
    const body = res.json as FeedBody;
    events.push(...body.events);
    cursor = body.nextCursor;
    if (body.events.length === 0) return { ids: events.map((e) => e.eventId), events, cursor };
  }
}

describe('status feed', () => {
  it('pages with hasMore and an opaque cursor; bad cursors get 410 cursor-reset', async () => {
    for (let i = 0; i < 3; i++) expect((await device.putCase(testManifest(SC))).status).toBe(201);
    const first = (await device.feed(null, 2)).json as FeedBody;
    expect(first.events).toHaveLength(2);
    expect(first.hasMore).toBe(true);
    const rest = await drain(first.nextCursor);
    expect(rest.ids).toHaveLength(1);
    expect((await device.feed(rest.cursor, 2)).json).toMatchObject({
      events: [],
      hasMore: false,
      nextCursor: rest.cursor,
    });

    const forged = `${first.nextCursor.slice(0, -2)}AA`;
    expect((await device.feed(forged)).body).toMatchObject({ error: { code: 'cursor-reset' } });
    expect((await device.feed(forged)).status).toBe(410);
    expect((await device.feed(null, 0)).status).toBe(400);
    expect((await device.feed(null, 501)).status).toBe(400);

    await startNewEpoch(t.pool, 'test: restored from a backup');
    const old = await device.feed(rest.cursor);
    expect(old.status).toBe(410);
    const again = await drain(null);
    expect(again.ids).toEqual([...first.events.map((e) => e.eventId), ...rest.ids]); // re-read from the beginning
  });

  it('reads the feed as one range scan of its index', async () => {
    const client = await t.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL enable_seqscan = off'); // the table is small here; ask whether the index can serve the query
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${FEED_SQL}`, [SC, 1, '5', 3, 1, 10]);
      const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
      expect(plan).toContain('Index Scan using status_events_feed');
      expect(plan).toMatch(/Index Cond: .*district.*ROW\(feed_epoch, xid, "position"\) >/);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });

  it(
    `delivers every committed event exactly once under ${WRITERS} concurrent writers for ${SECONDS} s`,
    { timeout: SECONDS * 1000 + 120_000 },
    async () => {
      const cases: string[] = [];
      for (let i = 0; i < WRITERS; i++) {
        const m = testManifest(SC);
        expect((await device.putCase(m)).status).toBe(201);
        cases.push(m.caseId);
      }
      const start = await drain(null);
      let cursor = start.cursor;
      const xidSeen: FeedEvent[] = [...start.events];
      const naive = new pg.Client({ connectionString: t.db.url });
      await naive.connect();
      const naiveSeen = new Set<string>(
        (
          await naive.query<{ event_id: string }>('SELECT event_id FROM status_events WHERE district = $1', [SC])
        ).rows.map((r) => r.event_id),
      );
      let naivePosition = Number(
        (await naive.query<{ p: string }>('SELECT coalesce(max(position), 0) AS p FROM status_events')).rows[0]?.p,
      );

      const deadline = Date.now() + SECONDS * 1000;
      let written = 0;
      const writer = async (caseId: string) => {
        const client = new pg.Client({ connectionString: t.db.url });
        await client.connect();
        try {
          while (Date.now() < deadline) {
            await client.query('BEGIN');
            const locked = await lockCase(client, caseId);
            if (!locked) throw new Error('case vanished');
            await advanceCase(client, locked, { status: 'reviewing', reason: null, details: {}, actor: 'test:writer' });
            // Hold the transaction open after taking the position, so commits land out of position order.
            await client.query('SELECT pg_sleep($1)', [Math.random() * 0.008]);
            await client.query('COMMIT');
            written++;
          }
        } finally {
          await client.end();
        }
      };
      const xidReader = async () => {
        while (Date.now() < deadline) {
          const body = (await device.feed(cursor, 500)).json as FeedBody;
          xidSeen.push(...body.events);
          cursor = body.nextCursor;
        }
      };
      const naiveReader = async () => {
        while (Date.now() < deadline) {
          const { rows } = await naive.query<{ event_id: string; position: string }>(
            'SELECT event_id, position FROM status_events WHERE district = $1 AND position > $2 ORDER BY position LIMIT 500',
            [SC, naivePosition],
          );
          for (const r of rows) naiveSeen.add(r.event_id);
          if (rows.length) naivePosition = Number(rows[rows.length - 1]?.position);
        }
      };
      await Promise.all([...cases.map(writer), xidReader(), naiveReader()]);

      // Writers are done: both readers catch up with everything committed.
      xidSeen.push(...(await drain(cursor)).events);
      for (;;) {
        const { rows } = await naive.query<{ event_id: string; position: string }>(
          'SELECT event_id, position FROM status_events WHERE district = $1 AND position > $2 ORDER BY position',
          [SC, naivePosition],
        );
        if (rows.length === 0) break;
        for (const r of rows) naiveSeen.add(r.event_id);
        naivePosition = Number(rows[rows.length - 1]?.position);
      }
      const table = (
        await naive.query<{ event_id: string }>('SELECT event_id FROM status_events WHERE district = $1', [SC])
      ).rows.map((r) => r.event_id);

      const unique = new Set(xidSeen.map((e) => e.eventId));
      const skipped = table.filter((id) => !unique.has(id)).length;
      const duplicated = xidSeen.length - unique.size;
      const extra = [...unique].filter((id) => !table.includes(id)).length;
      const naiveSkipped = table.filter((id) => !naiveSeen.has(id)).length;
      console.log(
        `status feed, ${WRITERS} writers × ${SECONDS} s: ${written} events written (${table.length} in the district), ` +
          `xid reader read ${xidSeen.length}, skipped ${skipped}, duplicated ${duplicated}; naive position reader skipped ${naiveSkipped}`,
      );
      await naive.end();
      expect(written).toBeGreaterThan(WRITERS * 10);
      expect({ skipped, duplicated, extra }).toEqual({ skipped: 0, duplicated: 0, extra: 0 });
      expect(naiveSkipped).toBeGreaterThan(0);
      // Per case, the reader got versions 1, 2, 3 … in order (a case's transactions are serialised by its row lock).
      for (const caseId of cases) {
        const versions = xidSeen.filter((e) => e.caseId === caseId).map((e) => e.caseVersion);
        expect(versions).toEqual(versions.map((_v, i) => i + 1));
      }
    },
  );
});
