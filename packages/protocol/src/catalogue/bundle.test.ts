import { describe, expect, it } from 'vitest';
import { catalogueSignedText, parseCatalogueBundle, routingRefusal, type CatalogueBundle } from './bundle';
import { diffCatalogues } from './diff';
import { catalogueFixture, matterFixture } from './test-fixtures';

const route = (departmentId: string, divisionCode: string, gatewayDistrict = divisionCode) => ({
  departmentId,
  departmentName: departmentId,
  divisionCode,
  channel: 'online',
  gatewayDistrict,
  verified: false,
});
const routingDoc = (extra: Record<string, unknown> = {}) => ({
  schemaVersion: 1,
  routingVersion: '2026.11.1',
  publishedAt: '2026-11-29',
  note: 'fixture',
  departmentKinds: { hrss: { name: '人社部门' } },
  departments: {
    'DEFAULT-HRSS': { name: '默认人社', province: '000000', level: '国家级', verified: false },
    'SC-HRSS': { name: '四川省人社厅', province: '510000', level: '省级', verified: false },
  },
  matters: { 'CQ-KSTB-0001': 'hrss', 'CQ-KSTB-0002': 'hrss' },
  rules: [
    { departmentKind: 'hrss', divisionCode: null, route: route('DEFAULT-HRSS', '000000') },
    { departmentKind: 'hrss', divisionCode: '510000', route: route('SC-HRSS', '510000') },
  ],
  ...extra,
});
const bundleJson = () => ({
  catalogue: catalogueFixture([matterFixture('CQ-KSTB-0001', '甲'), matterFixture('CQ-KSTB-0002', '乙')]),
  routing: routingDoc(),
});
const parsed = (json: unknown): CatalogueBundle => {
  const r = parseCatalogueBundle(json);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.bundle;
};

describe('parseCatalogueBundle', () => {
  it('reports every error of both files with its path, and coverage and version errors', () => {
    const json = bundleJson();
    (json.catalogue.matters as Record<string, unknown>[])[1]!.promisedDays = 'x';
    const routing = json.routing as Record<string, unknown>;
    routing.matters = { 'CQ-KSTB-0001': 'hrss', 'CQ-KSTB-0003': 'nope' };
    const result = parseCatalogueBundle({ ...json, other: true });
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual([
      'other',
      'catalogue.matters[1].promisedDays',
      'routing.matters.CQ-KSTB-0003',
    ]);
    const stale = parseCatalogueBundle(bundleJson(), '2026.11.1');
    expect(stale.ok ? [] : stale.errors).toEqual([
      { path: 'catalogue.catalogueVersion', message: 'version 2026.11.1 is not newer than the published 2026.11.1' },
    ]);
    expect(parseCatalogueBundle(bundleJson(), '2026.10.3').ok).toBe(true);
    expect(parseCatalogueBundle([]).ok).toBe(false);
  });
});

describe('signed text', () => {
  it('does not depend on key order, and changes with any value', () => {
    const v = { version: '2026.11.1', publishedAt: '2026-11-29T00:00:00.000Z', ...bundleJson() };
    const reordered = { routing: v.routing, catalogue: v.catalogue, publishedAt: v.publishedAt, version: v.version };
    expect(catalogueSignedText(reordered)).toBe(catalogueSignedText(v));
    expect(catalogueSignedText(v).startsWith('tongban-catalogue-version-v1\n')).toBe(true);
    expect(catalogueSignedText({ ...v, routing: routingDoc({ note: '改' }) })).not.toBe(catalogueSignedText(v));
  });
});

describe('diffCatalogues', () => {
  it('lists matters added, removed and changed with their elements, and department and rule changes', () => {
    const before = parsed(bundleJson());
    const json = bundleJson();
    json.catalogue.catalogueVersion = '2026.12.1';
    const matters = json.catalogue.matters as Record<string, unknown>[];
    matters[0]!.promisedDays = 3;
    (matters[0]!.situations as Record<string, unknown>[])[0]!.name = '改名';
    matters.splice(1, 1, matterFixture('CQ-KSTB-0003', '丙'));
    const routing = routingDoc({ matters: { 'CQ-KSTB-0001': 'hrss', 'CQ-KSTB-0003': 'hrss' } });
    (routing.departments['SC-HRSS'] as Record<string, unknown>).court = '成都铁路运输法院';
    routing.rules[1]!.route = route('SC-HRSS', '510000', '000000');
    const diff = diffCatalogues(before, parsed({ catalogue: json.catalogue, routing }));
    expect(diff).toEqual({
      fromVersion: '2026.11.1',
      toVersion: '2026.12.1',
      added: [{ code: 'CQ-KSTB-0003', name: '丙' }],
      removed: [{ code: 'CQ-KSTB-0002', name: '乙' }],
      changed: [{ code: 'CQ-KSTB-0001', name: '甲', fields: ['promisedDays', 'situations:DEFAULT:name'] }],
      departments: { added: [], removed: [], changed: [{ id: 'SC-HRSS', fields: ['court'] }] },
      rules: { added: 0, removed: 0, changed: 1 },
    });
  });
});

describe('routingRefusal', () => {
  it('allows only the routed department on its partition', () => {
    const { routing } = parsed(bundleJson());
    const c = { matterCode: 'CQ-KSTB-0001', localityDivision: '510104', departmentId: 'SC-HRSS', district: '510000' };
    expect(routingRefusal(routing, c)).toBeNull();
    expect(routingRefusal(routing, { ...c, departmentId: 'DEFAULT-HRSS' })).toMatch(/goes to SC-HRSS/);
    expect(routingRefusal(routing, { ...c, district: '500000' })).toMatch(/partition 510000/);
    expect(routingRefusal(routing, { ...c, matterCode: 'CQ-KSTB-0009' })).toMatch(/no route/);
  });
});
