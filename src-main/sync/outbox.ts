// The one way work is queued for the gateway (docs/decisions/0052-one-outbox-module.md): an outbox
// row is written in the same transaction as the change it sends, so a power cut keeps both or
// neither. Only the sync loop (sync-repo.ts) reads and settles the rows.
import type Database from 'better-sqlite3-multiple-ciphers';
import { statement } from '../db/statements';
import type { RecordKind } from './records-repo';

/** What a case push carries: the case manifest, one of its files, or a supplement's manifest. */
export type CaseWorkKind = 'case' | 'attachment' | 'supplement';

/** Every kind of outbox row. */
export type OutboxKind = CaseWorkKind | RecordKind;

function inCallersTransaction(db: Database.Database): void {
  // Enqueuing outside a transaction would let the change commit without its outbox row (or the reverse).
  if (!db.inTransaction) throw new Error('outbox rows are written inside the caller’s transaction');
}

/** Queues a case, one of its files or a supplement, in the caller's transaction. */
export function enqueueCaseWork(
  db: Database.Database,
  caseId: string,
  kind: CaseWorkKind,
  ref: string | null,
  at: string,
): void {
  inCallersTransaction(db);
  statement(db, 'INSERT INTO outbox (case_id, kind, ref, created_at) VALUES (?, ?, ?, ?)').run(caseId, kind, ref, at);
}

/**
 * Queues a rating, follow-up or step, in the caller's transaction. Only cases the gateway receives
 * (those with a case push in the outbox, i.e. 受理 cases) get one; ratings of 一次性告知/不予受理
 * notices stay at the window. Returns whether a row was queued.
 */
export function enqueueRecord(
  db: Database.Database,
  caseId: string,
  kind: RecordKind,
  ref: string,
  at: string,
): boolean {
  inCallersTransaction(db);
  return (
    statement(
      db,
      "INSERT INTO outbox (case_id, kind, ref, created_at) SELECT @caseId, @kind, @ref, @at WHERE EXISTS (SELECT 1 FROM outbox WHERE case_id = @caseId AND kind = 'case')",
    ).run({ caseId, kind, ref, at }).changes === 1
  );
}
