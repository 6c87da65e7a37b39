import { describe, expect, it } from 'vitest';
import { normalizeMobile, validateMobile } from './mobile';

describe('validateMobile (§2.4)', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['+8613800138000', '13800138000'],
    ['19212345678', '19212345678'],
    ['16612345678', '16612345678'],
    ['008613800138000', '13800138000'],
    ['8613800138000', '13800138000'],
    ['+86 138-0013-8000', '13800138000'],
    ['(+86)13800138000', '13800138000'],
    [' 138 0013 8000 ', '13800138000'],
    ['１３８００１３８０００', '13800138000'],
  ])('%j is valid as %s', (input, digits) => {
    expect(validateMobile(input)).toEqual({ ok: true, value: digits, warnings: [] });
  });

  it.each(['12012345678', '1380013800', '138001380001', '23800138000', '1380013800a', '+8712345678901', '+86'])(
    '%j fails the loose pattern',
    (input) =>
      expect(validateMobile(input)).toEqual({
        ok: false,
        errors: [{ code: 'mobile-format', severity: 'error' }],
        warnings: [],
      }),
  );

  it.each(['14012345678', '15412345678', '17912345678', '16012345678'])(
    '%s has no known segment: accepted with a warning (the doc lists it as invalid under the strict pattern)',
    (input) =>
      expect(validateMobile(input)).toEqual({
        ok: true,
        value: input,
        warnings: [{ code: 'mobile-segment', severity: 'warning' }],
      }),
  );

  it('treats blank input as required', () => {
    expect(validateMobile('  ')).toMatchObject({ ok: false, errors: [{ code: 'required' }] });
  });

  it('only strips a bare 86 when 11 digits follow', () => {
    expect(normalizeMobile('8613800138000')).toBe('13800138000');
    expect(normalizeMobile('86138')).toBe('86138');
  });
});
