import type Database from 'better-sqlite3-multiple-ciphers';
import { statement } from '../db/statements';
import type { z } from 'zod';

/** Key-value settings stored as JSON, each read back through its schema. */
export class SettingsRepo {
  constructor(private readonly db: Database.Database) {}

  get<S extends z.ZodType>(key: string, schema: S): z.output<S> | null {
    const row = statement<[string], { value: string }>(this.db, 'SELECT value FROM settings WHERE key = ?').get(key);
    return row ? schema.parse(JSON.parse(row.value)) : null;
  }

  set(key: string, value: unknown): void {
    statement(
      this.db,
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ).run(key, JSON.stringify(value));
  }
}
