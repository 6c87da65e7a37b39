import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptCase, rejectCase, supervisorApp, type SupervisorTestApp } from '../testing/supervisor';
import { enqueueCaseWork, enqueueRecord } from './outbox';

let t: SupervisorTestApp;
beforeAll(async () => {
  t = await supervisorApp();
});
afterAll(() => t?.app.dispose());

const rows = (caseId: string) =>
  t.app.services.db.prepare('SELECT kind, ref, state FROM outbox WHERE case_id = ? ORDER BY id').all(caseId) as {
    kind: string;
    ref: string | null;
    state: string;
  }[];

describe('the outbox', () => {
  it('refuses to enqueue outside the caller’s transaction, writing nothing', async () => {
    const { caseId } = await acceptCase(t.app, t.clerk);
    const before = rows(caseId);
    expect(() => enqueueCaseWork(t.app.services.db, caseId, 'attachment', 'x', '2026-11-30T02:00:00Z')).toThrow(
      /transaction/,
    );
    expect(() => enqueueRecord(t.app.services.db, caseId, 'rating', 'r', '2026-11-30T02:00:00Z')).toThrow(
      /transaction/,
    );
    expect(rows(caseId)).toEqual(before);
  });

  it('enqueues with the caller’s transaction, and rolls back with it', async () => {
    const { caseId } = await acceptCase(t.app, t.clerk);
    const db = t.app.services.db;
    const at = '2026-11-30T02:00:00Z';
    expect(() =>
      db.transaction(() => {
        enqueueCaseWork(db, caseId, 'supplement', 's1', at);
        throw new Error('the caller fails');
      })(),
    ).toThrow('the caller fails');
    expect(rows(caseId).some((r) => r.ref === 's1')).toBe(false);
    db.transaction(() => enqueueCaseWork(db, caseId, 'supplement', 's1', at))();
    expect(rows(caseId).at(-1)).toEqual({ kind: 'supplement', ref: 's1', state: 'pending' });
  });

  it('queues records only for cases the gateway receives (受理 cases)', async () => {
    const db = t.app.services.db;
    const at = '2026-11-30T02:00:00Z';
    const accepted = await acceptCase(t.app, t.clerk);
    const refused = await rejectCase(t.app, t.clerk);
    expect(db.transaction(() => enqueueRecord(db, accepted.caseId, 'rating', 'r1', at))()).toBe(true);
    expect(db.transaction(() => enqueueRecord(db, refused.caseId, 'rating', 'r2', at))()).toBe(false);
    expect(rows(refused.caseId)).toEqual([]);
  });
});
