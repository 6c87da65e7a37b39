// Test support: valid applications for the shipped catalogue, and the identity verification that 受理 needs.
import type { App } from '../../app/app';
import type { ApplicationInput } from '@tongban/protocol/cases/application';

/** A tiny valid PNG (1×1), as a scanned photo stand-in. */
export const PNG_BYTES = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

/** 社会保障卡申领 / 首次申领 for an adult applying in person, everything present except the photo attachment. */
export function socialSecurityCardApplication(
  caseId: string,
  overrides: Partial<ApplicationInput> = {},
): ApplicationInput {
  return {
    caseId,
    matterCode: 'CQ-KSTB-0001',
    situationCode: 'FIRST',
    localityDivision: '510104',
    mode: 'self',
    applicant: {
      name: '张三',
      idType: 'resident-id',
      idNumber: '500101199003070014',
      phone: '13800138000',
      address: '重庆市万州区白岩路1号',
    },
    agent: null,
    form: { insuredDivision: '510104' },
    materials: [
      { code: 'ID-DOC', handling: 'seen-returned', pages: 1 },
      { code: 'PHOTO', handling: 'electronic', pages: 1 },
      { code: 'APPLY-FORM', handling: 'kept-to-mail', pages: 2 },
    ],
    delivery: 'window',
    deliveryAddress: '',
    ...overrides,
  };
}

/** 社会保障卡申领 materials as handed in by an agent (配偶) for the applicant. */
export const PROXY_CARD_MATERIALS: ApplicationInput['materials'] = [
  { code: 'ID-DOC', handling: 'seen-returned', pages: 1 },
  { code: 'PHOTO', handling: 'electronic', pages: 1 },
  { code: 'APPLY-FORM', handling: 'kept-to-mail', pages: 2 },
  { code: 'AGENT-AUTH', handling: 'kept-to-mail', pages: 1 },
  { code: 'AGENT-ID', handling: 'seen-returned', pages: 1 },
  { code: 'RELATION-PROOF', handling: 'copy', pages: 1 },
];

/** 内地居民婚姻登记 / 结婚登记 filed through an agent (which the matter forbids). */
export function marriageByAgent(caseId: string): ApplicationInput {
  return {
    ...socialSecurityCardApplication(caseId),
    matterCode: 'CQ-KSTB-0012',
    situationCode: 'MARRIAGE',
    mode: 'proxy',
    agent: {
      name: '李四',
      idType: 'resident-id',
      idNumber: '500228198512310021',
      phone: '13900139000',
      address: '',
      relationship: '朋友',
    },
    form: {},
    materials: [],
  };
}

/** The applicant of socialSecurityCardApplication as the form holds them. */
export const ZHANG_SAN = { name: '张三', idType: 'resident-id', idNumber: '500101199003070014' } as const;

/**
 * Verifies a person of a draft by the manual path (窗口人工核验) through identity:verify, as 受理
 * requires; the applicant 张三 unless told otherwise. Fails the caller unless the verification passed.
 */
export async function verifyApplicant(
  app: App,
  caller: string,
  caseId: string,
  options: {
    role?: 'applicant' | 'agent' | 'guardian';
    person?: { name: string; idType: string; idNumber: string };
  } = {},
): Promise<void> {
  const input = {
    caseId,
    role: options.role ?? 'applicant',
    method: 'manual',
    manualReason: '测试：窗口人工核验',
    person: options.person ?? ZHANG_SAN,
    confirmedMatch: true,
  };
  const result = await app.call(caller, 'identity:verify', input, 0);
  if (!result.ok || (result.value as { result: string }).result !== 'pass')
    throw new Error(`identity:verify failed: ${JSON.stringify(result)}`);
}
