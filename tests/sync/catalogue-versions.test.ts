// 清单化管理 end to end: a version imported on the gateway (real PostgreSQL) reaches the window, a tampered one is
// refused, the diff is shown, the version is applied atomically and rolled back, a case keeps the version it was
// filed under, and a case pushed to a department the routing does not allow is refused and kept for correction.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCatalogueVersion } from '../../gateway/src/catalogue/repo';
import { issueEnrolmentCode } from '../../gateway/src/devices/repo';
import { startTestGateway, type TestGateway } from '../../gateway/src/testing/harness';
import { callErr, callOk } from '../../src-main/testing/call';
import { createUser, initialised, REPO_ROOT, testApp, type TestApp } from '../../src-main/testing/test-app';
import { acceptReadyCase } from './window';

type Json = Record<string, unknown>;
const shipped = () => ({
  catalogue: JSON.parse(readFileSync(join(REPO_ROOT, 'resources/catalogue/catalogue.json'), 'utf8')) as Json & {
    matters: Json[];
  },
  routing: JSON.parse(readFileSync(join(REPO_ROOT, 'resources/catalogue/routing.json'), 'utf8')) as Json & {
    matters: Record<string, string>;
  },
});
const SHIPPED_VERSION = shipped().catalogue.catalogueVersion as string;
/** The shipped version with its last part raised by one (2026.12.2 → 2026.12.3). */
const NEXT = SHIPPED_VERSION.replace(/\d+$/, (n) => String(Number(n) + 1));

/** The shipped files with 社会保障卡申领's promise shortened, and one matter added (a copy under a new code). */
function nextVersion() {
  const v = shipped();
  v.catalogue.catalogueVersion = NEXT;
  const card = v.catalogue.matters.find((m) => m.code === 'CQ-KSTB-0001') as Json;
  card.promisedDays = 3;
  v.catalogue.matters.push({ ...structuredClone(card), code: 'CQ-KSTB-0999', name: '社会保障卡换领（试点）' });
  v.routing.matters['CQ-KSTB-0999'] = v.routing.matters['CQ-KSTB-0001'] as string;
  return v;
}

let gw: TestGateway;
let app: TestApp;
let admin: string;
beforeAll(async () => {
  gw = await startTestGateway();
  app = await testApp();
  admin = await initialised(app);
  await createUser(app, admin, 'clerk1', 'clerk');
  await callOk(app, 'clerk', 'auth:login', { username: 'clerk1', password: 'Passw0rd!' });
  // 社会保障卡申领 for 成都市锦江区 goes to partition 510000.
  const { code } = await issueEnrolmentCode(gw.pool, '50010112', '510000', 1);
  await callOk(app, admin, 'sync:configure', { gatewayUrl: gw.url, code });
}, 120_000);
afterAll(async () => {
  await app?.shutdown();
  if (app) rmSync(app.dataDir, { recursive: true, force: true });
  await gw?.close();
});

