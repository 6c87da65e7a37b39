import { randomUUID } from 'node:crypto';
import { pushWithProgress } from './push-workers';
import { classify, fullJitterDelay, retryAfterMs } from './backoff';
import { signedRequest, type ClientOptions, type GatewayReply } from './gateway-client';
import type { OperationContext } from './operation-context';
import { sendOperation } from './operations';
import type { CasePushReply } from './case-bundle-push';
import { DailyChecks } from './daily-checks';
import { nextRoundDelay, renewEvery } from './cadence';
import { AuditWitness } from './audit-witness';
import { pushCaseEvents } from './case-events';
import { classifyRecord } from './record-operations';
import { isRecordKind } from './records-repo';
import type { OutboxOp, SyncDevice } from './sync-repo';
import { casePushResponseSchema } from '@tongban/protocol/sync/replies';
import { statusFeedSchema } from '@tongban/protocol/sync/status';

/**
 * Operations in flight at once. A window's link to another province has tens of milliseconds of round trip,
 * and the gateway's own time per case adds to it: with one bundle per case, 4 workers left a 100 Mbit/s, 30 ms
 * link idle a third of the time (decision 0235). Bytes in flight stay capped (gateway-client.ts), so a slow link
 * carries no more at once than with 4 workers.
 */
export const DEFAULT_CONCURRENCY = 8;

import type { SyncEngineDeps, SyncState, SyncStatus } from './sync-engine-types';

export type { SyncEngineDeps, SyncState, SyncStatus };

const LEASE_MS = 60_000;
/**
 * The one sync loop: pushes due outbox operations (in order per case, a few cases at once) and
 * then pulls status events. Every outcome follows the protocol's table; a bad case never blocks others.
 */
export class SyncEngine {
  private readonly owner = `${process.pid}:${randomUUID()}`;
  private current: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private state: SyncState = 'offline';
  /** Cases whose sync fields or department status changed since the last `cases:changed`. */
  private readonly changed = new Set<string>();
  /** Whether the last round pulled an event or settled a case (the idle cadence, `start`). */
  private roundMoved = false;
  /** The once-a-day checks against a restored backup (daily-checks.ts). */
  private readonly daily = new DailyChecks({
    deps: () => this.d,
    client: () => this.client,
    context: (device) => this.context(device),
    contact: (reply) => this.contact(reply),
    changed: (caseId) => this.changed.add(caseId),
  });

  /** The audit chain head reported to the gateway (audit-witness.ts). */
  readonly witness: AuditWitness;

  constructor(private readonly d: SyncEngineDeps) {
    this.witness = new AuditWitness({
      ...d,
      client: () => this.client,
      contact: (reply) => this.contact(reply),
      intervalMs: d.witnessIntervalMs,
    });
  }

  private get client(): ClientOptions {
    return { timeoutMs: this.d.timeoutMs ?? 15_000, now: this.d.now };
  }

  status(): SyncStatus {
    const device = this.d.repo.device();
    const st = this.d.repo.state();
    const pending = this.d.repo.pendingSummary();
    const state: SyncState = !device
      ? 'not-configured'
      : device.revokedAt
        ? 'revoked'
        : this.current
          ? 'syncing'
          : this.state === 'syncing'
            ? st.online
              ? 'online'
              : 'offline'
            : this.state;
    const restoredAt = this.d.restoredAt?.() ?? null;
    const numberingUnverified =
      restoredAt !== null && (st.numberingCheckedAt === null || st.numberingCheckedAt < restoredAt);
    return {
      state,
      pending: pending.cases,
      pendingRecords: pending.records,
      numberingUnverified,
      oldestPendingAt: pending.oldestAcceptedAt,
      lastSuccessAt: st.lastSuccessAt,
      lastError: st.lastError,
      deviceId: device?.deviceId ?? null,
    };
  }

  /** Runs a round that starts after this call: now, or right after the one already running (calls coalesce). */
  syncNow(): Promise<void> {
    if (this.current) {
      this.queued ??= this.current.then(() => {
        this.queued = null;
        return this.syncNow();
      });
      return this.queued;
    }
    this.current = this.round().finally(() => {
      this.current = null;
      this.publish();
    });
    return this.current;
  }

  /**
   * Starts the periodic loop: a round every `intervalMs` while anything moves, every `intervalMs × 6` once the
   * window has been idle for six rounds (nextRoundDelay, decision 0255). A saved case or 立即同步 runs a round at once.
   */
  start(intervalMs = 5_000): void {
    let idleRounds = 0;
    const tick = () => {
      void this.syncNow().finally(() => {
        const s = this.status();
        const busy = this.roundMoved || s.pending > 0 || s.pendingRecords > 0 || s.state !== 'online';
        idleRounds = busy ? 0 : idleRounds + 1;
        if (this.timer) this.timer = setTimeout(tick, nextRoundDelay(intervalMs, idleRounds));
      });
    };
    this.timer = setTimeout(tick, 0);
  }

