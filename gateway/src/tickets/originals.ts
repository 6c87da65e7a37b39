// The 办理地 confirms receipt of the window's mailed originals (原件留存待寄递) in the system. Confirming closes
// an automatic 原件未到 ticket that is still open (the parcel arrived after all).
import type { CaseManifest } from '@tongban/protocol/sync/manifest';
import { audit } from '../audit';
import type { Queryable } from '../db/pool';
import { lockCase } from '../feed/events';
import { ticketChanged } from './repo';
import { SYSTEM_OPENER } from './watch';

/** A confirmation of the originals. */
export interface OriginalsReceipt {
  receivedAt: Date;
  confirmedBy: string;
  condition: 'intact' | 'damaged';
  note: string;
}

/** Whether a case has materials whose originals are mailed. */
export const mailsOriginals = (m: CaseManifest): boolean => m.materials.some((x) => x.handling === 'kept-to-mail');

/** The confirmation of a case's originals, or null. */
export async function caseOriginals(db: Queryable, caseId: string): Promise<OriginalsReceipt | null> {
  const { rows } = await db.query<{
    received_at: Date;
    confirmed_by: string;
    condition: 'intact' | 'damaged';
    note: string;
  }>('SELECT received_at, confirmed_by, condition, note FROM case_originals WHERE case_id = $1', [caseId]);
  const r = rows[0];
  return r ? { receivedAt: r.received_at, confirmedBy: r.confirmed_by, condition: r.condition, note: r.note } : null;
}

/** Records the receipt (once; audited); returns false when the case is not the department's or is confirmed. */
export async function confirmOriginals(
  db: Queryable,
  r: {
    caseId: string;
    departmentId: string;
    username: string;
    condition: 'intact' | 'damaged';
    note: string;
    now: Date;
  },
): Promise<'ok' | 'not-found' | 'already'> {
  const locked = await lockCase(db, r.caseId);
  if (!locked || locked.departmentId !== r.departmentId) return 'not-found';
  const inserted = await db.query(
    `INSERT INTO case_originals (case_id, received_at, confirmed_by, condition, note) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (case_id) DO NOTHING`,
    [r.caseId, r.now, r.username, r.condition, r.note],
  );
  if (inserted.rowCount === 0) return 'already';
  if (r.condition === 'intact') {
    const { rows } = await db.query<{ ticket_id: string }>(
      `UPDATE case_tickets SET status = 'closed', closed_at = $2, version = version + 1
       WHERE case_id = $1 AND category = 'originals-missing' AND opened_by = $3 AND closed_at IS NULL RETURNING ticket_id`,
      [r.caseId, r.now, SYSTEM_OPENER],
    );
    for (const t of rows) await ticketChanged(db, t.ticket_id, locked.district);
  }
  await audit(db, {
    actor: r.username,
    action: 'originals.confirmed',
    target: `case:${r.caseId}`,
    details: { condition: r.condition },
  });
  return 'ok';
}