describe('catalogue versions from the gateway', () => {
  it('fetches, refuses a tampered version, shows the diff, applies, keeps old cases on their version, rolls back', async () => {
    expect((await importCatalogueVersion(gw.pool, shipped(), 'test')).ok).toBe(true);
    const before = await acceptReadyCase(app, 'clerk');
    await app.services.sync.syncNow();
    expect((await callOk(app, admin, 'catalogue:check', {})).lastCheck?.outcome).toBe('current');
    expect(app.services.sync.statusView()).toMatchObject({ pending: 0 });

    expect((await importCatalogueVersion(gw.pool, nextVersion(), 'test')).ok).toBe(true);
    // Someone alters the stored version after it was signed: the window refuses it and stores nothing.
    await gw.pool.query(
      `UPDATE catalogue_versions SET routing = jsonb_set(routing, '{note}', '"改过"') WHERE version = $1`,
      [NEXT],
    );
    const refused = await callOk(app, admin, 'catalogue:check', {});
    expect(refused.lastCheck).toMatchObject({ outcome: 'refused', detail: 'signature-invalid' });
    expect(refused.available).toBeNull();
    expect(app.services.audit.list({ action: 'catalogue.refused', limit: 5 })).toHaveLength(1);
    await gw.pool.query(`UPDATE catalogue_versions SET routing = $2 WHERE version = $1`, [
      NEXT,
      JSON.stringify(nextVersion().routing),
    ]);

    const view = await callOk(app, admin, 'catalogue:check', {});
    expect(view.available?.version).toBe(NEXT);
    expect(view.available?.diff).toMatchObject({
      fromVersion: SHIPPED_VERSION,
      toVersion: NEXT,
      added: [{ code: 'CQ-KSTB-0999', name: '社会保障卡换领（试点）' }],
      removed: [],
      changed: [{ code: 'CQ-KSTB-0001', fields: ['promisedDays'] }],
    });
    expect(app.services.catalogue.version()).toBe(SHIPPED_VERSION); // fetched, not applied

    const progress: { done: number; total: number | null; phase: string; kind: string }[] = [];
    const stopProgress = app.services.events.subscribe((e) => {
      if (e.name === 'progress') progress.push(e.payload as (typeof progress)[number]);
    });
    const applied = await callOk(app, admin, 'catalogue:apply', { version: NEXT });
    stopProgress();
    // A bar with counts (no 取消: it commits in one transaction): first 0 of 4, last done 4 of 4, in order.
    expect(progress[0]).toMatchObject({ kind: 'catalogue', done: 0, total: 4, phase: 'running', cancellable: false });
    expect(progress.at(-1)).toMatchObject({ done: 4, total: 4, phase: 'done' });
    progress.forEach((p, i) => i > 0 && expect(p.done).toBeGreaterThanOrEqual(progress[i - 1]!.done));
    expect(applied.current).toMatchObject({ version: NEXT, source: 'gateway' });
    expect(applied.rollbackTo).toBe('shipped');
    expect(app.services.catalogue.findMatter('CQ-KSTB-0999')).toBeDefined();
    const after = await acceptReadyCase(app, 'clerk');
    await app.services.sync.syncNow();
    const filed = (id: string) => app.services.caseQueries.get(id)?.catalogueVersion;
    expect(filed(before.caseId)).toBe(SHIPPED_VERSION);
    expect(filed(after.caseId)).toBe(NEXT);
    // The earlier case is still read (and printed) as its own version says.
    expect(app.services.catalogue.at(SHIPPED_VERSION).findMatter('CQ-KSTB-0001')?.promisedDays).not.toBe(3);
    expect(app.services.catalogue.at(NEXT).findMatter('CQ-KSTB-0001')?.promisedDays).toBe(3);
    expect(app.services.sync.statusView()).toMatchObject({ pending: 0 });

    // A restart keeps the applied version in force (verified again with the pinned key).
    await app.shutdown();
    app = await testApp({ dataDir: app.dataDir });
    admin = 'admin-again';
    await callOk(app, admin, 'auth:login', { username: 'admin', password: 'Chongqing2026' });
    await callOk(app, 'clerk', 'auth:login', { username: 'clerk1', password: 'Passw0rd!' });
    expect(app.services.catalogue.version()).toBe(NEXT);

    const rolledBack = await callOk(app, admin, 'catalogue:rollback', {});
    expect(rolledBack.current).toMatchObject({ version: SHIPPED_VERSION, source: 'shipped' });
    expect(rolledBack.available).toBeNull(); // a rolled-back version is not offered again
    expect(rolledBack.rollbackTo).toBeNull();
    expect(rolledBack.history).toEqual([expect.objectContaining({ version: NEXT, state: 'rolled-back' })]);
    expect(app.services.catalogue.findMatter('CQ-KSTB-0999')).toBeUndefined();
    expect(filed(after.caseId)).toBe(NEXT);
    expect(app.services.audit.list({ action: 'catalogue.apply', limit: 5 })).toHaveLength(1);
    expect(app.services.audit.list({ action: 'catalogue.rollback', limit: 5 })[0]?.details).toEqual({
      from: NEXT,
      to: 'shipped',
    });
    // Nothing left to roll back; a counter clerk may not touch versions at all.
    expect((await callErr(app, admin, 'catalogue:rollback', {})).code).toBe('not-found');
    expect((await callErr(app, 'clerk', 'catalogue:apply', { version: NEXT })).code).toBe('forbidden');
  });

  it('a case pushed to a department the routing does not allow is refused once and kept for correction', async () => {
    const decision = await acceptReadyCase(app, 'clerk');
    app.services.db.prepare("UPDATE cases SET department_id = 'SC-PSB' WHERE case_id = ?").run(decision.caseId);
    await app.services.sync.syncNow();
    await app.services.sync.syncNow();
    const detail = app.services.caseQueries.get(decision.caseId);
    expect(detail).toMatchObject({ syncState: 'needs-attention', attentionReason: 'department-not-routed' });
    const ops = app.services.db
      .prepare("SELECT state, attempts FROM outbox WHERE case_id = ? AND kind = 'case'")
      .all(decision.caseId);
    expect(ops).toEqual([expect.objectContaining({ state: 'failed' })]);
    expect(await gw.count(`cases WHERE case_id = '${decision.caseId}'`)).toBe(0);

    // The clerk corrects it (issue #14 item 4): only a department the routing allows, once, audited.
    const { caseId } = decision;
    const view = await callOk(app, 'clerk', 'cases:reroute-options', { caseId });
    expect(view).toMatchObject({ departmentId: 'SC-PSB', refused: true });
    const allowed = view.options.map((o) => o.departmentId);
    expect(allowed.length).toBeGreaterThan(0);
    expect(allowed).not.toContain('SC-PSB');
    const refused = await callErr(app, 'clerk', 'cases:reroute', { caseId, departmentId: 'GD-PSB' });
    expect(refused).toMatchObject({ code: 'conflict', details: { reason: 'route-not-allowed' } });
    const fixed = await callOk(app, 'clerk', 'cases:reroute', { caseId, departmentId: allowed[0] as string });
    expect(fixed).toMatchObject({ departmentId: allowed[0], refused: false });
    // A second correction (a double click) finds nothing refused: the push is in line once.
    const again = await callErr(app, 'clerk', 'cases:reroute', { caseId, departmentId: allowed[0] as string });
    expect(again).toMatchObject({ code: 'conflict', details: { reason: 'not-refused-for-routing' } });
    await app.services.sync.syncNow();
    await app.services.sync.syncNow();
    expect(app.services.caseQueries.get(caseId)).toMatchObject({ syncState: 'delivered', departmentId: allowed[0] });
    expect(app.services.db.prepare("SELECT state FROM outbox WHERE case_id = ? AND kind = 'case'").all(caseId)).toEqual(
      [{ state: 'done' }],
    );
    const { rows } = await gw.pool.query<{ department_id: string }>(
      'SELECT department_id FROM cases WHERE case_id = $1',
      [caseId],
    );
    expect(rows).toEqual([{ department_id: allowed[0] }]);
    const audited = app.services.db
      .prepare("SELECT details FROM audit_log WHERE action = 'case.rerouted' AND target = ?")
      .all(`case:${caseId}`) as { details: string }[];
    expect(audited).toHaveLength(1);
    // The push and its photo's upload went back in line (the upload had been failed with the push).
    expect(JSON.parse(audited[0]?.details ?? '{}')).toMatchObject({ from: 'SC-PSB', to: allowed[0], requeued: 2 });
    expect(await gw.count(`attachment_slots WHERE case_id = '${caseId}' AND verified_at IS NOT NULL`)).toBe(1);
  });
});
