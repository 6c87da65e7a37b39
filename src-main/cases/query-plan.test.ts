// Hot queries must be served by an index, proven by SQLite's own EXPLAIN QUERY PLAN.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../app/testing';
import { caseQuerySql } from './case-query';

let app: TestApp;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.dispose());

function plan(query: Parameters<typeof caseQuerySql>[0]): string {
  const { where, orderBy, params } = caseQuerySql(query, '2026-11-30');
  const rows = app.services.db
    .prepare<Record<string, unknown>, { detail: string }>(`EXPLAIN QUERY PLAN SELECT c.* FROM cases c ${where} ORDER BY ${orderBy} LIMIT 50`)
    .all(params);
  return rows.map((r) => r.detail).join(' | ');
}

describe('case queries use indexes', () => {
  it.each([
    ["today's list", {}, /SEARCH c USING INDEX cases_day/],
    ['ID number', { q: '500101199003070014' }, /SEARCH c USING INDEX cases_id_number/],
    ['receipt number', { q: '50010112-20261130-0001F' }, /(MULTI-INDEX OR|USING INDEX sqlite_autoindex_cases)/],
    ['name prefix', { q: '张' }, /^SEARCH c USING INDEX cases_name_time \(applicant_name>\? AND applicant_name<\?\)$/],
    ['phone', { q: '13800138000' }, /SEARCH c USING INDEX cases_phone/],
  ] as const)('%s', (_name, query, expected) => {
    const detail = plan({ limit: 50, offset: 0, ...query });
    expect(detail).toMatch(expected);
    expect(detail).not.toMatch(/SCAN c(?! USING)/);
  });
});
