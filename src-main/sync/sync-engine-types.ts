// The sync engine's contract: what the loop needs (its dependencies) and what the bar shows (its status).
import type { ProgressTracker } from '../events/progress';
import type { EventBus } from '../events/event-bus';
import type { AuditLog } from '../audit/audit-log';
import type { AttachmentsRepo } from '../cases/attachments-repo';
import type { CasesRepo } from '../cases/cases-repo';
import type { Hall } from '@common/hall';
import type { Logger } from '../log/logger';
import type { OperationContext } from './operation-context';
import type { SyncRepo } from './sync-repo';

/** The window-level sync state shown in the bar. */
export type SyncState = 'not-configured' | 'offline' | 'online' | 'syncing' | 'unauthenticated' | 'revoked';

/** What the bar shows. */
export interface SyncStatus {
  state: SyncState;
  pending: number;
  /** 好差评 and 回访 records waiting to be sent (not counted in `pending`, which counts cases). */
  pendingRecords: number;
  /** Restored from a backup and not yet told by the gateway how far today's receipt numbers went: numbers may repeat. */
  numberingUnverified: boolean;
  oldestPendingAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  deviceId: string | null;
}

/** Everything the loop needs; `random` and `now` are injected so tests can be seeded. */
export interface SyncEngineDeps {
  repo: SyncRepo;
  cases: CasesRepo;
  attachments: AttachmentsRepo;
  audit: AuditLog;
  events: EventBus;
  log: Logger;
  hall: () => Hall | null;
  now: () => Date;
  random: () => number;
  timeoutMs?: number;
  concurrency?: number;
  /** How often at most the audit chain head is reported to the gateway (default WITNESS_INTERVAL_MS). */
  witnessIntervalMs?: number;
  /** When this window's database was last restored from a backup (null: never). */
  restoredAt?: () => string | null;
  /** Backoff base and cap (ms); the protocol's 2 s / 5 min unless a test shortens them. */
  backoff?: { baseMs: number; capMs: number };
  /** Runs after a round in which the gateway answered (the catalogue version check; it throttles itself). */
  afterRound?: () => Promise<unknown>;
  /** 培训模式: a round never contacts the gateway, whatever the database holds. */
  training?: boolean;
  /** 电子签名 carried by a case's manifest (decision 0155). */
  signatures?: OperationContext['signatures'];
  /** 人证比对 carried by a case's manifest (decision 0154). */
  faceMatches?: OperationContext['faceMatches'];
  /** false: never push a case as one bundle (decision 0235); the bench measures the old path with it. */
  bundles?: boolean;
  /** Reports the sending of a backlog (≥ BACKLOG_CASES cases) as progress to every signed-in screen. */
  progress?: ProgressTracker;
}
