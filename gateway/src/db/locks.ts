// Every PostgreSQL advisory lock key of the gateway, in one place (decision 0258). Advisory locks share one key
// space per database: two users of one key block — or, with pg_try_advisory_lock, skip — each other without
// meaning to. The retention run once shared 7202604 with the rollup flusher of migration 0026 and skipped
// itself whenever the 1-second batch happened to be flushing. SQL functions name their keys as literals: the
// test (locks.test.ts) reads them from the migrated database and holds them to this table.

/** Single-key (bigint) locks, and the first key of the two-key (int, int) locks. */
export const ADVISORY_LOCKS = {
  /** Migrations: one gateway process migrates at a time (db/migrate.ts). */
  migrations: 7_202_601,
  /** The feed's epoch (feed/epoch.ts). */
  feedEpoch: 7_202_602,
  /** Per file, with hashtext(sha256) as the second key: uploads shared, deletion exclusive (attachments/repo.ts). */
  blob: 7_202_603,
  /** One retention run at a time, session lock taken with pg_try (retention/retention.ts). */
  retentionRun: 7_202_604,
  /** One rollup flusher at a time (supervision_rollup_flush(), migration 0027). */
  rollupFlush: 7_202_605,
  /**
   * Per window code, with hashtext(window code) as the second key: one enrolment of a window at a time, so that two
   * devices enrolled at once draw different epochs (devices/repo.ts). It took the single key hashtext('enrol:' ||
   * code) before, in the same key space as the keys above (a window code could have hashed onto one of them).
   */
  enrolment: 7_202_606,
} as const;
