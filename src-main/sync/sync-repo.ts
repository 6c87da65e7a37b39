import type Database from 'better-sqlite3-multiple-ciphers';
import { CaseEventsRepo } from './case-events';
import { withDeferredSync } from '../db/open';
import { statement } from '../db/statements';
import { RecordsRepo, type RecordKind } from './records-repo';
import type { TicketState } from '@tongban/protocol/sync/tickets';
import { TicketsRepo } from '../tickets/tickets-repo';
import { applyFeedPage, type ReceivedEvent } from './feed-page';

export type { ReceivedEvent } from './feed-page';

/** The enrolled device: who signs, and where it sends. */
export interface SyncDevice {
  gatewayUrl: string;
  deviceId: string;
  epoch: number;
  district: string;
  publicKey: string;
  privateKey: string;
  clockOffsetMs: number;
  enrolledAt: string;
  revokedAt: string | null;
  /** The gateway's catalogue public key (raw Ed25519, base64) pinned at enrolment; null from older gateways. */
  catalogueKey?: string | null;
}

/** One outbox operation. */
export interface OutboxOp {
  id: number;
  caseId: string;
  kind: 'case' | 'attachment' | 'supplement' | RecordKind;
  ref: string | null;
  attempts: number;
}

/** The loop's persistent state. */
export interface SyncStateRow {
  cursor: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  online: boolean;
  /** When the gateway last told how far today's receipt numbering went. */
  numberingCheckedAt: string | null;
}

/** Whether a process with this id exists (EPERM means it exists but is not ours). */
function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** SQL for the sync loop: device, lease, outbox, the department's view of cases, status events. */
export class SyncRepo {
  /** 好差评 records pushed after their case. */
  readonly records: RecordsRepo;
  /** 问题处理 tickets: pushed after their case, applied from the feed. */
  readonly tickets: TicketsRepo;
  /** The window's case events for the gateway's 全程记录 (case-events.ts). */
  readonly caseEvents: CaseEventsRepo;

  constructor(private readonly db: Database.Database) {
    this.records = new RecordsRepo(db);
    this.tickets = new TicketsRepo(db);
    this.caseEvents = new CaseEventsRepo(db);
  }

  /**
   * Runs the loop's bookkeeping after one reply (outbox state, case sync fields, contact) as one
   * commit that is not fsynced on its own. Losing it to a power cut is harmless by design: the
   * operation is sent again, and the gateway answers a replay as it answered the first time. What
   * must be power-cut durable — the case and its outbox rows — was committed FULL at 受理.
   */
  afterReply<T>(fn: () => T): T {
    return withDeferredSync(this.db, fn);
  }

  device(): SyncDevice | null {
    const row = statement<[], Record<string, unknown>>(this.db, 'SELECT * FROM sync_device WHERE id = 1').get();
    if (!row) return null;
    return {
      gatewayUrl: row.gateway_url as string,
      deviceId: row.device_id as string,
      epoch: row.epoch as number,
      district: row.district as string,
      publicKey: row.public_key as string,
      privateKey: row.private_key as string,
      clockOffsetMs: row.clock_offset_ms as number,
      enrolledAt: row.enrolled_at as string,
      revokedAt: (row.revoked_at as string | null) ?? null,
      catalogueKey: (row.catalogue_key as string | null | undefined) ?? null,
    };
  }

  saveDevice(d: SyncDevice): void {
    statement(
      this.db,
      `INSERT INTO sync_device (id, gateway_url, device_id, epoch, district, public_key, private_key, clock_offset_ms, enrolled_at, revoked_at, catalogue_key)
       VALUES (1, @gatewayUrl, @deviceId, @epoch, @district, @publicKey, @privateKey, @clockOffsetMs, @enrolledAt, @revokedAt, @catalogueKey)
       ON CONFLICT (id) DO UPDATE SET gateway_url = excluded.gateway_url, device_id = excluded.device_id, epoch = excluded.epoch,
         district = excluded.district, public_key = excluded.public_key, private_key = excluded.private_key,
         clock_offset_ms = excluded.clock_offset_ms, enrolled_at = excluded.enrolled_at, revoked_at = excluded.revoked_at,
         catalogue_key = excluded.catalogue_key`,
    ).run({ ...d, catalogueKey: d.catalogueKey ?? null });
    statement(this.db, 'UPDATE sync_state SET cursor = NULL WHERE id = 1').run();
  }

