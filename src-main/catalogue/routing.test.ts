import { describe, expect, it } from 'vitest';
import { loadCatalogue, loadRouting } from './loaders';
import { RESOURCES_DIR } from './test-paths';

describe('shipped routing.json', async () => {
  const { catalogue } = await loadCatalogue(RESOURCES_DIR);
  const { routing, resolve } = await loadRouting(RESOURCES_DIR, catalogue);

  it('covers every catalogue matter and marks all routes unverified', () => {
    expect(Object.keys(routing.matters).sort()).toEqual(catalogue.matters.map((m) => m.code).sort());
    expect(routing.rules.every((r) => r.route.verified === false)).toBe(true);
  });

  it('routes every matter in the 西南 provinces and a few others, with a default', () => {
    for (const matter of catalogue.matters) {
      for (const county of ['510104', '520102', '530102', '540102', '440106', '330106', '110105']) {
        const route = resolve(matter.code, county);
        expect(route, `${matter.code} ${county}`).not.toBeNull();
        expect(route?.matchedLevel).not.toBe('default');
        expect(route?.gatewayDistrict).toBe(`${county.slice(0, 2)}0000`);
      }
      expect(resolve(matter.code, '650102')?.matchedLevel).toBe('default');
    }
  });

  it('resolves 户口迁移 county > city > province > default', () => {
    expect(resolve('CQ-KSTB-0005', '510116')).toMatchObject({
      departmentName: '成都市公安局双流区分局',
      matchedLevel: 'county',
    });
    expect(resolve('CQ-KSTB-0005', '510105')).toMatchObject({ departmentName: '成都市公安局', matchedLevel: 'city' });
    expect(resolve('CQ-KSTB-0005', '511302')).toMatchObject({
      departmentName: '四川省公安厅',
      matchedLevel: 'province',
    });
    expect(resolve('CQ-KSTB-0005', '650102')).toMatchObject({ departmentId: 'DEFAULT-PSB', matchedLevel: 'default' });
  });

  it('applies the matter-specific 社保卡 route only to that matter', () => {
    expect(resolve('CQ-KSTB-0001', '511302')).toMatchObject({ departmentId: 'SC-HRSS-CARD', matterSpecific: true });
    expect(resolve('CQ-KSTB-0003', '511302')).toMatchObject({ departmentId: 'SC-HRSS', matterSpecific: false });
  });
});
