// Hot queries must be served by an index, proven by SQLite's own EXPLAIN QUERY PLAN.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../testing/test-app';
import type { CaseQuery } from '@common/cases/case-types';
import { caseListSql } from './case-query';

// The statistics `PRAGMA optimize` gathered on the benchmark's 1,000,000-case database (one clerk):
// the planner decides with these in the field, so the plans are checked under them, not on an empty table.
const FIELD_STATS: [string, string, string][] = [
  ['users', 'sqlite_autoindex_users_1', '2 1'],
  ['cases', 'cases_name_time', '1000000 6 1'],
  ['cases', 'cases_matter_day', '1000000 2001 1001'],
  ['cases', 'cases_clerk_day', '1000000 2001 1001'],
  ['cases', 'cases_phone', '1000000 1'],
  ['cases', 'cases_id_number', '1000000 1'],
  ['cases', 'cases_day', '1000000 1001 3'],
  ['cases', 'sqlite_autoindex_cases_3', '1000000 2001'],
  ['cases', 'sqlite_autoindex_cases_2', '1000000 1'],
  ['cases', 'sqlite_autoindex_cases_1', '1000000 1'],
  // In the field nearly every case is 已送达: the partial index of the others stays small.
  ['cases', 'cases_sync_state', '40 10'],
  ['cases', 'cases_supplement_requested', '5 1'],
];

let app: TestApp;
beforeAll(async () => {
  app = await testApp();
  const db = app.services.db;
  db.exec('ANALYZE'); // creates sqlite_stat1
  db.exec('DELETE FROM sqlite_stat1');
  const insert = db.prepare('INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)');
  for (const row of FIELD_STATS) insert.run(...row);
  db.exec('ANALYZE sqlite_schema'); // makes the planner load them
});
afterAll(() => app.dispose());

function explain(sql: string, params: Record<string, unknown>): string {
  const rows = app.services.db
    .prepare<Record<string, unknown>, { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
    .all(params);
  return rows.map((r) => r.detail).join(' | ');
}

/** The plans of exactly the statements the list runs: the page, then the capped count. */
function plan(query: Partial<CaseQuery>): string {
  const { pageSql, countSql, params } = caseListSql({ limit: 50, offset: 0, ...query }, '2026-11-30');
  return `${explain(pageSql, { ...params, limit: 50, offset: 0 })} || ${explain(countSql, params)}`;
}

describe('case queries use indexes', () => {
  it.each([
    ["today's list", {}, /SEARCH c USING INDEX cases_day/],
    ['ID number', { q: '500101199003070014' }, /SEARCH c USING INDEX cases_id_number/],
    ['receipt number', { q: '50010112-20261130-0001F' }, /(MULTI-INDEX OR|USING INDEX sqlite_autoindex_cases)/],
    [
      'name prefix',
      { q: '张' },
      /^SEARCH c USING INDEX cases_name_time \(applicant_name>\? AND applicant_name<\?\) \| CORRELATED SCALAR SUBQUERY \d+ \| SEARCH u USING INTEGER PRIMARY KEY \(rowid=\?\) \|\| /,
    ],
    ['phone', { q: '13800138000' }, /SEARCH c USING INDEX cases_phone/],
    ['last digits, the last year', { q: '0014' }, /SEARCH c USING INDEX cases_day/],
    ['需要处理, every day', { syncState: 'needs-attention' }, /SEARCH c USING INDEX cases_sync_state/],
    ['已送达 today', { syncState: 'delivered' }, /SEARCH c USING INDEX cases_day/],
    ['未送达, every day', { syncState: 'undelivered' }, /SEARCH c USING INDEX cases_sync_state/],
    [
      '需补正, every day',
      { deptStatus: 'supplement-requested' },
      /(SCAN|SEARCH) c USING INDEX cases_supplement_requested/,
    ],
  ] as const)('%s', (_name, query, expected) => {
    const detail = plan(query);
    expect(detail).toMatch(expected);
    expect(detail).not.toMatch(/SCAN c(?! USING)/);
    expect(detail).not.toMatch(/clerk_day/); // never a walk over every case of one clerk
    // The exact keys (ID, receipt, phone) match a handful of rows, sorted in memory; a name prefix or a day can match thousands: no sort.
    if (_name === 'name prefix' || _name === "today's list") expect(detail).not.toMatch(/TEMP B-TREE/);
  });
});
