import { describe, expect, it } from 'vitest';
import { provinceOfPostcode, validatePostcode } from './postcode';

describe('validatePostcode (§2.5)', () => {
  it.each(['400010', '100101', '734500', '850000', ' 400 010 '])('%j is valid', (input) => {
    expect(validatePostcode(input)).toEqual({ ok: true, value: input.replace(/\s/g, ''), warnings: [] });
  });

  it.each(['000000', '900000', '86123', '4000100', '999077', '40001a', '140000'])('%j is rejected', (input) => {
    expect(validatePostcode(input)).toEqual({
      ok: false,
      errors: [{ code: 'postcode-format', severity: 'error' }],
      warnings: [],
    });
  });

  it('warns when the postcode belongs to another province', () => {
    expect(validatePostcode('400010', { province: '50' })).toMatchObject({ ok: true, warnings: [] });
    expect(validatePostcode('400010', { province: '500000' })).toMatchObject({ ok: true, warnings: [] });
    expect(validatePostcode('100101', { province: '500000' })).toEqual({
      ok: true,
      value: '100101',
      warnings: [{ code: 'postcode-province-mismatch', severity: 'warning' }],
    });
  });

  it('does not warn when the province or the prefix is not recognised', () => {
    expect(validatePostcode('400010', { province: '重庆市' })).toMatchObject({ ok: true, warnings: [] });
    expect(validatePostcode('700000', { province: '50' })).toMatchObject({ ok: true, warnings: [] });
  });

  it('maps prefixes to provinces', () => {
    expect(provinceOfPostcode('400010')).toBe('50');
    expect(provinceOfPostcode('610000')).toBe('51');
    expect(provinceOfPostcode('999077')).toBeUndefined();
  });
});
