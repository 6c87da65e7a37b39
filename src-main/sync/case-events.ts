// The window's steps of a case sent to the gateway for its 全程记录 (decision 0205; protocol:
// packages/protocol/src/sync/case-events.ts). A trigger marks every case whose audit rows grew
// (case_event_push.last_seq); after a round in which the gateway answered, the events of cases the gateway
// holds (a department number is known) are sent in sequence order, only the listed actions and detail keys.
// The gateway keys them by (device, sequence): a resend after a lost reply stores nothing twice.
import type Database from 'better-sqlite3-multiple-ciphers';
import { canonicalJson } from '@tongban/protocol/canonical-json';
import {
  CASE_EVENTS_PUSH_MAX,
  WINDOW_CASE_EVENT_LABELS_ZH,
  caseEventDetails,
  caseEventsPushResponseSchema,
  type WindowCaseEvent,
} from '@tongban/protocol/sync/case-events';
import { signedRequest, type ClientOptions, type GatewayReply } from './gateway-client';
import type { SyncDevice } from './sync-repo';

/** Cases looked at per round (each an index range read of its audit rows). */
const CASES_PER_ROUND = 50;

/** The queries of case_event_push and the audit rows it points at. */
export class CaseEventsRepo {
  constructor(private readonly db: Database.Database) {}

  /** The cases whose new audit rows wait, of those the gateway holds, with what was sent already. */
  waiting(limit = CASES_PER_ROUND): { caseId: string; pushedSeq: number; lastSeq: number }[] {
    return this.db
      .prepare<[number], { caseId: string; pushedSeq: number; lastSeq: number }>(
        `SELECT p.case_id AS caseId, p.pushed_seq AS pushedSeq, p.last_seq AS lastSeq
           FROM case_event_push p JOIN cases c ON c.case_id = p.case_id
          WHERE p.last_seq > p.pushed_seq AND c.department_no IS NOT NULL LIMIT ?`,
      )
      .all(limit);
  }

  /** The case's events after `afterSeq` (only the actions the protocol lists), oldest first. */
  events(caseId: string, afterSeq: number, uptoSeq: number): WindowCaseEvent[] {
    const rows = this.db
      .prepare<
        [string, number, number],
        {
          seq: number;
          hash: string;
          at: string;
          action: string;
          actor_name: string;
          name: string | null;
          details: string;
        }
      >(
        `SELECT a.seq, a.hash, a.at, a.action, a.actor_name, u.display_name AS name, a.details
           FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
          WHERE a.target = ? AND a.seq > ? AND a.seq <= ? ORDER BY a.seq`,
      )
      .all(`case:${caseId}`, afterSeq, uptoSeq);
    return rows
      .filter((r) => r.action in WINDOW_CASE_EVENT_LABELS_ZH)
      .map((r) => ({
        seq: r.seq,
        hash: r.hash,
        caseId,
        at: r.at,
        action: r.action,
        actor: (r.name ?? (r.actor_name === 'system' ? '系统' : r.actor_name)).slice(0, 50) || '系统',
        details: caseEventDetails(JSON.parse(r.details) as Record<string, unknown>),
      }));
  }

  /** Records that a case's events up to `seq` reached the gateway (or were left at the window). */
  markPushed(caseId: string, seq: number): void {
    this.db.prepare('UPDATE case_event_push SET pushed_seq = max(pushed_seq, ?) WHERE case_id = ?').run(seq, caseId);
  }
}

/**
 * Sends the waiting events of up to CASES_PER_ROUND cases, CASE_EVENTS_PUSH_MAX at most per request.
 * Never throws: what did not go is sent next round. Returns how many events the gateway acknowledged.
 */
export async function pushCaseEvents(
  repo: CaseEventsRepo,
  device: SyncDevice,
  client: ClientOptions,
  contact: (reply: GatewayReply) => void,
): Promise<number> {
  let sent = 0;
  let batch: WindowCaseEvent[] = [];
  let marks: { caseId: string; seq: number }[] = [];
  const flush = async (): Promise<boolean> => {
    if (batch.length) {
      const reply = await signedRequest(device, client, {
        method: 'POST',
        path: '/v1/case-events',
        body: Buffer.from(canonicalJson({ events: batch })),
      });
      contact(reply);
      // The gateway answers unknown cases too (it lost them: the daily reconcile sends them again); their
      // events are not retried every round.
      if (reply.status !== 200 || !caseEventsPushResponseSchema.safeParse(reply.body).success) return false;
      sent += batch.length;
    }
    for (const m of marks) repo.markPushed(m.caseId, m.seq);
    batch = [];
    marks = [];
    return true;
  };
  try {
    for (const w of repo.waiting()) {
      const events = w.pushedSeq < w.lastSeq ? repo.events(w.caseId, w.pushedSeq, w.lastSeq) : [];
      if (batch.length + events.length > CASE_EVENTS_PUSH_MAX && !(await flush())) return sent;
      // A case with more events than one request holds goes in slices (its mark follows each slice).
      for (let i = 0; i < events.length; i += CASE_EVENTS_PUSH_MAX) {
        const slice = events.slice(i, i + CASE_EVENTS_PUSH_MAX);
        if (i > 0 && !(await flush())) return sent;
        batch.push(...slice);
        const last = i + CASE_EVENTS_PUSH_MAX >= events.length ? w.lastSeq : (slice.at(-1)?.seq ?? w.lastSeq);
        marks.push({ caseId: w.caseId, seq: last });
      }
      if (events.length === 0) marks.push({ caseId: w.caseId, seq: w.lastSeq });
    }
    await flush();
  } catch {
    // Offline or refused: the marks stay, the same events go next round.
  }
  return sent;
}
