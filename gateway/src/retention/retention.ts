// Retention at the gateway (issue #15): a case closed (准予办结, 不予办理, 结果已寄出) more than N days ago
// loses the bytes of its attachments, its result PDF and the department's documents, and has its personal data masked; the rows stay (the case row is the
// idempotency record of the window's pushes, its manifest_hash unchanged, and the source of statistics).
//
// Safe with several gateway processes: one run at a time (a session advisory lock; a process finding it
// taken skips), cases taken FOR UPDATE SKIP LOCKED (a reviewer acting on a case is never waited for), and a
// purged case is never taken again. Files are content-addressed and may be shared by cases: a file's object
// is deleted only when no unpurged slot holds it, under an advisory lock that uploads of that file share
// (attachments/repo.ts, migration 0008). Audited once per run, counts only.
import type pg from 'pg';
import type { CaseManifest, SupplementManifest } from '@tongban/protocol/sync/manifest';
import type { FollowUpStepManifest, RatingManifest } from '@tongban/protocol/sync/records';
import type { BlobStore } from '../attachments/blob-store';
import { audit } from '../audit';
import { withTransaction } from '../db/pool';
import { deleteUnlessHeld } from './delete-file';
import { deleteOrphanFiles, ORPHAN_AGE_HOURS } from './orphans';
import { maskCaseManifest, maskFollowUpStepManifest, maskRatingManifest, maskSupplementManifest } from './mask';
import { ADVISORY_LOCKS } from '../db/locks';

/** Statuses after which the department has decided the case. */
export const CLOSED_STATUSES = ['approved', 'rejected', 'result-mailed'] as const;

/** What one run did (also the audit row's details). */
export interface RetentionCounts {
  cases: number;
  supplements: number;
  ratings: number;
  followUpSteps: number;
  attachments: number;
  /** Result PDFs (网络送达) and department documents whose bytes were deleted. */
  documents: number;
  filesDeleted: number;
  /** Objects no case's slot holds (a refused or interrupted push), deleted once a day old (orphans.ts). */
  orphansDeleted: number;
}

/** Options of one run. */
export interface RetentionOptions {
  /** Cases closed (their last status change) more than this many days ago. */
  days: number;
  /** Cases per transaction. */
  batchSize?: number;
  /** Who ran it, for the audit trail (`system:retention` or `cli:retention`). */
  actor?: string;
  /** Objects written longer ago than this with no slot are deleted (default ORPHAN_AGE_HOURS). */
  orphanAgeHours?: number;
}

/** One retention run; null when another process is running one. */
export async function runRetention(
  pool: pg.Pool,
  store: BlobStore,
  opts: RetentionOptions,
): Promise<RetentionCounts | null> {
  const lock = await pool.connect();
  try {
    const { rows } = await lock.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [
      ADVISORY_LOCKS.retentionRun,
    ]);
    if (!rows[0]?.ok) return null;
    try {
      const counts: RetentionCounts = {
        cases: 0,
        supplements: 0,
        ratings: 0,
        followUpSteps: 0,
        attachments: 0,
        documents: 0,
        filesDeleted: 0,
        orphansDeleted: 0,
      };
      for (;;) {
        const batch = await purgeBatch(pool, opts.days, opts.batchSize ?? 100);
        for (const k of ['cases', 'supplements', 'ratings', 'followUpSteps', 'attachments', 'documents'] as const)
          counts[k] += batch[k];
        if (batch.cases === 0) break;
      }
      counts.filesDeleted = await deletePendingFiles(pool, store);
      const orphanAge = (opts.orphanAgeHours ?? ORPHAN_AGE_HOURS) * 3_600_000;
      counts.orphansDeleted = await deleteOrphanFiles(pool, store, new Date(Date.now() - orphanAge));
      if (counts.cases > 0 || counts.filesDeleted > 0 || counts.orphansDeleted > 0)
        await audit(pool, {
          actor: opts.actor ?? 'system:retention',
          action: 'retention.run',
          details: { days: opts.days, ...counts },
        });
      return counts;
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [ADVISORY_LOCKS.retentionRun]);
    }
  } finally {
    lock.release();
  }
}