  setClockOffset(offsetMs: number): void {
    statement(this.db, 'UPDATE sync_device SET clock_offset_ms = ? WHERE id = 1').run(Math.round(offsetMs));
  }

  markRevoked(at: string): void {
    statement(this.db, 'UPDATE sync_device SET revoked_at = ? WHERE id = 1').run(at);
  }

  state(): SyncStateRow {
    const row = statement<
      [],
      {
        cursor: string | null;
        last_success_at: string | null;
        last_error: string | null;
        online: number;
        numbering_checked_at: string | null;
      }
    >(this.db, 'SELECT * FROM sync_state WHERE id = 1').get()!;
    return {
      cursor: row.cursor,
      lastSuccessAt: row.last_success_at,
      lastError: row.last_error,
      online: row.online === 1,
      numberingCheckedAt: row.numbering_checked_at,
    };
  }

  markNumberingChecked(at: string): void {
    statement(this.db, 'UPDATE sync_state SET numbering_checked_at = ? WHERE id = 1').run(at);
  }

  recordContact(online: boolean, at: string, error: string | null): void {
    if (online)
      statement(this.db, 'UPDATE sync_state SET online = 1, last_success_at = ?, last_error = NULL WHERE id = 1').run(
        at,
      );
    else statement(this.db, 'UPDATE sync_state SET online = 0, last_error = ? WHERE id = 1').run(error);
  }

  /**
   * Takes or renews the single-loop lease; false when another live loop holds it. Owners are
   * `pid:uuid`: a lease left by a process that no longer exists (killed mid-round) is taken over at once.
   */
  acquireLease(owner: string, nowIso: string, untilIso: string): boolean {
    const held = statement<[], { lease_owner: string | null }>(
      this.db,
      'SELECT lease_owner FROM sync_state WHERE id = 1',
    ).get()?.lease_owner;
    if (held && held !== owner && !processAlive(Number(held.split(':')[0]))) {
      statement(
        this.db,
        'UPDATE sync_state SET lease_owner = NULL, lease_until = NULL WHERE id = 1 AND lease_owner = ?',
      ).run(held);
    }
    const info = statement(
      this.db,
      'UPDATE sync_state SET lease_owner = ?, lease_until = ? WHERE id = 1 AND (lease_owner IS NULL OR lease_owner = ? OR lease_until < ?)',
    ).run(owner, untilIso, owner, nowIso);
    return info.changes === 1;
  }

  releaseLease(owner: string): void {
    statement(
      this.db,
      'UPDATE sync_state SET lease_owner = NULL, lease_until = NULL WHERE id = 1 AND lease_owner = ?',
    ).run(owner);
  }

  /** Pending operations due now that are next in line for their case (operations run in order per case), oldest first. */
  dueOps(nowIso: string, limit: number): OutboxOp[] {
    return statement<
      [string, number],
      { id: number; case_id: string; kind: OutboxOp['kind']; ref: string | null; attempts: number }
    >(
      this.db,
      `SELECT o.id, o.case_id, o.kind, o.ref, o.attempts FROM outbox o
       WHERE o.state = 'pending' AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= ?)
         AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.case_id = o.case_id AND e.state = 'pending' AND e.id < o.id)
       ORDER BY o.id LIMIT ?`,
    )
      .all(nowIso, limit)
      .map((r) => ({ id: r.id, caseId: r.case_id, kind: r.kind, ref: r.ref, attempts: r.attempts }));
  }

