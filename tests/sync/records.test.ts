// 好差评 records on real parts: a window app on a real SQLite file and the gateway on a real
// PostgreSQL. A rating and its follow-up steps are queued in the transaction that records them,
// reach the gateway once, after their case, and the steps arrive in order.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueEnrolmentCode } from '../../gateway/src/devices/repo';
import { startTestGateway, type TestGateway } from '../../gateway/src/testing/harness';
import { createUser, initialised, testApp, type TestApp } from '../../src-main/testing/test-app';
import type { CommandInput } from '@common/contract';
import { callOk } from '../../src-main/testing/call';
import { reconcileDelivered } from '../../src-main/sync/reconcile';
import { acceptReadyCase, forgetAtGateway } from './window';

let gw: TestGateway;
let app: TestApp;
let admin: string;
const CLERK = 'clerk';
const SUP = 'sup';
const SCREEN = 'rating-screen';

beforeAll(async () => {
  gw = await startTestGateway();
  app = await testApp();
  admin = await initialised(app);
  await createUser(app, admin, 'clerk1', 'clerk');
  await createUser(app, admin, 'sup1', 'supervisor');
  for (const [caller, username] of [
    [CLERK, 'clerk1'],
    [SUP, 'sup1'],
  ] as const)
    await app.call(caller, 'auth:login', { username, password: 'Passw0rd!' }, 0);
  const { code } = await issueEnrolmentCode(gw.pool, '50010112', '500101', 1);
  expect(await app.call(admin, 'sync:configure', { gatewayUrl: gw.url, code }, 0)).toMatchObject({ ok: true });
  await app.services.sync.syncNow();
}, 120_000);

afterAll(async () => {
  await app?.services.sync.engine.stop();
  await app?.services.printing.close();
  app?.dispose();
  await gw?.close();
});

/** Accepts a case and has the applicant give it `level` on the customer screen (real name). */
async function ratedCase(
  level: CommandInput<'ratings:submit'>['level'],
): Promise<{ caseId: string; ratingId: string }> {
  const { caseId } = await acceptReadyCase(app, CLERK);
  const { ticket } = await callOk(app, CLERK, 'ratings:open', { caseId });
  const { ratingId } = await callOk(app, SCREEN, 'ratings:submit', {
    ticket,
    level,
    indicators: ['attitude'],
    comment: '等太久了',
    realName: true,
    contact: { name: '王小明', phone: '13800138000' },
  });
  return { caseId, ratingId };
}

const outbox = (caseId: string) =>
  app.services.db
    .prepare<[string], { kind: string; ref: string | null; state: string }>(
      'SELECT kind, ref, state FROM outbox WHERE case_id = ? ORDER BY id',
    )
    .all(caseId);

const offline = () => {
  const device = app.services.sync.repo.device()!;
  app.services.sync.repo.saveDevice({ ...device, gatewayUrl: 'http://127.0.0.1:9' });
  return () => app.services.sync.repo.saveDevice({ ...app.services.sync.repo.device()!, gatewayUrl: gw.url });
};

async function followUpOf(caseId: string): Promise<string> {
  return app.services.db
    .prepare<[string], { follow_up_id: string }>('SELECT follow_up_id FROM follow_ups WHERE case_id = ?')
    .get(caseId)!.follow_up_id;
}

type RecordInput = CommandInput<'followups:record'>;
const step = (followUpId: string, s: RecordInput['step'], extra: Partial<RecordInput> = {}) =>
  callOk(app, SUP, 'followups:record', { followUpId, step: s, note: `${s} 已完成`, ...extra });

