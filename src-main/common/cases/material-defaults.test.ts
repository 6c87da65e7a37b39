import { describe, expect, it } from 'vitest';
import type { Material } from '@tongban/protocol/catalogue/schema';
import {
  applicantMinor,
  cardExpiry,
  identityMaterialOf,
  materialCannotApply,
  usualHandling,
} from './material-defaults';

const material = (over: Partial<Material>): Material => ({
  code: 'X',
  name: '材料',
  form: 'original',
  copies: 1,
  requirement: 'required',
  mailOriginalToLocality: false,
  ...over,
});
const conditional = (condition: string) => material({ requirement: 'conditional', condition });

describe('materials that cannot apply', () => {
  it('代办 rows are hidden while the applicant comes in person (帮办 included), shown for 代办', () => {
    for (const condition of ['代办时提供', '委托他人代办时提供', '代办且参保地要求时提供']) {
      expect(materialCannotApply(conditional(condition), { mode: 'self', minor: null }), condition).toBe(true);
      expect(materialCannotApply(conditional(condition), { mode: 'assisted', minor: null }), condition).toBe(true);
      expect(materialCannotApply(conditional(condition), { mode: 'proxy', minor: null }), condition).toBe(false);
    }
  });

  it('guardian rows are hidden for an adult only; unknown age keeps them', () => {
    for (const condition of ['申请人为未成年人时提供', '由监护人办理时提供']) {
      expect(materialCannotApply(conditional(condition), { mode: 'self', minor: false }), condition).toBe(true);
      expect(materialCannotApply(conditional(condition), { mode: 'self', minor: true }), condition).toBe(false);
      expect(materialCannotApply(conditional(condition), { mode: 'self', minor: null }), condition).toBe(false);
    }
  });

  it('required, optional and other conditional materials always show', () => {
    expect(materialCannotApply(material({}), { mode: 'self', minor: false })).toBe(false);
    expect(materialCannotApply(material({ requirement: 'optional' }), { mode: 'self', minor: false })).toBe(false);
    expect(materialCannotApply(conditional('已婚的提供'), { mode: 'self', minor: false })).toBe(false);
  });

  it('the applicant’s age comes from a valid resident ID number only', () => {
    const adult = { idType: 'resident-id' as const, idNumber: '500101199003070014' };
    expect(applicantMinor(adult, '2026-12-07')).toBe(false);
    expect(applicantMinor({ ...adult, idNumber: '500101199003070015' }, '2026-12-07')).toBeNull();
    expect(applicantMinor({ idType: 'passport' as never, idNumber: 'E12345678' }, '2026-12-07')).toBeNull();
    expect(applicantMinor({ ...adult, idNumber: '11010520150101001X' }, '2026-12-07')).not.toBe(false);
  });
});

describe('the usual way a material is received', () => {
  it('follows the material form; originals are kept unless the catalogue says they are returned', () => {
    expect(usualHandling(material({ form: 'electronic' }))).toBe('electronic');
    expect(usualHandling(material({ form: 'copy' }))).toBe('copy');
    expect(usualHandling(material({ form: 'original-or-electronic' }))).toBe('seen-returned');
    expect(usualHandling(material({ note: '核验原件后退还' }))).toBe('seen-returned');
    expect(usualHandling(material({ note: '窗口可协助填写，申请人签名确认' }))).toBe('kept-to-mail');
    expect(usualHandling(material({ note: '核验原件后退还', mailOriginalToLocality: true }))).toBe('kept-to-mail');
  });

  it('the identity document of a card read is found by code, else by name', () => {
    const list = [
      material({ code: 'PHOTO', name: '照片' }),
      material({ code: 'ID-DOC', name: '申请人有效身份证件' }),
      material({ code: 'X-AGENT', name: '代办人有效身份证件（居民身份证）' }),
    ];
    expect(identityMaterialOf(list, 'applicant')?.code).toBe('ID-DOC');
    expect(identityMaterialOf(list, 'agent')?.code).toBe('X-AGENT');
    expect(identityMaterialOf([list[0]!], 'applicant')).toBeUndefined();
  });
});

describe('a card flagged as it is read', () => {
  it('expired before today, expiring within 30 days (today included), 长期 never', () => {
    expect(cardExpiry('2026-12-06', '2026-12-07')).toBe('expired');
    expect(cardExpiry('2026-12-07', '2026-12-07')).toBe('expiring');
    expect(cardExpiry('2027-01-05', '2026-12-07')).toBe('expiring');
    expect(cardExpiry('2027-01-06', '2026-12-07')).toBeNull();
    expect(cardExpiry('long-term', '2026-12-07')).toBeNull();
  });
});
