import type Database from 'better-sqlite3-multiple-ciphers';

const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * The prepared statement for `sql` on `db`, compiled once per connection (SQLite compiles a
 * statement in tens of microseconds; a 受理 runs dozens). For get/run/all only: a cached
 * statement must not be iterated while the same SQL runs again, and must not be switched to
 * pluck/raw/expand mode, since every caller shares it.
 */
export function statement<BindParameters extends unknown[] | object = unknown[], Result = unknown>(
  db: Database.Database,
  sql: string,
): Database.Statement<BindParameters, Result> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) cache.set(sql, (stmt = db.prepare(sql)));
  return stmt as unknown as Database.Statement<BindParameters, Result>;
}

/**
 * The same cache as an object for repositories that keep their connection: `get(sql)` is
 * `statement(db, sql)`, so there is one statement cache per connection, whoever asks.
 */
export class Statements {
  constructor(readonly db: Database.Database) {}

  get<P extends unknown[] | object = unknown[], R = unknown>(sql: string): Database.Statement<P, R> {
    return statement<P, R>(this.db, sql);
  }
}

/** Lets other work run between chunks of a long read (the connection is free again by then). */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
