// The gateway's periodic 问题处理 job: tickets whose response deadline passed unanswered are escalated to the
// district/city supervisor (escalated_at set once, audited, sent in the feed), and cases whose mailed originals
// (原件留存待寄递) were not confirmed within TONGBAN_GW_ORIGINALS_DAYS working days get a 原件未到 ticket.
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type pg from 'pg';
import { dueInstant } from '@tongban/protocol/calendar/deadlines';
import { audit } from '../audit';
import { withTransaction } from '../db/pool';
import { insertTicket, ticketChanged, type TicketClock } from './repo';

/** Who opens the automatic 原件未到 tickets (case_tickets_originals_auto relies on it). */
export const SYSTEM_OPENER = 'system';

/** Escalates every open ticket past its deadline; returns how many. */
export async function escalateOverdue(pool: pg.Pool, now: Date): Promise<number> {
  return withTransaction(pool, async (db) => {
    const { rows } = await db.query<{ ticket_id: string; case_id: string; district: string; due_at: Date }>(
      `UPDATE case_tickets SET escalated_at = $1, version = version + 1
       WHERE status = 'open' AND closed_at IS NULL AND escalated_at IS NULL AND due_at <= $1
       RETURNING ticket_id, case_id, district, due_at`,
      [now],
    );
    for (const r of rows) {
      await ticketChanged(db, r.ticket_id, r.district);
      await audit(db, {
        actor: SYSTEM_OPENER,
        action: 'ticket.escalated',
        target: `case:${r.case_id}`,
        details: { ticketId: r.ticket_id, district: r.district, dueAt: r.due_at.toISOString() },
      });
    }
    return rows.length;
  });
}

/** Opens a 原件未到 ticket for each case whose originals are overdue; returns how many. */
export async function openMissingOriginals(pool: pg.Pool, clock: TicketClock): Promise<number> {
  const now = clock.now();
  // Calendar days ≥ working days: a cheap first cut, then the working-day count decides.
  const { rows } = await pool.query<{ case_id: string; received_at: Date }>(
    `SELECT c.case_id, c.received_at FROM cases c
     WHERE c.complete_at IS NOT NULL AND c.received_at <= $1::timestamptz - make_interval(days => $2)
       AND jsonb_path_exists(c.manifest, '$.materials[*] ? (@.handling == "kept-to-mail")')
       AND NOT EXISTS (SELECT 1 FROM case_originals o WHERE o.case_id = c.case_id)
       AND NOT EXISTS (SELECT 1 FROM case_tickets t WHERE t.case_id = c.case_id AND t.category = 'originals-missing')
     ORDER BY c.received_at LIMIT 500`,
    [now, clock.policy.originalsDays],
  );
  let opened = 0;
  for (const r of rows) {
    if (Date.parse(dueInstant(r.received_at, clock.policy.originalsDays, clock.calendar)) > now.getTime()) continue;
    const done = await withTransaction(pool, async (db) => {
      const { rows: c } = await db.query<{ district: string; department_id: string }>(
        `SELECT district, department_id FROM cases WHERE case_id = $1 FOR NO KEY UPDATE`,
        [r.case_id],
      );
      const { rows: taken } = await db.query(
        `SELECT 1 FROM case_tickets WHERE case_id = $1 AND category = 'originals-missing'
         UNION ALL SELECT 1 FROM case_originals WHERE case_id = $1`,
        [r.case_id],
      );
      const kase = c[0];
      if (!kase || taken.length > 0) return false;
      const ticketId = randomUUID();
      await insertTicket(db, clock, {
        ticketId,
        caseId: r.case_id,
        district: kase.district,
        departmentId: kase.department_id,
        category: 'originals-missing',
        side: 'department',
        by: SYSTEM_OPENER,
        body: `窗口寄递的纸质原件在受理后 ${clock.policy.originalsDays} 个工作日内仍未确认收到，请窗口核实寄递情况（EMS 运单号、寄出时间）。`,
        manifestHash: null,
      });
      await audit(db, {
        actor: SYSTEM_OPENER,
        action: 'ticket.opened',
        target: `case:${r.case_id}`,
        details: { ticketId, category: 'originals-missing', side: 'department', automatic: true },
      });
      return true;
    });
    if (done) opened++;
  }
  return opened;
}

/** Both checks once. */
export async function runTicketWatch(
  pool: pg.Pool,
  clock: TicketClock,
): Promise<{ escalated: number; originals: number }> {
  const originals = await openMissingOriginals(pool, clock);
  const escalated = await escalateOverdue(pool, clock.now());
  return { escalated, originals };
}

/** Runs the watch every `everyMs` (default 10 min); `stop` waits for a run in progress. */
export function scheduleTicketWatch(
  pool: pg.Pool,
  clock: TicketClock,
  log: FastifyBaseLogger,
  everyMs = 10 * 60_000,
): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  let stopped = false;
  const run = () => {
    if (running || stopped) return;
    running = runTicketWatch(pool, clock)
      .then((n) => {
        if (n.escalated + n.originals > 0) log.info({ tickets: n }, 'ticket watch');
      })
      .catch((err: unknown) => log.error({ err }, 'ticket watch failed'))
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(run, Math.min(5_000, everyMs));
  const timer = setInterval(run, everyMs);
  first.unref();
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
