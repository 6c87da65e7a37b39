import type Database from 'better-sqlite3-multiple-ciphers';
import type { ProgressTracker } from '../events/progress';
import type { EventBus } from '../events/event-bus';
import type { Actor, AuditLog } from '../audit/audit-log';
import type { AttachmentsRepo } from '../cases/attachments-repo';
import type { CasesRepo } from '../cases/cases-repo';
import type { SyncStatusView } from '@common/contract/sync';
import type { AuditVerification } from '@common/audit';
import { AppError } from '@common/errors';
import type { Hall } from '@common/hall';
import type { Logger } from '../log/logger';
import { enrolDevice } from './enrolment';
import { SyncEngine, type SyncEngineDeps } from './sync-engine';
import { SyncRepo } from './sync-repo';

/** Sync as the rest of the app sees it: status, enrolment, "sync now", and the background loop. */
export class SyncService {
  readonly repo: SyncRepo;
  readonly engine: SyncEngine;

  constructor(
    db: Database.Database,
    private readonly deps: {
      cases: CasesRepo;
      attachments: AttachmentsRepo;
      audit: AuditLog;
      events: EventBus;
      progress?: ProgressTracker;
      log: Logger;
      hall: () => Hall | null;
      now: () => Date;
      restoredAt?: () => string | null;
      timeoutMs?: number;
      backoff?: { baseMs: number; capMs: number };
      afterRound?: () => Promise<unknown>;
      witnessIntervalMs?: number;
      /** 培训模式: enrolment and every round are refused, so nothing from the training folder leaves the PC. */
      training?: boolean;
      /** 电子签名 carried by a case's manifest (decision 0155). */
      signatures?: SyncEngineDeps['signatures'];
      /** 人证比对 carried by a case's manifest (decision 0154). */
      faceMatches?: SyncEngineDeps['faceMatches'];
    },
  ) {
    this.repo = new SyncRepo(db);
    this.engine = new SyncEngine({ ...deps, repo: this.repo, random: Math.random });
  }

  /** Training data never leaves the PC: no enrolment, no push, no pull (decision 0130). */
  private refuseInTraining(): void {
    if (this.deps.training) throw new AppError('training-mode', '培训模式的数据不会同步到部门网关');
  }

  statusView(): SyncStatusView {
    const s = this.engine.status();
    const device = this.repo.device();
    return {
      ...s,
      gatewayUrl: device?.gatewayUrl ?? null,
      district: device?.district ?? null,
      enrolledAt: device?.enrolledAt ?? null,
    };
  }

  /** Enrols (or re-enrols after a reinstall or restore) with a one-time code from the gateway administrator. */
  async configure(actor: Actor, gatewayUrl: string, code: string): Promise<SyncStatusView> {
    this.refuseInTraining();
    const hall = this.deps.hall();
    if (!hall) throw new AppError('not-initialized', 'first run not completed');
    const device = await enrolDevice({
      gatewayUrl,
      code,
      windowCode: hall.windowCode,
      hallDivision: hall.divisionCode,
      deviceName: `${hall.name} ${hall.windowNo}号窗口`,
      now: this.deps.now,
      timeoutMs: this.deps.timeoutMs,
    });
    this.repo.saveDevice(device);
    this.deps.audit.append({
      actor,
      action: 'sync.enrol',
      details: { gatewayUrl: device.gatewayUrl, deviceId: device.deviceId, epoch: device.epoch },
    });
    void this.engine.syncNow();
    return this.statusView();
  }

  /**
   * The audit chain verified locally and against the chain heads the gateway witnessed (issue #19): an
   * altered row the local walk cannot see (the chain recomputed after it) shows against the gateway's record.
   */
  async verifyAudit(): Promise<AuditVerification> {
    const local = this.deps.audit.verify();
    const device = this.repo.device();
    if (!device || device.revokedAt || this.deps.training)
      return { ...local, witnesses: { state: 'not-enrolled', checked: 0, latestSeq: null } };
    await this.engine.witness.report(device, true); // the gateway compares the chain as it is now, too
    const witnesses = await this.engine.witness.all(device).catch(() => null);
    if (!witnesses) return { ...local, witnesses: { state: 'unavailable', checked: 0, latestSeq: null } };
    return this.engine.witness.compare(local, witnesses);
  }

  async syncNow(): Promise<SyncStatusView> {
    this.refuseInTraining();
    await this.engine.syncNow();
    return this.statusView();
  }
}
