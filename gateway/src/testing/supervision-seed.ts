// Cases with a chosen history for the supervision tests: the case row and its status events at given instants,
// so the triggers build case_facts and the rollup exactly as the department actions would.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';

/** One status event: [status, China wall-clock 'YYYY-MM-DD HH:mm', reason?]. */
export type SeedEvent = [status: string, at: string, reason?: string];

let seq = 0;

/** Inserts a case of `deviceId` with its events in order; returns its id and department number. */
export async function seedCase(
  pool: pg.Pool,
  c: {
    deviceId: string;
    district: string;
    matterCode: string;
    matterName?: string;
    promisedDays: number | null;
    departmentId?: string;
    events: SeedEvent[];
  },
): Promise<{ caseId: string; departmentNo: string }> {
  const caseId = randomUUID();
  const departmentNo = `KSTB-${c.district}-2026-T${String(++seq).padStart(5, '0')}`;
  const manifest = {
    caseId,
    matterCode: c.matterCode,
    matterName: c.matterName ?? c.matterCode,
    promisedDays: c.promisedDays,
    windowCode: `W${c.district}`,
  };
  const first = c.events[0]?.[1] ?? '2026-01-05 09:00';
  await pool.query(
    `INSERT INTO cases (case_id, manifest, manifest_hash, district, department_id, department_no, device_id, status,
                        case_version, received_at, complete_at)
     VALUES ($1, $2, repeat('0', 64), $3, $4, $5, $6, $7, $8, ($9::timestamp AT TIME ZONE 'Asia/Shanghai'),
             ($9::timestamp AT TIME ZONE 'Asia/Shanghai'))`,
    [
      caseId,
      JSON.stringify(manifest),
      c.district,
      c.departmentId ?? 'CQ-HRSS',
      departmentNo,
      c.deviceId,
      c.events.at(-1)?.[0] ?? 'received',
      c.events.length,
      first,
    ],
  );
  let version = 0;
  for (const [status, at, reason] of c.events) {
    await pool.query(
      `INSERT INTO status_events (case_id, district, case_version, status, reason, actor, at)
       VALUES ($1, $2, $3, $4, $5, 'test', ($6::timestamp AT TIME ZONE 'Asia/Shanghai'))`,
      [caseId, c.district, ++version, status, reason ?? null, at],
    );
  }
  return { caseId, departmentNo };
}

/** A rating of a case (and its 差评 follow-up with `followUpDue` when given). */
export async function seedRating(
  pool: pg.Pool,
  caseId: string,
  deviceId: string,
  level: number,
  followUpDue?: string,
): Promise<void> {
  const ratingId = randomUUID();
  await pool.query(
    `INSERT INTO ratings (rating_id, case_id, manifest, manifest_hash, level, device_id)
     VALUES ($1, $2, '{}', repeat('0', 64), $3, $4)`,
    [ratingId, caseId, level, deviceId],
  );
  if (followUpDue)
    await pool.query(
      `INSERT INTO follow_ups (follow_up_id, case_id, rating_id, manifest, manifest_hash, due_date, device_id)
       VALUES ($1, $2, $3, '{}', repeat('0', 64), $4, $5)`,
      [randomUUID(), caseId, ratingId, followUpDue, deviceId],
    );
}

/** A problem ticket on a case (as the tickets code writes them). */
export async function seedTicket(
  pool: pg.Pool,
  t: { caseId: string; district: string; departmentId?: string; category?: string; openedAt: string; dueAt: string },
): Promise<string> {
  const ticketId = randomUUID();
  await pool.query(
    `INSERT INTO case_tickets (ticket_id, case_id, district, department_id, category, opened_by_side, opened_by, body,
                               opened_at, due_at)
     VALUES ($1, $2, $3, $4, $5, 'department', 'reviewer', '原件未收到',
             ($6::timestamp AT TIME ZONE 'Asia/Shanghai'), ($7::timestamp AT TIME ZONE 'Asia/Shanghai'))`,
    [
      ticketId,
      t.caseId,
      t.district,
      t.departmentId ?? 'CQ-HRSS',
      t.category ?? 'originals-missing',
      t.openedAt,
      t.dueAt,
    ],
  );
  return ticketId;
}
