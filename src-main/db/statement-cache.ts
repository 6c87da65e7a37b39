// A statement cache: statements are prepared on first use, so building the services never touches
// a table before it is needed, and each SQL text is compiled once per connection.
import type Database from 'better-sqlite3';

/** Prepared statements by SQL text. */
export class Statements {
  private readonly cache = new Map<string, Database.Statement>();

  constructor(readonly db: Database.Database) {}

  get<P extends unknown[] | object = unknown[], R = unknown>(sql: string): Database.Statement<P, R> {
    let stmt = this.cache.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.cache.set(sql, stmt);
    }
    return stmt as unknown as Database.Statement<P, R>;
  }
}

/** Lets other work run between chunks of a long read (the connection is free again by then). */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