describe('好差评 records ⇄ gateway', () => {
  it('queues the rating and its follow-up in the transaction that records them (a failed queue keeps nothing)', async () => {
    const { caseId } = await acceptReadyCase(app, CLERK);
    const { ticket } = await callOk(app, CLERK, 'ratings:open', { caseId });
    // Make the outbox insert fail: the rating must not be stored without it.
    app.services.db.exec(
      "CREATE TEMP TRIGGER refuse_rating_outbox BEFORE INSERT ON outbox WHEN NEW.kind = 'rating' BEGIN SELECT RAISE(ABORT, 'outbox refused'); END",
    );
    const refused = await app.call(
      SCREEN,
      'ratings:submit',
      { ticket, level: 1, indicators: [], comment: '', realName: false, contact: null },
      100,
    );
    app.services.db.exec('DROP TRIGGER refuse_rating_outbox');
    expect(refused.ok).toBe(false);
    expect(app.services.db.prepare('SELECT count(*) AS n FROM ratings WHERE case_id = ?').get(caseId)).toEqual({
      n: 0,
    });
    expect(app.services.db.prepare('SELECT count(*) AS n FROM follow_ups WHERE case_id = ?').get(caseId)).toEqual({
      n: 0,
    });
    expect(outbox(caseId).map((o) => o.kind)).toEqual(['case', 'attachment']);

    const { ticket: again } = await callOk(app, CLERK, 'ratings:open', { caseId });
    const { ratingId } = await callOk(app, SCREEN, 'ratings:submit', {
      ticket: again,
      level: 1,
      indicators: [],
      comment: '',
      realName: false,
      contact: null,
    });
    const followUpId = await followUpOf(caseId);
    expect(outbox(caseId)).toEqual([
      expect.objectContaining({ kind: 'case' }),
      expect.objectContaining({ kind: 'attachment' }),
      { kind: 'rating', ref: ratingId, state: 'pending' },
      { kind: 'follow-up', ref: followUpId, state: 'pending' },
    ]);
    await app.services.sync.syncNow();
    expect(outbox(caseId).every((o) => o.state === 'done')).toBe(true);
  });

  it('a 差评 recorded offline, with two steps, reaches the gateway once, after the case; the steps arrive in order', async () => {
    const back = offline();
    const { caseId, ratingId } = await ratedCase(2);
    const followUpId = await followUpOf(caseId);
    await step(followUpId, 'callback', { contacted: true });
    await step(followUpId, 'verify', { finding: 'partly' });
    await app.services.sync.syncNow();
    expect(await gw.count(`cases WHERE case_id = '${caseId}'`)).toBe(0);
    expect(outbox(caseId).map((o) => `${o.kind}:${o.state}`)).toEqual([
      'case:pending',
      'attachment:pending',
      'rating:pending',
      'follow-up:pending',
      'follow-up-step:pending',
      'follow-up-step:pending',
    ]);
    // The bar (and the close dialog) count the case, and the four records beside it.
    expect(app.services.sync.statusView()).toMatchObject({ pending: 1, pendingRecords: 4 });

    back();
    await app.services.sync.syncNow();
    const { rows } = await gw.pool.query<{ kind: string; received_at: Date }>(
      `SELECT 'case' AS kind, received_at FROM cases WHERE case_id = $1
       UNION ALL SELECT 'rating', received_at FROM ratings WHERE case_id = $1
       UNION ALL SELECT 'follow-up', received_at FROM follow_ups WHERE case_id = $1
       UNION ALL SELECT step, received_at FROM follow_up_steps WHERE case_id = $1
       ORDER BY received_at`,
      [caseId],
    );
    expect(rows.map((r) => r.kind)).toEqual(['case', 'rating', 'follow-up', 'callback', 'verify']);
    const stored = await gw.pool.query<{
      rating_id: string;
      level: number;
      manifest: { contact: unknown; clerkId: number };
    }>('SELECT rating_id, level, manifest FROM ratings WHERE case_id = $1', [caseId]);
    expect(stored.rows).toEqual([expect.objectContaining({ rating_id: ratingId, level: 2 })]);
    expect(stored.rows[0]?.manifest.contact).toEqual({ name: '王小明', phone: '13800138000' });
    expect(
      app.services.db.prepare('SELECT synced_at IS NOT NULL AS synced FROM ratings WHERE rating_id = ?').get(ratingId),
    ).toEqual({ synced: 1 });
    expect(app.services.sync.statusView()).toMatchObject({ pending: 0, pendingRecords: 0 });
    // The case shows 已送达 as before; the records did not move it.
    expect(await callOk(app, CLERK, 'cases:get', { caseId })).toMatchObject({ syncState: 'delivered' });

    // The last two steps, online; another round sends nothing again.
    await step(followUpId, 'rectify');
    await step(followUpId, 'feedback');
    await app.services.sync.syncNow();
    await app.services.sync.syncNow();
    const steps = await gw.pool.query<{ step: string; ordinal: number }>(
      'SELECT step, ordinal FROM follow_up_steps WHERE follow_up_id = $1 ORDER BY received_at',
      [followUpId],
    );
    expect(steps.rows).toEqual([
      { step: 'callback', ordinal: 1 },
      { step: 'verify', ordinal: 2 },
      { step: 'rectify', ordinal: 3 },
      { step: 'feedback', ordinal: 4 },
    ]);
    expect(await gw.count(`ratings WHERE case_id = '${caseId}'`)).toBe(1);
    expect(await gw.count(`follow_ups WHERE case_id = '${caseId}'`)).toBe(1);
    // The log never holds the rater's contact.
    const log = join(app.dataDir, 'logs', 'main.log');
    expect(existsSync(log) ? readFileSync(log, 'utf8') : '').not.toContain('13800138000');
  });

  it('a rating the gateway answers with 404 (it lost the case) puts the case push back in line first, then arrives', async () => {
    const back = offline();
    const { caseId } = await acceptReadyCase(app, CLERK);
    // As if the case had been delivered to a gateway that was later restored from an older backup.
    app.services.db.prepare("UPDATE outbox SET state = 'done' WHERE case_id = ?").run(caseId);
    back();
    const { ratingId } = await ratedCase(5).then(async (other) => {
      await app.services.sync.syncNow();
      expect(outbox(other.caseId).every((o) => o.state === 'done')).toBe(true);
      const { ticket } = await callOk(app, CLERK, 'ratings:open', { caseId });
      return callOk(app, SCREEN, 'ratings:submit', {
        ticket,
        level: 4,
        indicators: [],
        comment: '',
        realName: false,
        contact: null,
      });
    });
    // The rating's 404 puts the case back in line: it goes again in the same round (its file too, reported missing).
    await app.services.sync.syncNow();
    expect(outbox(caseId).map((o) => `${o.kind}:${o.state}`)).toEqual([
      'case:done',
      'attachment:done',
      'rating:pending',
    ]);
    // A rating waiting behind a delivered case is not a case waiting to be sent (the bar and the closing question count cases).
    expect(app.services.sync.statusView()).toMatchObject({ pending: 0 });
    expect(await gw.count(`cases WHERE case_id = '${caseId}'`)).toBe(1);
    expect(await gw.count(`ratings WHERE case_id = '${caseId}'`)).toBe(0);
    app.clock.advanceMinutes(1); // the rating's retry falls due
    await app.services.sync.syncNow();
    expect(outbox(caseId).every((o) => o.state === 'done')).toBe(true);
    expect(await gw.count(`ratings WHERE rating_id = '${ratingId}'`)).toBe(1);
    expect(await gw.count(`attachment_slots WHERE case_id = '${caseId}' AND verified_at IS NOT NULL`)).toBe(1);
  });

  it('the ratings of a case the gateway refuses fail with it: they are not left waiting for ever', async () => {
    const back = offline();
    const { caseId } = await ratedCase(1);
    await followUpOf(caseId);
    app.services.db.prepare("UPDATE cases SET department_id = '' WHERE case_id = ?").run(caseId); // the gateway will refuse the manifest
    back();
    await app.services.sync.syncNow();
    expect(outbox(caseId).map((o) => `${o.kind}:${o.state}`)).toEqual([
      'case:failed',
      'attachment:failed',
      'rating:failed',
      'follow-up:failed',
    ]);
    expect(app.services.sync.statusView()).toMatchObject({ pendingRecords: 0 });
  });

  it('a gateway restored from an older backup lost two delivered cases: the reconcile of the next day sends them again, with their files and rating', async () => {
    const rated = await ratedCase(5);
    const plain = await acceptReadyCase(app, CLERK);
    const kept = await acceptReadyCase(app, CLERK);
    await app.services.sync.syncNow();
    const deptNo = async (caseId: string) =>
      (await gw.pool.query<{ department_no: string }>('SELECT department_no FROM cases WHERE case_id = $1', [caseId]))
        .rows[0]?.department_no;
    const keptNo = await deptNo(kept.caseId);
    expect(keptNo).toBeTruthy();
    await forgetAtGateway(gw.pool, rated.caseId);
    await forgetAtGateway(gw.pool, plain.caseId);

    // Checked once a day: later rounds of the same day do not ask again.
    await app.services.sync.syncNow();
    expect(await gw.count(`cases WHERE case_id IN ('${rated.caseId}', '${plain.caseId}')`)).toBe(0);

    app.clock.advanceMinutes(24 * 60);
    for (
      let i = 0;
      i < 5 &&
      (i === 0 || app.services.sync.statusView().pending > 0 || app.services.sync.statusView().pendingRecords > 0);
      i++
    )
      await app.services.sync.syncNow();
    for (const caseId of [rated.caseId, plain.caseId]) {
      expect(await gw.count(`cases WHERE case_id = '${caseId}' AND complete_at IS NOT NULL`), caseId).toBe(1);
      expect(await gw.count(`attachment_slots WHERE case_id = '${caseId}' AND verified_at IS NOT NULL`), caseId).toBe(
        1,
      );
      // (a day later the clerk's screen is locked: read the row itself)
      expect(
        app.services.db.prepare('SELECT sync_state, department_no FROM cases WHERE case_id = ?').get(caseId),
      ).toEqual({ sync_state: 'delivered', department_no: await deptNo(caseId) });
    }
    expect(await gw.count(`ratings WHERE rating_id = '${rated.ratingId}'`)).toBe(1);
    expect(await deptNo(kept.caseId)).toBe(keptNo); // a case the gateway still holds is left alone
    // The window's manifest hashes are the gateway's: asked again, nothing is missing or different.
    const { intake, sync } = app.services;
    const again = await reconcileDelivered(
      {
        device: sync.repo.device()!,
        client: { timeoutMs: 10_000, now: () => app.clock.now },
        cases: intake.cases,
        attachments: intake.attachments,
        repo: sync.repo,
        hallDivision: '500101',
      },
      '2026-11-01',
    );
    expect(again).toEqual({ requeued: [], mismatched: [] });
    expect(sync.repo.deliveredSince('2026-11-01')).toEqual(
      expect.arrayContaining([rated.caseId, plain.caseId, kept.caseId]),
    );
    const audit = app.services.audit.list({ action: 'sync.reconcile-resend', limit: 5 });
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).toMatchObject({ count: 2 });
    expect((audit[0]?.details.caseIds as string[]).sort()).toEqual([rated.caseId, plain.caseId].sort());
  });
});
