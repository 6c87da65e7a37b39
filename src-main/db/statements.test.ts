import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { statement, Statements } from './statements';

describe('the statement cache', () => {
  it('compiles each SQL text once per connection, whoever asks', () => {
    const db = new Database(':memory:');
    const other = new Database(':memory:');
    try {
      const sql = 'SELECT 1 AS one';
      const first = statement(db, sql);
      expect(statement(db, sql)).toBe(first);
      expect(new Statements(db).get(sql)).toBe(first);
      expect(new Statements(db).get(sql)).toBe(new Statements(db).get(sql));
      expect(statement(other, sql)).not.toBe(first);
    } finally {
      db.close();
      other.close();
    }
  });
});