  /** Stops scheduling rounds (a running round finishes on its own). */
  halt(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  async stop(): Promise<void> {
    this.halt();
    await this.queued;
    await this.current;
    this.d.repo.releaseLease(this.owner);
  }

  /** Tells the windows' lists which cases changed (once per pull and once per push, not per case). */
  private announceChanges(): void {
    if (!this.changed.size) return;
    this.roundMoved = true;
    const caseIds = [...this.changed];
    this.changed.clear();
    for (let i = 0; i < caseIds.length; i += 1000)
      this.d.events.emit('cases:changed', { caseIds: caseIds.slice(i, i + 1000) });
  }

  private publish(): void {
    const s = this.status();
    this.d.events.emit('sync:status', {
      state: s.state,
      pending: s.pending,
      lastSuccessAt: s.lastSuccessAt,
      numberingUnverified: s.numberingUnverified,
    });
  }

  private async round(): Promise<void> {
    this.roundMoved = false;
    if (this.d.training) return;
    const device = this.d.repo.device();
    if (!device || device.revokedAt) return;
    const now = this.d.now();
    if (!this.d.repo.acquireLease(this.owner, now.toISOString(), new Date(now.getTime() + LEASE_MS).toISOString()))
      return;
    this.state = 'syncing';
    this.publish();
    try {
      // Pull first: it is also the probe that tells whether the gateway answers (and resets backoffs when it does).
      const pulled = await this.pull(device);
      this.announceChanges();
      if (pulled === 'answered') {
        await this.daily.continueNumbering(this.d.repo.device() ?? device);
        await this.daily.reconcile(this.d.repo.device() ?? device);
        await this.push(this.d.repo.device() ?? device);
        await this.witness.report(this.d.repo.device() ?? device);
        await pushCaseEvents(this.d.repo.caseEvents, this.d.repo.device() ?? device, this.client, (r) =>
          this.contact(r),
        );
        await this.d.afterRound?.();
      }
    } catch (err) {
      this.d.log.error('sync round failed', { error: err });
    } finally {
      this.announceChanges();
    }
  }

  /** Records whether the gateway answered; when it answers again after an outage, queued retries become due at once. */
  private contact(reply: GatewayReply): void {
    const at = this.d.now().toISOString();
    if (reply.status === null) {
      this.d.repo.recordContact(false, at, reply.transportError ?? 'network error');
      this.state = 'offline';
      return;
    }
    const wasOnline = this.d.repo.state().online;
    this.d.repo.recordContact(true, at, null);
    if (!wasOnline) this.d.repo.resetBackoff();
    this.state = 'online';
  }

  /** Sends what is due (push-workers.ts), with a progress bar when a backlog is waiting. */
  private push(device: SyncDevice): Promise<'done' | 'stop'> {
    const now = () => this.d.now();
    const lease = renewEvery((at) =>
      this.d.repo.afterReply(() =>
        this.d.repo.acquireLease(this.owner, at.toISOString(), new Date(at.getTime() + LEASE_MS).toISOString()),
      ),
    );
    // One context for the push (the hall's division is read once, not per operation).
    const ctx = this.context(device);
    return pushWithProgress(
      {
        repo: this.d.repo,
        progress: this.d.progress,
        concurrency: this.d.concurrency ?? DEFAULT_CONCURRENCY,
        now,
        lease,
      },
      (op) => this.runOp(ctx, op),
    );
  }

  private context(device: SyncDevice): OperationContext {
    return {
      device,
      client: this.client,
      cases: this.d.cases,
      attachments: this.d.attachments,
      repo: this.d.repo,
      hallDivision: this.d.hall()?.divisionCode ?? '',
      signatures: this.d.signatures,
      faceMatches: this.d.faceMatches,
      bundles: this.d.bundles,
    };
  }

  private async runOp(ctx: OperationContext, op: OutboxOp): Promise<'next' | 'stop'> {
    const reply = await sendOperation(ctx, op);
    return this.d.repo.afterReply(() => this.settle(ctx.device, op, reply));
  }

  /** Records one reply: contact, the operation's outcome, the case's sync fields (one commit). */
  private settle(device: SyncDevice, op: OutboxOp, reply: CasePushReply): 'next' | 'stop' {
    this.contact(reply);
    const outcome = (isRecordKind(op.kind) || op.kind === 'supplement' ? classifyRecord : classify)(
      reply.status,
      reply.errorCode,
    );
    const at = this.d.now();
    switch (outcome) {
      case 'success':
        this.succeeded(op, reply, at.toISOString());
        if (!isRecordKind(op.kind)) this.changed.add(op.caseId);
        return 'next';
      case 'retry': {
        const wait =
          retryAfterMs(reply.retryAfter, at.getTime()) ??
          fullJitterDelay(op.attempts + 1, this.d.random, this.d.backoff?.baseMs, this.d.backoff?.capMs);
        this.d.repo.markRetry(
          op.id,
          op.attempts + 1,
          new Date(at.getTime() + wait).toISOString(),
          reply.transportError ?? `HTTP ${reply.status}`,
        );
        return reply.status === null ? 'stop' : 'next';
      }
      case 'fix-clock':
        // The round's device copy carries the old offset: end the round; the next one signs with the new time.
        this.fixClock(reply);
        this.d.repo.markRetry(op.id, op.attempts, at.toISOString(), 'clock-skew');
        return 'stop';
      case 'reauthenticate':
        this.state = 'unauthenticated';
        this.d.log.warn('gateway refused the device signature; re-enrolment needed', { status: reply.status });
        return 'stop';
      case 'revoked':
        this.d.repo.markRevoked(at.toISOString());
        this.d.audit.append({
          actor: { id: null, name: 'system' },
          action: 'sync.device-revoked',
          details: { deviceId: device.deviceId },
        });
        this.state = 'revoked';
        return 'stop';
      case 'invalid': {
        const reason = reply.errorCode ?? `HTTP ${reply.status}`;
        this.d.repo.markFailed(op.id, reason);
        this.d.repo.failDependents(op, reason);
        // A refused 好差评 record leaves the case as it is; the outbox row and the audit entry keep the reason.
        if (!isRecordKind(op.kind)) {
          this.d.repo.setCaseSync(op.caseId, { syncState: 'needs-attention', attentionReason: reason });
          this.changed.add(op.caseId);
        }
        this.d.audit.append({
          actor: { id: null, name: 'system' },
          action: 'sync.needs-attention',
          target: `case:${op.caseId}`,
          details: { op: op.kind, reason },
        });
        return 'next';
      }
    }
  }

  private succeeded(op: OutboxOp, reply: CasePushReply, at: string): void {
    this.d.repo.markDone(op.id, at);
    if (op.kind === 'case') {
      // A bundle carried the files, verified by the gateway: their uploads are done in this same commit.
      if (reply.bundledFiles) this.d.repo.markFilesDone(op.caseId, reply.bundledFiles, at);
      // The push was accepted; an unreadable body only means no department number and no re-sends yet.
      const parsed = casePushResponseSchema.safeParse(reply.body);
      if (!parsed.success) this.d.log.warn('case push answer unreadable', { status: reply.status });
      const body = parsed.success ? parsed.data : null;
      this.d.repo.requeueAttachments(op.caseId, body?.missingAttachments ?? []);
      const departmentNo = body?.departmentNo;
      this.d.repo.setCaseSync(op.caseId, {
        syncState: this.d.repo.hasPendingOps(op.caseId) ? 'sending' : 'delivered',
        ...(departmentNo ? { departmentNo } : {}),
        deliveredAt: at,
      });
    } else if (isRecordKind(op.kind)) {
      this.d.repo.records.markSynced(op.kind, op.ref ?? '', at);
    } else if (!this.d.repo.hasPendingOps(op.caseId)) {
      this.d.repo.setCaseSync(op.caseId, { syncState: 'delivered', deliveredAt: at });
    }
  }

  /** This PC's clock drifted since enrolment: take the gateway's time from its Date header. */
  private fixClock(reply: GatewayReply): void {
    const serverNow = Date.parse(reply.headers?.date ?? '');
    if (Number.isNaN(serverNow)) return;
    this.d.repo.setClockOffset(serverNow - this.d.now().getTime());
    this.d.log.warn('clock offset corrected from the gateway', { offsetMs: serverNow - this.d.now().getTime() });
  }

  private async pull(initial: SyncDevice): Promise<'answered' | 'unreachable'> {
    let resets = 0;
    let clockFixes = 0;
    let device = initial;
    for (let page = 0; page < 1000; page++) {
      const cursor = this.d.repo.state().cursor;
      const query = new URLSearchParams({ limit: '200', ...(cursor ? { cursor } : {}) }).toString();
      const reply = await signedRequest(device, this.client, { method: 'GET', path: '/v1/status-events', query });
      this.contact(reply);
      if (reply.status === 410 && resets++ === 0) {
        this.d.repo.resetCursor();
        continue;
      }
      if (reply.status === null) return 'unreachable';
      if (reply.status === 401 && reply.errorCode === 'clock-skew' && clockFixes++ === 0) {
        this.fixClock(reply);
        device = this.d.repo.device() ?? device;
        continue;
      }
      if (reply.status !== 200) {
        this.d.log.warn('status feed refused', { status: reply.status, code: reply.errorCode });
        return classify(reply.status, reply.errorCode) === 'retry' ? 'unreachable' : 'answered';
      }
      const parsed = statusFeedSchema.safeParse(reply.body);
      if (!parsed.success) {
        // Nothing of an unreadable page is applied and the cursor stays: the next pull asks again.
        this.d.log.warn('status feed unreadable', { status: reply.status });
        return 'answered';
      }
      const feed = parsed.data;
      this.d.repo.applyEvents(feed.events, feed.nextCursor, this.d.now().toISOString(), feed.tickets);
      for (const e of [...feed.events, ...(feed.tickets ?? [])]) this.changed.add(e.caseId);
      if (!feed.hasMore) return 'answered';
    }
    return 'answered';
  }
}
