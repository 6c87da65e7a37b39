import { describe, expect, it } from 'vitest';
import { parseRouting, resolveRoute, routingCoverageErrors, type Routing } from './routing';

const route = (departmentId: string, divisionCode: string, gatewayDistrict = divisionCode) => ({
  departmentId,
  departmentName: departmentId,
  divisionCode,
  channel: 'online',
  gatewayDistrict,
  verified: false,
});
const doc = {
  schemaVersion: 1,
  routingVersion: '2026.11.1',
  publishedAt: '2026-11-29',
  note: 'fixture',
  departmentKinds: { 'public-security': { name: '公安部门' }, hrss: { name: '人社部门' } },
  matters: { 'CQ-KSTB-0005': 'public-security', 'CQ-KSTB-0019': 'public-security', 'CQ-KSTB-0001': 'hrss' },
  rules: [
    { departmentKind: 'public-security', divisionCode: null, route: route('DEFAULT-PSB', '000000') },
    { departmentKind: 'public-security', divisionCode: '510000', route: route('SC-PSB', '510000') },
    { departmentKind: 'public-security', divisionCode: '510100', route: route('SC-CD-PSB', '510100', '510000') },
    { departmentKind: 'public-security', divisionCode: '510116', route: route('SC-CD-SL-PSB', '510116', '510000') },
    {
      departmentKind: 'public-security',
      matterCode: 'CQ-KSTB-0019',
      divisionCode: '510000',
      route: route('SC-PSB-CERT', '510000'),
    },
    { departmentKind: 'hrss', divisionCode: null, route: route('DEFAULT-HRSS', '000000') },
  ],
};

function routing(): Routing {
  const result = parseRouting(doc);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.routing;
}

describe('resolveRoute', () => {
  it('prefers county > city > province > default', () => {
    const r = routing();
    expect(resolveRoute(r, 'CQ-KSTB-0005', '510116')).toMatchObject({
      departmentId: 'SC-CD-SL-PSB',
      matchedLevel: 'county',
    });
    expect(resolveRoute(r, 'CQ-KSTB-0005', '510104')).toMatchObject({
      departmentId: 'SC-CD-PSB',
      matchedLevel: 'city',
      gatewayDistrict: '510000',
    });
    expect(resolveRoute(r, 'CQ-KSTB-0005', '511302')).toMatchObject({
      departmentId: 'SC-PSB',
      matchedLevel: 'province',
    });
    expect(resolveRoute(r, 'CQ-KSTB-0005', '510000')).toMatchObject({
      departmentId: 'SC-PSB',
      matchedLevel: 'province',
    });
    expect(resolveRoute(r, 'CQ-KSTB-0005', '650102')).toMatchObject({
      departmentId: 'DEFAULT-PSB',
      matchedLevel: 'default',
      ruleDivisionCode: null,
    });
  });

  it('lets a matter-specific rule win at the same level only', () => {
    const r = routing();
    expect(resolveRoute(r, 'CQ-KSTB-0019', '511302')).toMatchObject({
      departmentId: 'SC-PSB-CERT',
      matterSpecific: true,
    });
    expect(resolveRoute(r, 'CQ-KSTB-0019', '510116')).toMatchObject({
      departmentId: 'SC-CD-SL-PSB',
      matterSpecific: false,
    });
  });

  it('returns null for unknown matters and malformed codes', () => {
    const r = routing();
    expect(resolveRoute(r, 'CQ-KSTB-9999', '510116')).toBeNull();
    expect(resolveRoute(r, 'CQ-KSTB-0005', '51011')).toBeNull();
    expect(resolveRoute(r, 'CQ-KSTB-0005', '000000')).toBeNull();
  });
});

describe('parseRouting', () => {
  it('reports bad kinds, duplicates, mismatched matter rules and missing defaults', () => {
    const bad = JSON.parse(JSON.stringify(doc)) as Record<string, unknown> & {
      rules: unknown[];
      matters: Record<string, string>;
    };
    bad.matters['CQ-KSTB-0002'] = 'medical';
    bad.rules = [
      ...bad.rules.slice(1),
      { departmentKind: 'public-security', divisionCode: '510100', route: route('DUP', '510100') },
      { departmentKind: 'hrss', matterCode: 'CQ-KSTB-0005', divisionCode: '510000', route: route('X', '510000') },
      { departmentKind: 'hrss', divisionCode: '5100', route: { ...route('lower', '510000'), channel: 'fax' } },
    ];
    const result = parseRouting(bad);
    expect(result.ok).toBe(false);
    const paths = result.ok ? [] : result.errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'matters.CQ-KSTB-0002',
        'departmentKinds.public-security',
        'rules[5]',
        'rules[6].matterCode',
        'rules[7].divisionCode',
        'rules[7].route.departmentId',
        'rules[7].route.channel',
      ]),
    );
  });

  it('cross-checks coverage against catalogue matters', () => {
    const errors = routingCoverageErrors(routing(), [
      { code: 'CQ-KSTB-0005', department: '公安部门' },
      { code: 'CQ-KSTB-0001', department: '医保部门' },
      { code: 'CQ-KSTB-0777', department: '公安部门' },
    ]);
    expect(errors.map((e) => e.path)).toEqual(['matters.CQ-KSTB-0001', 'matters.CQ-KSTB-0777', 'matters.CQ-KSTB-0019']);
  });
});
