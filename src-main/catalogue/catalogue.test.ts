import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseCatalogue, type Matter } from '@tongban/protocol/catalogue/schema';
import { loadCatalogue } from './loaders';
import { cataloguePath } from './paths';
import { RESOURCES_DIR } from './test-paths';

const REQUIRED: Record<string, string[]> = {
  社会保障卡申领: ['首次申领', '补领', '换领'],
  异地就医登记备案: ['异地长期居住', '临时外出就医'],
  企业职工基本养老保险关系转移接续: [],
  城乡居民基本养老保险关系转移接续: [],
  户口迁移: ['夫妻投靠', '子女投靠父母', '父母投靠子女', '工作调动', '大中专院校录取'],
  住房公积金异地转移接续: [],
  正常退休提取住房公积金: [],
  购房提取住房公积金: [],
  失业登记: [],
  就业创业证申领: [],
  职业资格证书核验: [],
  内地居民婚姻登记: ['结婚', '离婚'],
  生育登记: [],
  学历公证: [],
  机动车驾驶证公证: [],
  个体工商户登记: [],
  内资企业设立登记: [],
  残疾人证迁移: [],
  户籍证明: [],
  不动产抵押登记: [],
  基本医疗保险关系转移接续: [],
};

describe('shipped catalogue.json', async () => {
  const raw: unknown = JSON.parse(await readFile(cataloguePath(RESOURCES_DIR), 'utf8'));
  const { catalogue } = await loadCatalogue(RESOURCES_DIR);
  const byName = new Map<string, Matter>(catalogue.matters.map((m) => [m.name, m]));

  it('parses with zero errors', () => {
    const result = parseCatalogue(raw);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('has at least 24 matters including every required one with its 情形', () => {
    expect(catalogue.matters.length).toBeGreaterThanOrEqual(24);
    for (const [name, situations] of Object.entries(REQUIRED)) {
      const matter = byName.get(name);
      expect(matter, name).toBeDefined();
      const names = matter?.situations.map((s) => s.name).join('|') ?? '';
      for (const s of situations) expect(names, `${name} / ${s}`).toContain(s);
    }
  });

  it('gives every situation an identity document and every 代办 matter conditional 委托 materials', () => {
    for (const matter of catalogue.matters) {
      for (const situation of matter.situations) {
        const where = `${matter.code}/${situation.code}`;
        expect(
          situation.materials.some((m) => /身份证件|身份证明|居民身份证/.test(m.name)),
          where,
        ).toBe(true);
        const auth = situation.materials.find((m) => m.code === 'AGENT-AUTH');
        if (
          matter.agency.agentAllowed &&
          matter.applicantKinds.includes('natural-person') &&
          !matter.applicantKinds.includes('legal-person')
        ) {
          expect(auth?.requirement, where).toBe('conditional');
        }
        if (!matter.agency.agentAllowed) expect(auth, where).toBeUndefined();
      }
    }
  });

  it('marks 婚姻登记 in-person only with no agent, and flags unverified matters with notes', () => {
    const marriage = byName.get('内地居民婚姻登记');
    expect(marriage?.agency).toMatchObject({ inPersonOnly: true, agentAllowed: false });
    for (const matter of catalogue.matters) {
      if (!matter.verified) expect(matter.verificationNote, matter.code).toBeTruthy();
      expect(matter.basicCode, matter.code).toBeUndefined();
    }
  });

  it('keeps standard applicant fields out of situation forms', () => {
    const keys = catalogue.matters.flatMap((m) => m.situations.flatMap((s) => s.fields.map((f) => f.key)));
    expect(keys.filter((k) => /^applicant/.test(k))).toEqual([]);
  });
});

describe('loadCatalogue search', async () => {
  const loaded = await loadCatalogue(RESOURCES_DIR);

  it('finds 社会保障卡申领 first for "sbk" and 异地就医登记备案 first for "ydjy"', () => {
    expect(loaded.search('sbk')[0]?.matter.name).toBe('社会保障卡申领');
    expect(loaded.search('ydjy')[0]?.matter.name).toBe('异地就医登记备案');
  });

  it('finds a matter by code, name and keyword', () => {
    expect(loaded.search('CQ-KSTB-0005')[0]).toMatchObject({ matchedBy: 'code', matter: { name: '户口迁移' } });
    expect(loaded.search('cq-kstb-0012')[0]?.matter.name).toBe('内地居民婚姻登记');
    expect(loaded.search('公积金')[0]?.matter.name).toBe('住房公积金异地转移接续');
    expect(loaded.search('夫妻投靠')[0]?.matter.name).toBe('户口迁移');
    expect(loaded.search('hkqy')[0]?.matter.name).toBe('户口迁移');
    expect(loaded.findMatter('CQ-KSTB-0001')?.name).toBe('社会保障卡申领');
  });

  it('indexes every matter', () => {
    expect(Object.keys(loaded.searchIndex.entries).sort()).toEqual(loaded.catalogue.matters.map((m) => m.code).sort());
    expect(loaded.searchIndex.entries['CQ-KSTB-0001']?.initials).toEqual(['shbzksl', 'sbksl']);
  });
});
