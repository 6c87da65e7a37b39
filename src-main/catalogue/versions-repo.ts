// SQL of the catalogue versions fetched from the gateway (migration catalogue_versions): never deleted.
import type Database from 'better-sqlite3-multiple-ciphers';
import { statement } from '../db/statements';

import type { CatalogueVersionSummary } from '@common/contract/sync';

/** What a row's state says about a version. */
export type VersionState = CatalogueVersionSummary['state'];

/** One stored version (the JSON texts as fetched; the signature covers them). */
export interface StoredVersion {
  version: string;
  publishedAt: string;
  catalogue: string;
  routing: string;
  signature: string;
  fetchedAt: string;
  state: VersionState;
  appliedAt: string | null;
  rolledBackAt: string | null;
}

/** A version without its JSON (for lists). */
export type VersionSummary = CatalogueVersionSummary;

const COLUMNS = `version, published_at AS publishedAt, catalogue, routing, signature, fetched_at AS fetchedAt, state,
  applied_at AS appliedAt, rolled_back_at AS rolledBackAt`;

/** Reads and writes catalogue_versions. */
export class CatalogueVersionsRepo {
  constructor(private readonly db: Database.Database) {}

  /** Stores a fetched version once; a version already known keeps its row (a rolled-back one stays rolled back). */
  insertFetched(
    v: Pick<StoredVersion, 'version' | 'publishedAt' | 'catalogue' | 'routing' | 'signature' | 'fetchedAt'>,
  ): boolean {
    return (
      statement(
        this.db,
        `INSERT OR IGNORE INTO catalogue_versions (version, published_at, catalogue, routing, signature, fetched_at)
         VALUES (@version, @publishedAt, @catalogue, @routing, @signature, @fetchedAt)`,
      ).run(v).changes === 1
    );
  }

  get(version: string): StoredVersion | null {
    return (
      statement<[string], StoredVersion>(this.db, `SELECT ${COLUMNS} FROM catalogue_versions WHERE version = ?`).get(
        version,
      ) ?? null
    );
  }

  active(): StoredVersion | null {
    return (
      statement<[], StoredVersion>(this.db, `SELECT ${COLUMNS} FROM catalogue_versions WHERE state = 'active'`).get() ??
      null
    );
  }

  /** The version applied before the active one (the newest superseded), which a rollback returns to. */
  previous(): StoredVersion | null {
    return (
      statement<[], StoredVersion>(
        this.db,
        `SELECT ${COLUMNS} FROM catalogue_versions WHERE state = 'superseded' ORDER BY applied_at DESC LIMIT 1`,
      ).get() ?? null
    );
  }

  /** Every version, newest fetched first, without the JSON. */
  list(): VersionSummary[] {
    return statement<[], VersionSummary>(
      this.db,
      `SELECT version, published_at AS publishedAt, fetched_at AS fetchedAt, state, applied_at AS appliedAt,
         rolled_back_at AS rolledBackAt FROM catalogue_versions ORDER BY fetched_at DESC, version DESC LIMIT 50`,
    ).all();
  }

  /** Puts `version` in force (the active one becomes superseded); the caller holds the transaction. */
  activate(version: string, at: string): void {
    statement(this.db, "UPDATE catalogue_versions SET state = 'superseded' WHERE state = 'active'").run();
    statement(this.db, "UPDATE catalogue_versions SET state = 'active', applied_at = ? WHERE version = ?").run(
      at,
      version,
    );
  }

  /** Withdraws the active version and reactivates `previous` (or none: the shipped catalogue); in the caller's transaction. */
  rollBack(previous: string | null, at: string): void {
    statement(
      this.db,
      "UPDATE catalogue_versions SET state = 'rolled-back', rolled_back_at = ? WHERE state = 'active'",
    ).run(at);
    if (previous) statement(this.db, "UPDATE catalogue_versions SET state = 'active' WHERE version = ?").run(previous);
  }
}
