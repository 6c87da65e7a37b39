import { describe, expect, it } from 'vitest';
import { partsRefusal } from '../catalogue/bundle';
import { parseRouting, type Routing } from '../catalogue/routing';
import { parseCatalogue } from '../catalogue/schema';
import { catalogueFixture, matterFixture } from '../catalogue/test-fixtures';
import { jointCaseStatus, partsDue, type PartState } from './joint-parts';

const parts = (...statuses: [PartState['status'], number, boolean][]) =>
  statuses.map(([status, step, required]) => ({ status, step, required }));

describe('jointCaseStatus', () => {
  it('is 办结 only when every required part is, refused as soon as a required part is', () => {
    expect(jointCaseStatus(parts(['received', 1, true], ['waiting', 2, true]))).toBe('received');
    expect(jointCaseStatus(parts(['approved', 1, true], ['received', 2, true]))).toBe('reviewing');
    expect(jointCaseStatus(parts(['approved', 1, true], ['approved', 2, true]))).toBe('approved');
    expect(jointCaseStatus(parts(['approved', 1, true], ['received', 1, false]))).toBe('approved');
    expect(jointCaseStatus(parts(['reviewing', 1, true], ['rejected', 1, true]))).toBe('rejected');
    expect(jointCaseStatus(parts(['rejected', 1, false], ['reviewing', 1, true]))).toBe('reviewing');
    expect(jointCaseStatus(parts(['supplement-requested', 1, true], ['approved', 1, true]))).toBe(
      'supplement-requested',
    );
  });

  it('pushes the next step once every earlier part is decided and no required one was refused', () => {
    expect(partsDue(parts(['reviewing', 1, true], ['waiting', 2, true]))).toEqual([]);
    expect(partsDue(parts(['approved', 1, true], ['waiting', 2, true]))).toHaveLength(1);
    expect(partsDue(parts(['rejected', 1, false], ['approved', 1, true], ['waiting', 2, true]))).toHaveLength(1);
    expect(partsDue(parts(['rejected', 1, true], ['waiting', 2, true]))).toEqual([]);
    expect(partsDue(parts(['approved', 1, true], ['waiting', 2, true], ['waiting', 3, true]))).toMatchObject([
      { step: 2 },
    ]);
  });
});

const jointParts = [
  { code: 'HUKOU', name: '出生登记', departmentKind: 'public-security', step: 1, required: true },
  { code: 'MEDINS', name: '医保参保登记', departmentKind: 'medical-insurance', step: 2, required: true },
];

describe('catalogue jointParts', () => {
  it('are required exactly on 多地联办 matters, with unique kinds and steps from 1', () => {
    const errors = (extra: Record<string, unknown>) => {
      const r = parseCatalogue(catalogueFixture([matterFixture('CQ-KSTB-0043', '联办', extra)]));
      return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`);
    };
    expect(errors({ acceptanceMode: '多地联办', jointParts })).toEqual([]);
    expect(errors({ acceptanceMode: '多地联办' })).toEqual([
      'matters[0].jointParts: 多地联办 matters need jointParts (2 or more)',
    ]);
    expect(errors({ jointParts })).toEqual(['matters[0].jointParts: jointParts are only allowed on 多地联办 matters']);
    const gap = jointParts.map((p, i) => ({ ...p, step: i === 1 ? 3 : 1, departmentKind: 'hrss' }));
    expect(errors({ acceptanceMode: '多地联办', jointParts: gap })).toEqual([
      'matters[0].jointParts: jointParts must not repeat a departmentKind',
      'matters[0].jointParts: jointParts steps must start at 1 without gaps',
    ]);
  });
});

const route = (departmentId: string, gatewayDistrict = '510000') => ({
  departmentId,
  departmentName: departmentId,
  divisionCode: '510100',
  channel: 'online',
  gatewayDistrict,
  verified: false,
});
const routing = (() => {
  const r = parseRouting({
    schemaVersion: 1,
    routingVersion: '2026.12.1',
    publishedAt: '2026-12-01',
    note: 'fixture',
    departmentKinds: { 'public-security': { name: '公安部门' }, 'medical-insurance': { name: '医保部门' } },
    matters: { 'CQ-KSTB-0043': 'public-security' },
    rules: [
      { departmentKind: 'public-security', divisionCode: null, route: route('SC-CD-PSB') },
      { departmentKind: 'medical-insurance', divisionCode: null, route: route('SC-CD-MI') },
    ],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.routing;
})() satisfies Routing;

describe('partsRefusal', () => {
  const c = (departments: [string, string]) => ({
    matterCode: 'CQ-KSTB-0043',
    localityDivision: '510104',
    district: '510000',
    parts: jointParts.map((p, i) => ({ ...p, departmentId: departments[i] as string })),
  });
  it('accepts the catalogue parts at their routed departments and refuses anything else', () => {
    expect(partsRefusal(routing, jointParts, c(['SC-CD-PSB', 'SC-CD-MI']))).toBeNull();
    expect(partsRefusal(routing, jointParts, c(['SC-CD-PSB', 'SC-CD-HRSS']))).toBe(
      'part MEDINS for 510104 goes to SC-CD-MI, not SC-CD-HRSS',
    );
    expect(partsRefusal(routing, null, c(['SC-CD-PSB', 'SC-CD-MI']))).toContain('is not 多地联办');
    expect(partsRefusal(routing, jointParts, { ...c(['SC-CD-PSB', 'SC-CD-MI']), parts: undefined })).toBe(
      'matter CQ-KSTB-0043 has 2 parts',
    );
    expect(partsRefusal(routing, null, { ...c(['SC-CD-PSB', 'SC-CD-MI']), parts: undefined })).toBeNull();
  });
});
