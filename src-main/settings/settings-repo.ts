import type Database from 'better-sqlite3';
import type { z } from 'zod';

/** Key-value settings stored as JSON, each read back through its schema. */
export class SettingsRepo {
  constructor(private readonly db: Database.Database) {}

  get<S extends z.ZodType>(key: string, schema: S): z.output<S> | null {
    const row = this.db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?').get(key);
    return row ? schema.parse(JSON.parse(row.value)) : null;
  }

  set(key: string, value: unknown): void {
    this.db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(key, JSON.stringify(value));
  }
}
