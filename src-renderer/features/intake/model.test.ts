import { describe, expect, it } from 'vitest';
import { parseCatalogue, type Matter, type Situation } from '@tongban/protocol/catalogue/schema';
import { catalogueFixture, matterFixture } from '@tongban/protocol/catalogue/test-fixtures';
import { checkApplication, noticeItems } from './check';
import {
  emptyWizardData,
  parseDraftData,
  STEP,
  toApplication,
  visibleMaterials,
  withSituation,
  type WizardData,
} from './model';

const CASE_ID = '01a226f8-e665-7198-a48a-f86d76f55b6d';

function fixtureMatter(): Matter {
  const parsed = parseCatalogue(
    catalogueFixture([
      matterFixture('CQ-KSTB-0001', '社会保障卡申领', {
        situations: [
          {
            code: 'FIRST',
            name: '首次申领',
            fields: [
              { key: 'insuredDivision', label: '参保地', kind: 'division', required: true },
              { key: 'bank', label: '金融服务银行', kind: 'text', required: false, maxLength: 50 },
            ],
            materials: [
              {
                code: 'ID-DOC',
                name: '居民身份证',
                form: 'original',
                copies: 1,
                requirement: 'required',
                mailOriginalToLocality: false,
              },
              {
                code: 'PHOTO',
                name: '证件照',
                form: 'electronic',
                copies: 1,
                requirement: 'required',
                mailOriginalToLocality: false,
              },
            ],
          },
        ],
      }),
    ]),
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.catalogue.matters[0] as Matter;
}

const matter = fixtureMatter();
const situation = matter.situations[0] as Situation;

function filled(): WizardData {
  return {
    ...withSituation({ ...emptyWizardData(), matterCode: matter.code }, situation),
    applicant: {
      name: ' 张三 ',
      idType: 'resident-id',
      idNumber: '500101199003070014',
      phone: '13800138000',
      address: '',
    },
    form: { insuredDivision: '510104', stale: 'x' },
    localityDivision: '510104',
    materials: { 'ID-DOC': { handling: 'seen-returned', pages: 1 }, PHOTO: { handling: 'electronic', pages: 1 } },
  };
}

describe('wizard data', () => {
  it('reads a damaged draft leniently, field by field', () => {
    const data = parseDraftData({
      step: 9,
      matterCode: 'CQ-KSTB-0001',
      mode: 'nonsense',
      applicant: { name: '张三', idType: 'bogus' },
    });
    expect(data.step).toBe(0);
    expect(data.matterCode).toBe('CQ-KSTB-0001');
    expect(data.mode).toBe('self');
    expect(data.applicant).toMatchObject({ name: '张三', idType: 'resident-id', idNumber: '' });
    expect(parseDraftData(null)).toEqual(emptyWizardData());
  });

  it('opens a resumed 待补齐 case on the materials step with what was submitted', () => {
    const app = toApplication(CASE_ID, filled(), situation);
    const data = parseDraftData({ resumedFrom: '50010303-20261129-0001J', application: app });
    expect(data).toMatchObject({
      step: STEP.materials,
      resumedFrom: '50010303-20261129-0001J',
      matterCode: 'CQ-KSTB-0001',
      situationCode: 'FIRST',
      localityAuto: false,
    });
    expect(data.materials['ID-DOC']).toEqual({ handling: 'seen-returned', pages: 1 });
  });

  it("builds the application with only this situation's fields, trimmed, and the agent only for 代办", () => {
    const app = toApplication(CASE_ID, { ...filled(), agent: { ...emptyWizardData().agent, name: '李四' } }, situation);
    expect(app.form).toEqual({ insuredDivision: '510104' });
    expect(app.applicant.name).toBe('张三');
    expect(app.agent).toBeNull();
    expect(app.materials.map((m) => m.code)).toEqual(['ID-DOC', 'PHOTO']);
    const proxy = toApplication(CASE_ID, { ...filled(), mode: 'proxy' }, situation);
    expect(proxy.agent).not.toBeNull();
    expect(proxy.materials.map((m) => m.code)).toContain('POWER-OF-ATTORNEY');
  });

  it('hides the 代办 rows in person and sends a hidden row as not provided', () => {
    const withAgentRow: Situation = {
      ...situation,
      materials: [
        ...situation.materials,
        {
          code: 'AGENT-ID',
          name: '代办人有效身份证件',
          form: 'original',
          copies: 1,
          requirement: 'conditional',
          condition: '代办时提供',
          mailOriginalToLocality: false,
        },
      ],
    };
    const data = {
      ...filled(),
      materials: { ...filled().materials, 'AGENT-ID': { handling: 'seen-returned' as const, pages: 1 } },
    };
    expect(visibleMaterials(withAgentRow, data).hidden.map((m) => m.code)).toEqual(['AGENT-ID']);
    const app = toApplication(CASE_ID, data, withAgentRow);
    expect(app.materials.find((m) => m.code === 'AGENT-ID')).toEqual({
      code: 'AGENT-ID',
      handling: 'not-provided',
      pages: 0,
    });
    const proxy = toApplication(CASE_ID, { ...data, mode: 'proxy' }, withAgentRow);
    expect(proxy.materials.find((m) => m.code === 'AGENT-ID')?.handling).toBe('seen-returned');
  });

  it('lets the locality follow the division field until the clerk picks one', () => {
    const follows = withSituation({ ...emptyWizardData(), form: { insuredDivision: '510104' } }, situation);
    expect(follows.localityDivision).toBe('510104');
    const chosen = withSituation(
      { ...emptyWizardData(), form: { insuredDivision: '510104' }, localityAuto: false, localityDivision: '500103' },
      situation,
    );
    expect(chosen.localityDivision).toBe('500103');
  });
});

describe('the local formal check', () => {
  const ctx = { matter, situation, attachmentsByMaterial: { PHOTO: 1 } };

  it('passes a complete application', () => {
    const result = checkApplication(toApplication(CASE_ID, filled(), situation), ctx);
    expect(result).toEqual({ fieldErrors: [], warnings: [], missingMaterials: [] });
  });

  it('reports a wrong check digit and a missing locality as the main process would', () => {
    const data = filled();
    const app = toApplication(
      CASE_ID,
      { ...data, applicant: { ...data.applicant, idNumber: '500101199003070015' }, localityDivision: '' },
      situation,
    );
    const codes = checkApplication(app, ctx).fieldErrors;
    expect(codes).toContainEqual({ path: 'applicant.idNumber', code: 'id-checksum' });
    expect(codes).toContainEqual({ path: 'localityDivision', code: 'division-format' });
  });

  it('lists every missing material and form gap for the notice at once', () => {
    const data = { ...filled(), form: {}, materials: {} };
    const result = checkApplication(toApplication(CASE_ID, data, situation), { ...ctx, attachmentsByMaterial: {} });
    expect(noticeItems(result, situation).map((m) => m.name)).toEqual([
      '居民身份证',
      '证件照',
      '参保地（需补充或更正）',
    ]);
  });
});