/** Masks and purges up to `limit` closed cases in one transaction. */
async function purgeBatch(
  pool: pg.Pool,
  days: number,
  limit: number,
): Promise<Omit<RetentionCounts, 'filesDeleted' | 'orphansDeleted'>> {
  return withTransaction(pool, async (client) => {
    const { rows: cases } = await client.query<{ case_id: string; manifest: CaseManifest }>(
      `SELECT c.case_id, c.manifest FROM cases c
       JOIN status_events e ON e.case_id = c.case_id AND e.case_version = c.case_version
       WHERE c.purged_at IS NULL AND c.status = ANY($1::text[]) AND e.at < now() - make_interval(days => $2)
       ORDER BY e.at LIMIT $3
       FOR UPDATE OF c SKIP LOCKED`,
      [CLOSED_STATUSES, days, limit],
    );
    const ids = cases.map((c) => c.case_id);
    if (ids.length === 0)
      return { cases: 0, supplements: 0, ratings: 0, followUpSteps: 0, attachments: 0, documents: 0 };
    for (const c of cases)
      await client.query('UPDATE cases SET manifest = $2, purged_at = now() WHERE case_id = $1', [
        c.case_id,
        JSON.stringify(maskCaseManifest(c.manifest)),
      ]);
    const remask = async <T>(table: string, idColumn: string, mask: (m: T) => T): Promise<number> => {
      const { rows } = await client.query<{ id: string; manifest: T }>(
        `SELECT ${idColumn} AS id, manifest FROM ${table} WHERE case_id = ANY($1::uuid[])`,
        [ids],
      );
      for (const r of rows)
        await client.query(`UPDATE ${table} SET manifest = $2 WHERE ${idColumn} = $1`, [
          r.id,
          JSON.stringify(mask(r.manifest)),
        ]);
      return rows.length;
    };
    const supplements = await remask<SupplementManifest>('supplements', 'supplement_id', maskSupplementManifest);
    const ratings = await remask<RatingManifest>('ratings', 'rating_id', maskRatingManifest);
    const followUpSteps = await remask<FollowUpStepManifest>('follow_up_steps', 'step_id', maskFollowUpStepManifest);
    const { rows: slots } = await client.query<{ attachment_id: string }>(
      'UPDATE attachment_slots SET purged_at = now() WHERE case_id = ANY($1::uuid[]) AND purged_at IS NULL RETURNING attachment_id',
      [ids],
    );
    // Each slot's own chunks (the PostgreSQL store's file, or an object store's unfinished upload).
    await client.query('DELETE FROM attachment_chunks WHERE attachment_id = ANY($1::uuid[])', [
      slots.map((s) => s.attachment_id),
    ]);
    await client.query(
      `INSERT INTO purged_blobs (sha256, pending)
       SELECT DISTINCT sha256, true FROM attachment_slots WHERE case_id = ANY($1::uuid[])
       ON CONFLICT (sha256) DO UPDATE SET pending = true, queued_at = now()`,
      [ids],
    );
    // The result PDF and the department's documents name the applicant: their bytes go too, the record stays.
    let documents = 0;
    for (const table of ['case_results', 'department_documents']) {
      const { rowCount } = await client.query(
        `UPDATE ${table} SET pdf = NULL, purged_at = now() WHERE case_id = ANY($1::uuid[]) AND pdf IS NOT NULL`,
        [ids],
      );
      documents += rowCount ?? 0;
    }
    return { cases: ids.length, supplements, ratings, followUpSteps, attachments: slots.length, documents };
  });
}

/** Deletes the queued files no live slot holds; returns how many were deleted. */
async function deletePendingFiles(pool: pg.Pool, store: BlobStore): Promise<number> {
  let deleted = 0;
  for (;;) {
    const { rows } = await pool.query<{ sha256: string }>(
      'SELECT sha256 FROM purged_blobs WHERE pending ORDER BY queued_at LIMIT 100',
    );
    if (rows.length === 0) return deleted;
    for (const { sha256 } of rows) if (await deleteUnlessHeld(pool, store, sha256)) deleted++;
  }
}
