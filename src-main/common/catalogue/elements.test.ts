// 受理模式, guidance, 四级四同 elements and the department register: what the schema accepts and refuses.
import { describe, expect, it } from 'vitest';
import { parseRouting, resolveRoute } from '@tongban/protocol/catalogue/routing';
import { acceptanceModeOf, parseCatalogue, type Matter } from '@tongban/protocol/catalogue/schema';
import { catalogueFixture, matterFixture } from '@tongban/protocol/catalogue/test-fixtures';

const errorsOf = (extra: Record<string, unknown>) => {
  const result = parseCatalogue(catalogueFixture([matterFixture('CQ-KSTB-0001', '社会保障卡申领', extra)]));
  return result.ok ? [] : result.errors;
};

describe('matter elements (工作方案 二(二))', () => {
  it('accepts every element, and defaults the 受理模式 to 异地代收代办', () => {
    expect(
      errorsOf({
        acceptanceMode: '委托受理',
        legalBasis: ['《某条例》', { law: '《中华人民共和国行政许可法》', articles: ['第三十二条', '第三十八条'] }],
        conditions: ['已在发卡地参保'],
        applyChannels: ['窗口办理', '网上办理'],
        handlingLevels: ['市级', '县级'],
        reviewProcedure: ['收件', '受理', '审查', '决定', '送达'],
        issuance: { methods: ['窗口领取', '邮寄送达'], result: '社会保障卡' },
        fee: { charged: false, description: '不收费', basis: '行政许可法第五十八条' },
        applicantKinds: ['natural-person', 'legal-person', 'other-organisation'],
        unverifiedElements: ['codes', 'conditions', 'acceptanceMode', 'issuance'],
      }),
    ).toEqual([]);
    expect(acceptanceModeOf(matterFixture('X', 'x') as unknown as Matter)).toBe('异地代收代办');
    expect(acceptanceModeOf(undefined)).toBe('异地代收代办');
  });

  it('refuses a 仅指引 matter without guidance, an unknown mode, a basis without articles and bad enums', () => {
    expect(errorsOf({ acceptanceMode: '仅指引' })).toContainEqual({
      path: 'matters[0].guidance',
      message: '仅指引 matters need guidance (where and how to apply)',
    });
    expect(errorsOf({ acceptanceMode: '仅指引', guidance: { where: '婚姻登记机关', how: '双方亲自到场' } })).toEqual(
      [],
    );
    expect(errorsOf({ acceptanceMode: '窗口受理' }).map((e) => e.path)).toEqual(['matters[0].acceptanceMode']);
    expect(errorsOf({ legalBasis: [{ law: '《建筑法》', articles: [] }] }).map((e) => e.path)).toContain(
      'matters[0].legalBasis[0].articles',
    );
    const paths = errorsOf({ applyChannels: ['当面'], handlingLevels: ['省部级'], issuance: { methods: [] } }).map(
      (e) => e.path,
    );
    expect(paths).toEqual(
      expect.arrayContaining([
        'matters[0].applyChannels[0]',
        'matters[0].handlingLevels[0]',
        'matters[0].issuance.methods',
        'matters[0].issuance.result',
      ]),
    );
  });

  it('takes any department kind name: departments are data, not an enum', () => {
    expect(errorsOf({ department: '发展改革部门' })).toEqual([]);
    expect(errorsOf({ department: ' ' }).map((e) => e.path)).toEqual(['matters[0].department']);
  });
});

describe('department register (routing.json departments)', () => {
  const route = (departmentId: string, divisionCode: string) => ({
    departmentId,
    departmentName: departmentId,
    divisionCode,
    channel: 'online',
    gatewayDistrict: divisionCode,
    verified: false,
  });
  const routing = (departments: Record<string, unknown>) => ({
    schemaVersion: 1,
    routingVersion: '2026.12.1',
    publishedAt: '2026-12-06',
    note: 'fixture',
    departmentKinds: { 'development-reform': { name: '发展改革部门' } },
    departments,
    matters: { 'CQ-KSTB-0038': 'development-reform' },
    rules: [
      { departmentKind: 'development-reform', divisionCode: null, route: route('DEFAULT-NDRC', '000000') },
      { departmentKind: 'development-reform', divisionCode: '510000', route: route('SC-NDRC', '510000') },
    ],
  });
  const sc = {
    name: '四川省发展和改革委员会',
    province: '510000',
    level: '省级',
    reviewBody: '四川省人民政府',
    court: '成都铁路运输第一法院',
    originalsAddress: '成都市某路1号',
    phone: '028-00000000',
    verified: false,
  };

  it('merges the register entry into a resolved route', () => {
    const parsed = parseRouting(
      routing({
        'DEFAULT-NDRC': { name: '默认', province: '000000', level: '国家级', verified: false },
        'SC-NDRC': sc,
      }),
    );
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
    if (!parsed.ok) return;
    expect(resolveRoute(parsed.routing, 'CQ-KSTB-0038', '510104')?.department).toMatchObject({
      reviewBody: '四川省人民政府',
      court: '成都铁路运输第一法院',
    });
    expect(resolveRoute(parsed.routing, 'CQ-KSTB-0038', '650102')?.department).toMatchObject({ level: '国家级' });
  });

  it('reports a route whose department is not in the register, and a bad level, with their paths', () => {
    const parsed = parseRouting(routing({ 'SC-NDRC': { ...sc, level: '部级' } }));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(['departments.SC-NDRC.level', 'rules[0].route.departmentId']),
    );
  });
});
