// The shipped catalogue against the work plan: 二(一) every named group with routing, 二(二) every element,
// and unverified facts marked as such.
import { describe, expect, it } from 'vitest';
import { resolveRoute } from '@tongban/protocol/catalogue/routing';
import { acceptanceModeOf } from '@tongban/protocol/catalogue/schema';
import { loadCatalogue, loadRouting } from './loaders';
import { RESOURCES_DIR } from './test-paths';

/** Plan groups (工作方案 二(一)) → a pattern that some matter names must match. */
const GROUPS: Record<string, RegExp> = {
  社会保障卡: /社会保障卡/,
  异地就医登记备案: /异地就医登记备案/,
  异地就医结算: /异地就医.*(报销|结算)/,
  养老保险关系转移接续: /养老保险关系转移接续/,
  户口迁移: /^户口迁移$/,
  大中专学生毕业户口迁移: /毕业生户口迁移/,
  住房公积金转移接续: /住房公积金.*转移接续/,
  住房公积金开户: /住房公积金单位登记开户/,
  住房公积金缴存: /缴存信息变更/,
  住房公积金提取: /提取住房公积金/,
  就业创业: /就业创业|失业登记/,
  婚姻登记: /婚姻登记/,
  生育登记: /生育登记/,
  投资项目审批: /投资项目/,
  工程建设项目审批: /施工许可|竣工验收/,
};

describe('the work plan’s matters in the shipped catalogue', async () => {
  const { catalogue } = await loadCatalogue(RESOURCES_DIR);
  // With the catalogue: every matter must be routed to a kind whose name is its department.
  const { routing } = await loadRouting(RESOURCES_DIR, catalogue);

  it('has at least 40 matters, every plan group, each routed in Sichuan and by default', () => {
    expect(catalogue.matters.length).toBeGreaterThanOrEqual(40);
    for (const [group, pattern] of Object.entries(GROUPS)) {
      const matters = catalogue.matters.filter((m) => pattern.test(m.name));
      expect(matters.length, group).toBeGreaterThan(0);
      for (const m of matters) {
        expect(resolveRoute(routing, m.code, '510104'), `${group} ${m.code}`).not.toBeNull();
        expect(resolveRoute(routing, m.code, '650102')?.matchedLevel, `${group} ${m.code}`).toBe('default');
      }
    }
  });

  it('carries every element of 二(二) on every matter', () => {
    for (const m of catalogue.matters) {
      expect(m.conditions?.length, `${m.code} conditions`).toBeGreaterThan(0);
      expect(m.applyChannels?.length, `${m.code} applyChannels`).toBeGreaterThan(0);
      expect(m.acceptanceMode, `${m.code} acceptanceMode`).toBeDefined();
      expect(m.handlingLevels?.length, `${m.code} handlingLevels`).toBeGreaterThan(0);
      expect(m.reviewProcedure?.length, `${m.code} reviewProcedure`).toBeGreaterThan(0);
      expect(m.issuance?.result, `${m.code} issuance`).toBeTruthy();
      expect(m.legalBasis.length, `${m.code} legalBasis`).toBeGreaterThan(0);
    }
  });

  it('marks what is not checked: no matter is verified, each lists the unchecked elements incl. its codes', () => {
    for (const m of catalogue.matters) {
      expect(m.verified, m.code).toBe(false);
      if (m.basicCode === undefined) expect(m.unverifiedElements, m.code).toContain('codes');
      expect(m.unverifiedElements, m.code).toContain('acceptanceMode');
    }
  });

  it('婚姻登记 matters are 仅指引 with guidance; 发改/住建 matters admit organisations only, with a USCC field', () => {
    const marriage = catalogue.matters.filter((m) => m.name.includes('婚姻登记'));
    expect(marriage.length).toBeGreaterThanOrEqual(2);
    for (const m of marriage) {
      expect(acceptanceModeOf(m), m.code).toBe('仅指引');
      expect(m.guidance?.where, m.code).toContain('婚姻登记机关');
    }
    const projects = catalogue.matters.filter((m) => ['发展改革部门', '住房城乡建设部门'].includes(m.department));
    expect(projects.length).toBeGreaterThanOrEqual(4);
    for (const m of projects) {
      expect(m.applicantKinds, m.code).not.toContain('natural-person');
      for (const s of m.situations)
        expect(
          s.fields.some((f) => f.kind === 'uscc'),
          `${m.code}/${s.code}`,
        ).toBe(true);
    }
  });

  it('gives every routed department a register entry; an unconfirmed 复议机关 or court says it is presumed', () => {
    expect(routing.departments).toBeDefined();
    let named = 0;
    for (const rule of routing.rules) {
      const entry = routing.departments?.[rule.route.departmentId];
      expect(entry, rule.route.departmentId).toBeDefined();
      expect(Boolean(entry?.reviewBody), rule.route.departmentId).toBe(Boolean(entry?.court));
      if (entry?.court) named += 1;
      if (entry?.court && !entry.verified) expect(entry.note, rule.route.departmentId).toMatch(/^推定（未经属地核实）/);
      // A dispatch point (…分派) or a nationwide default names no body: the actual department tells the applicant.
      if (/分派|^DEFAULT-/.test(rule.route.departmentId + (entry?.name ?? ''))) expect(entry?.court).toBeUndefined();
    }
    expect(named).toBeGreaterThan(40);
  });
});