  markDone(opId: number, at: string): void {
    statement(this.db, "UPDATE outbox SET state = 'done', done_at = ?, last_error = NULL WHERE id = ?").run(at, opId);
  }

  markRetry(opId: number, attempts: number, nextAt: string, error: string): void {
    statement(this.db, 'UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?').run(
      attempts,
      nextAt,
      error,
      opId,
    );
  }

  markFailed(opId: number, error: string): void {
    statement(this.db, "UPDATE outbox SET state = 'failed', last_error = ? WHERE id = ?").run(error, opId);
  }

  /** Cases of business dates from `sinceDate` on whose push the gateway acknowledged (and none is queued again). */
  deliveredSince(sinceDate: string): string[] {
    return statement<[string], { case_id: string }>(
      this.db,
      `SELECT c.case_id FROM cases c WHERE c.business_date >= ?
         AND EXISTS (SELECT 1 FROM outbox o WHERE o.case_id = c.case_id AND o.kind = 'case' AND o.state = 'done')
         AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.case_id = c.case_id AND o.kind = 'case' AND o.state <> 'done')
       ORDER BY c.case_id`,
    )
      .all(sinceDate)
      .map((r) => r.case_id);
  }

  /**
   * The gateway lost a delivered case (restored from an older backup: reconcile reports it unknown, or
   * a record or supplement of it got 404 case-not-found): its push and its 好差评 records go back in
   * line, in their original order. (Its supplements do not: the restored case is not waiting for one.)
   * Its files follow as the push reply reports them missing. The department's statuses seen so far no
   * longer describe it, and its new life's events start again at version 1.
   */
  requeueLostCases(caseIds: string[]): void {
    if (!caseIds.length) return;
    this.db.transaction(() => {
      for (const caseId of caseIds) {
        const requeued = statement(
          this.db,
          "UPDATE outbox SET state = 'pending', next_attempt_at = NULL, attempts = 0, last_error = NULL WHERE case_id = ? AND state = 'done' AND kind IN ('case', 'rating', 'follow-up', 'follow-up-step', 'ticket', 'ticket-message', 'document', 'ticket-file')",
        ).run(caseId).changes;
        if (!requeued) continue;
        this.setCaseSync(caseId, { syncState: 'sending' });
        statement(
          this.db,
          'UPDATE cases SET dept_status = NULL, dept_reason = NULL, dept_details = NULL, dept_case_version = 0 WHERE case_id = ?',
        ).run(caseId);
      }
    })();
  }

  /**
   * A refused case push or supplement takes the uploads of its files with it: the gateway has no slot
   * for them, and each would fail again with 404 slot-not-found, hiding the reason that matters. A
   * refused case push also takes its 好差评 records: without the case the gateway can never take them.
   */
  failDependents(op: OutboxOp, error: string): void {
    if (op.kind === 'case') {
      statement(
        this.db,
        "UPDATE outbox SET state = 'failed', last_error = ? WHERE case_id = ? AND state = 'pending' AND kind IN ('rating', 'follow-up', 'follow-up-step', 'ticket', 'ticket-message', 'document', 'ticket-file')",
      ).run(error, op.caseId);
    }
    if (op.kind !== 'case' && op.kind !== 'supplement') return;
    statement(
      this.db,
      `UPDATE outbox SET state = 'failed', last_error = @error
       WHERE case_id = @caseId AND kind = 'attachment' AND state = 'pending'
         AND ref IN (SELECT attachment_id FROM attachments WHERE case_id = @caseId AND supplement_id IS @supplementId)`,
    ).run({ error, caseId: op.caseId, supplementId: op.kind === 'supplement' ? op.ref : null });
  }

  /** The network is back: everything waiting on a backoff becomes due at once. */
  resetBackoff(): void {
    statement(
      this.db,
      "UPDATE outbox SET next_attempt_at = NULL WHERE state = 'pending' AND next_attempt_at IS NOT NULL",
    ).run();
  }

