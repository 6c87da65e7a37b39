// The supervisor's hot queries are served by indexes (EXPLAIN QUERY PLAN), not table scans.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../testing/test-app';
import { LIVE_DAY_SQL } from './ledger-rows';

let app: TestApp;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.dispose());

const plan = (sql: string, params: unknown[] | Record<string, unknown>) =>
  (app.services.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[])
    .map((r) => r.detail)
    .join(' | ');

describe('supervisor queries use indexes', () => {
  it('a day of the ledger, one keyset page', () => {
    const detail = plan(LIVE_DAY_SQL, {
      date: '2026-11-30',
      windowCode: null,
      clerkId: null,
      afterAt: '',
      afterId: '',
      limit: 1000,
    });
    expect(detail).toMatch(/SEARCH c USING INDEX cases_day \(business_date=\? AND decided_at>\?\)/);
    expect(detail).toMatch(/SEARCH w USING (COVERING )?INDEX waybills_case/);
    expect(detail).toMatch(/SEARCH r USING INDEX sqlite_autoindex_ratings/);
    expect(detail).not.toMatch(/SCAN c(?! USING)/);
  });

  it('open follow-ups by due date, adjustments recorded in a period', () => {
    expect(plan("SELECT * FROM follow_ups WHERE state = 'open' AND due_date < ?", ['2026-11-30'])).toMatch(
      /USING INDEX follow_ups_open/,
    );
    expect(plan('SELECT * FROM ledger_adjustments WHERE recorded_at >= ? AND recorded_at < ?', ['a', 'b'])).toMatch(
      /USING INDEX ledger_adjustments_recorded/,
    );
  });
});
