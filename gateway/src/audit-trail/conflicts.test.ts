// 审计链冲突 for supervisors (decision 0206): a window whose audit row changed after the gateway witnessed it is
// listed with window, sequence, witnessed and reported hash and time; a supervisor of another district cannot see
// it; the resolution (note, who, when) is stored once and chained in the gateway's audit trail, and the conflict no
// longer counts as open.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSupervisor } from '../supervision/accounts';
import { Browser } from '../testing/browser';
import { startTestGateway, type TestGateway } from '../testing/harness';
import { verifyGatewayAudit } from './verify';
import { listWitnessConflicts } from './witnesses';

const PW = 'supervise 2026 ok';
let t: TestGateway;

beforeAll(async () => {
  t = await startTestGateway();
  await addSupervisor(t.pool, 'wz-sv', PW, 'district-supervisor', ['500101']);
  await addSupervisor(t.pool, 'other-sv', PW, 'district-supervisor', ['500102']);
});
afterAll(async () => t?.close());

describe('witness conflicts for supervisors', () => {
  it('lists, shows and records the resolution of a conflict, audited in the chain', async () => {
    const device = await t.device('500101', 'WZ07');
    const h = (c: string) => c.repeat(64);
    const push = (body: object) => device.request('POST', '/v1/audit-witnesses', { body });
    await push({ head: { seq: 12, hash: h('b') }, anchor: null });
    expect((await push({ head: { seq: 15, hash: h('c') }, anchor: { seq: 12, hash: h('d') } })).body).toMatchObject({
      conflicts: [{ seq: 12, kind: 'changed' }],
    });
    const [conflict] = await listWitnessConflicts(t.pool);
    const id = conflict?.id as number;

    const other = new Browser(t.url);
    await other.login('other-sv', PW);
    expect((await other.go('GET', '/dept/supervision/audit-conflicts')).html).toContain('没有审计链冲突');
    expect((await other.go('GET', `/dept/supervision/audit-conflicts/${id}`)).status).toBe(404);

    const b = new Browser(t.url);
    await b.login('wz-sv', PW);
    const list = await b.go('GET', '/dept/supervision/audit-conflicts');
    expect(list.status).toBe(200);
    expect(list.html).toContain('待处理冲突 1 条');
    expect(list.html).toMatch(/WZ07<\/td>\s*<td class="num">12<\/td><td>已见证的记录被改动/);
    const detail = await b.go('GET', `/dept/supervision/audit-conflicts/${id}`);
    expect(detail.html).toContain(h('b'));
    expect(detail.html).toContain(h('d'));
    expect(detail.html).toContain('待处理');

    const path = `/dept/supervision/audit-conflicts/${id}/resolve`;
    expect((await b.go('POST', path, { _csrf: b.csrf(detail.html), note: '  ' })).status).toBe(400);
    expect((await b.go('POST', path, { _csrf: 'wrong', note: 'x' })).status).toBe(403);
    expect((await other.go('POST', path, { _csrf: other.csrf(list.html), note: 'x' })).status).not.toBe(303);
    const note = '窗口电脑硬盘故障，按规程从 11 月 30 日备份恢复，见运维记录 2026-118';
    const done = await b.go('POST', path, { _csrf: b.csrf(detail.html), note });
    expect(done.status).toBe(303);
    // A second resolution changes nothing (the first one stands).
    await b.go('POST', path, { _csrf: b.csrf(detail.html), note: 'another note' });

    const after = await b.go('GET', `/dept/supervision/audit-conflicts/${id}`);
    expect(after.html).toContain(note);
    expect(after.html).toContain('已处理');
    expect(after.html).not.toContain('记录处理结果</button>');
    expect((await listWitnessConflicts(t.pool))[0]?.resolution).toMatchObject({ by: 'wz-sv', note });
    const chained = await t.pool.query<{ actor: string; target: string; details: Record<string, unknown> }>(
      "SELECT actor, target, details FROM gateway_audit WHERE action = 'window.audit-conflict-resolved'",
    );
    expect(chained.rows).toEqual([
      {
        actor: 'wz-sv',
        target: 'WZ07',
        details: { conflictId: id, deviceId: device.deviceId, seq: 12, kind: 'changed', note },
      },
    ]);
    expect((await verifyGatewayAudit(t.pool)).ok).toBe(true);
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    expect(metrics).toMatch(/^tongban_window_audit_conflicts 0$/m); // resolved: no longer open
  });
});
