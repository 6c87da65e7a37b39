// The sync round's once-a-day checks against a window restored from an older backup: receipt numbering
// continues above the gateway's record, and cases the gateway no longer holds are sent again.
import { documentCounterResponseSchema } from '@tongban/protocol/sync/api';
import { chinaDate } from '@common/time';
import { signedRequest, type ClientOptions, type GatewayReply } from './gateway-client';
import type { OperationContext } from './operation-context';
import { RECONCILE_DAYS, reconcileDelivered } from './reconcile';
import type { AuditLog } from '../audit/audit-log';
import type { CasesRepo } from '../cases/cases-repo';
import type { Hall } from '@common/hall';
import type { Logger } from '../log/logger';
import type { SyncDevice, SyncRepo } from './sync-repo';

/** What the checks use of the engine. */
export interface DailyCheckHost {
  deps(): { repo: SyncRepo; cases: CasesRepo; audit: AuditLog; log: Logger; hall: () => Hall | null; now: () => Date };
  client(): ClientOptions;
  context(device: SyncDevice): OperationContext;
  /** Records whether the gateway answered. */
  contact(reply: GatewayReply): void;
  /** A case whose state changed (announced after the round). */
  changed(caseId: string): void;
}

/** Each check runs once per China day per start, and again next round when the gateway did not answer it. */
export class DailyChecks {
  private numberingCheckedFor: string | null = null;
  private reconciledFor: string | null = null;

  constructor(private readonly e: DailyCheckHost) {}

  /**
   * Once a day per start: a window restored from an older backup, or reinstalled, would hand out
   * today's receipt numbers again from where its database stopped. The gateway knows the highest one
   * of this window's cases it received today; the local sequence continues above it. (Numbers of
   * cases that never reached the gateway cannot be known; a restore loses those cases too.)
   */
  async continueNumbering(device: SyncDevice): Promise<void> {
    const d = this.e.deps();
    const hall = d.hall();
    const today = chinaDate(d.now());
    if (!hall || this.numberingCheckedFor === today) return;
    const reply = await signedRequest(device, this.e.client(), {
      method: 'GET',
      path: `/v1/document-counters/${today}`,
    });
    this.e.contact(reply);
    if (reply.status === 404 && reply.errorCode === undefined) {
      this.numberingCheckedFor = today; // a gateway without the route: nothing to learn today
      return;
    }
    const parsed = reply.status === 200 ? documentCounterResponseSchema.safeParse(reply.body) : null;
    if (!parsed?.success) return; // asked again next round
    this.numberingCheckedFor = today;
    d.repo.markNumberingChecked(d.now().toISOString());
    const { windowCode, date, lastSequence } = parsed.data;
    if (windowCode !== hall.windowCode || date !== today) return;
    const before = d.cases.raiseSequence(windowCode, date, lastSequence);
    if (before === null) return;
    d.log.warn('document numbering continued above the gateway record', { date, before, after: lastSequence });
    d.audit.append({
      actor: { id: null, name: 'system' },
      action: 'sync.numbering-continued',
      details: { date, localSequence: before, gatewaySequence: lastSequence },
    });
  }

  /**
   * Once a day per start: does the gateway still hold the cases it acknowledged over the last
   * RECONCILE_DAYS days? One restored from an older backup does not; those go out again in this round.
   */
  async reconcile(device: SyncDevice): Promise<void> {
    const d = this.e.deps();
    const today = chinaDate(d.now());
    if (this.reconciledFor === today) return;
    const since = new Date(Date.parse(`${today}T00:00:00Z`) - RECONCILE_DAYS * 86_400_000).toISOString().slice(0, 10);
    const outcome = await reconcileDelivered(this.e.context(device), since);
    if (outcome.failed) {
      this.e.contact(outcome.failed);
      // A gateway without the route: nothing to learn today. Otherwise asked again next round (cases
      // already put back in line are pending now, so they are not asked about again).
      if (outcome.failed.status === 404 && outcome.failed.errorCode === undefined) this.reconciledFor = today;
    } else {
      this.reconciledFor = today;
    }
    if (outcome.mismatched.length)
      d.log.warn('gateway holds delivered cases with another manifest', { count: outcome.mismatched.length });
    if (!outcome.requeued.length) return;
    for (const caseId of outcome.requeued) this.e.changed(caseId);
    d.log.warn('cases the gateway no longer holds are sent again', { count: outcome.requeued.length });
    d.audit.append({
      actor: { id: null, name: 'system' },
      action: 'sync.reconcile-resend',
      details: { count: outcome.requeued.length, caseIds: outcome.requeued.slice(0, 50) },
    });
  }
}