  /** The uploads of files that travelled in an accepted case bundle are done (decision 0235). */
  markFilesDone(caseId: string, attachmentIds: string[], at: string): void {
    const stmt = statement(
      this.db,
      "UPDATE outbox SET state = 'done', done_at = ?, last_error = NULL WHERE case_id = ? AND kind = 'attachment' AND ref = ? AND state = 'pending'",
    );
    for (const id of attachmentIds) stmt.run(at, caseId, id);
  }

  /** Puts attachment uploads the gateway reports missing back in the queue. */
  requeueAttachments(caseId: string, attachmentIds: string[]): void {
    const stmt = statement(
      this.db,
      "UPDATE outbox SET state = 'pending', next_attempt_at = NULL WHERE case_id = ? AND kind = 'attachment' AND ref = ? AND state = 'done'",
    );
    for (const id of attachmentIds) stmt.run(caseId, id);
  }

  /** Cases with something of their own still to send (a 好差评 record waiting behind a delivered case does not count). */
  /** Cases with something of their own still to send, and 好差评/回访 records (ratings, follow-ups, steps) still to send. */
  pendingSummary(): { cases: number; records: number; oldestAcceptedAt: string | null } {
    const row = statement<[], { n: number; oldest: string | null }>(
      this.db,
      `SELECT count(DISTINCT o.case_id) AS n, min(c.decided_at) AS oldest FROM outbox o JOIN cases c ON c.case_id = o.case_id
       WHERE o.state = 'pending' AND o.kind IN ('case', 'attachment', 'supplement')`,
    ).get()!;
    const records = statement<[], { n: number }>(
      this.db,
      "SELECT count(*) AS n FROM outbox WHERE state = 'pending' AND kind NOT IN ('case', 'attachment', 'supplement')",
    ).get()!;
    return { cases: row.n, records: records.n, oldestAcceptedAt: row.oldest };
  }

  setCaseSync(
    caseId: string,
    fields: { syncState: string; departmentNo?: string; attentionReason?: string | null; deliveredAt?: string },
  ): void {
    statement(
      this.db,
      `UPDATE cases SET sync_state = @syncState, department_no = coalesce(@departmentNo, department_no),
         attention_reason = @attentionReason, delivered_at = coalesce(@deliveredAt, delivered_at) WHERE case_id = @caseId`,
    ).run({
      caseId,
      syncState: fields.syncState,
      departmentNo: fields.departmentNo ?? null,
      attentionReason: fields.attentionReason ?? null,
      deliveredAt: fields.deliveredAt ?? null,
    });
  }

  /** Whether the case itself (manifest, files, supplements) still has something to send; 好差评 records do not count. */
  hasPendingOps(caseId: string): boolean {
    return !!statement(
      this.db,
      "SELECT 1 FROM outbox WHERE case_id = ? AND state = 'pending' AND kind IN ('case', 'attachment', 'supplement') LIMIT 1",
    ).get(caseId);
  }

  /** Stores a page of status events, its ticket states and the cursor after them in one transaction; returns how many events were new. */
  applyEvents(
    events: ReceivedEvent[],
    cursor: string | null,
    receivedAt: string,
    tickets: readonly TicketState[] = [],
  ): number {
    return applyFeedPage(this.db, this.tickets, { events, cursor, receivedAt, tickets });
  }

  /** A submitted supplement, as pushed. */
  supplement(supplementId: string): { materials: unknown; note: string; submittedAt: string } | null {
    const row = statement<[string], { materials: string; note: string; submitted_at: string | null }>(
      this.db,
      'SELECT materials, note, submitted_at FROM supplements WHERE supplement_id = ?',
    ).get(supplementId);
    return row && row.submitted_at
      ? { materials: JSON.parse(row.materials) as unknown, note: row.note, submittedAt: row.submitted_at }
      : null;
  }

  resetCursor(): void {
    statement(this.db, 'UPDATE sync_state SET cursor = NULL WHERE id = 1').run();
  }
}
