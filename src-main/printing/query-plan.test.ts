// The print log's copy count and the pool's next number run on every print and assignment: indexed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../testing/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.dispose());

const plan = (sql: string) =>
  app.services.db
    .prepare<[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
    .all()
    .map((r) => r.detail)
    .join(' | ');

describe('printing queries use indexes', () => {
  it.each([
    [
      'next copy number',
      "SELECT coalesce(max(copy_no), 0) FROM print_log WHERE case_id = 'x' AND document_kind = 'waybill' AND document_ref = '' AND state = 'printed' AND format IN (SELECT value FROM json_each('[\"a4\"]'))",
      /USING COVERING INDEX print_log_document/,
    ],
    [
      'next pool number',
      'SELECT waybill_no FROM waybill_pool WHERE used_by_case IS NULL ORDER BY imported_at, waybill_no LIMIT 1',
      /waybill_pool_available/,
    ],
    ['pool size', 'SELECT count(*) FROM waybill_pool WHERE used_by_case IS NULL', /waybill_pool_available/],
    [
      "a case's waybills",
      "SELECT * FROM waybills WHERE case_id = 'x' ORDER BY created_at",
      /USING INDEX waybills_case/,
    ],
    [
      "a case's print log",
      "SELECT * FROM print_log WHERE case_id = 'x' ORDER BY id DESC LIMIT 100",
      /USING INDEX print_log_document/,
    ],
  ])('%s', (_name, sql, expected) => {
    const detail = plan(sql);
    expect(detail).toMatch(expected);
    expect(detail).not.toMatch(/SCAN (print_log|waybill_pool|waybills)(?! USING)/);
  });
});
