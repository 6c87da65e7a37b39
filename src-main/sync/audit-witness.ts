// The window's audit chain head, witnessed by the gateway (issue #19, 责任追溯; protocol:
// packages/protocol/src/sync/audit-witness.ts). After a round in which the gateway answered, when the head
// moved and WITNESS_INTERVAL_MS passed, the window reports its head and its hash at the sequence the gateway
// witnessed last (the anchor), as stored (two index reads: a chain re-hashed after an altered row shows). An
// audit verification reports at once with both recomputed from the rows' content (a whole walk: a row altered
// without re-hashing shows too), then compares the local chain with every witness the gateway holds.
import {
  AUDIT_WITNESS_PAGE_MAX,
  auditWitnessListSchema,
  auditWitnessPushResponseSchema,
  type AuditWitnessPush,
} from '@tongban/protocol/sync/audit-witness';
import { canonicalJson } from '@tongban/protocol/canonical-json';
import type { AuditVerification } from '@common/audit';
import { SYSTEM_ACTOR, type AuditLog } from '../audit/audit-log';
import type { Logger } from '../log/logger';
import { signedRequest, type ClientOptions, type GatewayReply } from './gateway-client';
import type { SyncDevice } from './sync-repo';

/** How often at most the head is reported (the gateway keeps one row per report). */
export const WITNESS_INTERVAL_MS = 15 * 60_000;

export interface AuditWitnessDeps {
  audit: AuditLog;
  log: Logger;
  now: () => Date;
  client: () => ClientOptions;
  contact: (reply: GatewayReply) => void;
  intervalMs?: number;
}

/** Reports the head, and reads the gateway's witnesses back for the verification. */
export class AuditWitness {
  /** The latest witness the gateway acknowledged (null: not known since start; asked first). */
  private latest: { seq: number; hash: string } | null = null;
  private latestKnown = false;
  private lastSentAt = 0;

  constructor(private readonly d: AuditWitnessDeps) {}

  /** Reports the head when due (`now`: at once, for a verification); never throws (retried next round). */
  async report(device: SyncDevice, now = false): Promise<void> {
    const at = this.d.now().getTime();
    if (!now && at - this.lastSentAt < (this.d.intervalMs ?? WITNESS_INTERVAL_MS)) return;
    try {
      if (!this.latestKnown) {
        const list = await this.list(device, 0, 1);
        if (!list) return;
        this.latest = list.latest;
        this.latestKnown = true;
      }
      const anchorSeq = this.latest?.seq ?? null;
      const chain = now
        ? this.d.audit.recomputedHashes(anchorSeq ? [anchorSeq] : [])
        : this.d.audit.storedHashes(anchorSeq);
      if (!chain.head) return;
      if (!now && this.latest && chain.head.seq === this.latest.seq && chain.head.hash === this.latest.hash) return;
      const push: AuditWitnessPush = {
        head: chain.head,
        anchor: anchorSeq ? { seq: anchorSeq, hash: chain.at.get(anchorSeq) ?? null } : null,
      };
      const reply = await signedRequest(device, this.d.client(), {
        method: 'POST',
        path: '/v1/audit-witnesses',
        body: Buffer.from(canonicalJson(push)),
      });
      this.d.contact(reply);
      const parsed = reply.status === 200 ? auditWitnessPushResponseSchema.safeParse(reply.body) : null;
      if (!parsed?.success) return;
      this.lastSentAt = at;
      if (parsed.data.recorded) this.latest = chain.head;
      if (parsed.data.conflicts.length) {
        this.d.log.warn('gateway reports the audit chain differs from what it witnessed', {
          conflicts: parsed.data.conflicts.length,
        });
        this.d.audit.append({
          actor: SYSTEM_ACTOR,
          action: 'sync.audit-witness-conflict',
          details: { conflicts: parsed.data.conflicts.slice(0, 20) },
        });
      }
    } catch (err) {
      this.d.log.warn('audit witness not reported', { error: err });
    }
  }

  /** Every witness the gateway holds for this device (ascending), or null when it did not answer. */
  async all(device: SyncDevice): Promise<{ seq: number; hash: string }[] | null> {
    const out: { seq: number; hash: string }[] = [];
    let after = 0;
    for (;;) {
      const page = await this.list(device, after, AUDIT_WITNESS_PAGE_MAX);
      if (!page) return null;
      out.push(...page.witnesses.map(({ seq, hash }) => ({ seq, hash })));
      if (!page.hasMore || !page.witnesses.length) return out;
      after = page.witnesses.at(-1)?.seq ?? after;
    }
  }

  /** The local verification, with the gateway's witnesses compared against the recomputed chain. */
  compare(local: AuditVerification, witnesses: { seq: number; hash: string }[]): AuditVerification {
    const chain = this.d.audit.recomputedHashes(witnesses.map((w) => w.seq));
    const latestSeq = witnesses.at(-1)?.seq ?? null;
    const summary = { state: 'compared' as const, checked: witnesses.length, latestSeq };
    const bad = witnesses.find((w) => chain.at.get(w.seq) !== w.hash);
    if (!bad) return { ...local, witnesses: summary };
    const reason = chain.at.has(bad.seq) ? ('witness-mismatch' as const) : ('tail-missing' as const);
    const firstBroken =
      local.firstBroken && local.firstBroken.seq <= bad.seq ? local.firstBroken : { seq: bad.seq, reason };
    return { ...local, ok: false, firstBroken, witnesses: summary };
  }

  private async list(device: SyncDevice, afterSeq: number, limit: number) {
    const reply = await signedRequest(device, this.d.client(), {
      method: 'GET',
      path: '/v1/audit-witnesses',
      query: `afterSeq=${afterSeq}&limit=${limit}`,
    });
    this.d.contact(reply);
    const parsed = reply.status === 200 ? auditWitnessListSchema.safeParse(reply.body) : null;
    return parsed?.success ? parsed.data : null;
  }
}
