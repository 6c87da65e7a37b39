import { describe, expect, it } from 'vitest';
import { id18CheckChar, icao9303CheckDigit } from './check-digits';
import { validateForeignPermanentResidenceId } from './foreign-permanent-id';
import { singleSubstitutions, TEST_TODAY } from './arbitraries.test-helper';

const validate = (s: string) => validateForeignPermanentResidenceId(s, { today: TEST_TODAY });
const codes = (r: ReturnType<typeof validate>) => (r.ok ? [] : r.errors.map((e) => e.code));

describe('validateForeignPermanentResidenceId: 2023 format (§2.7)', () => {
  it.each([
    ['911840198001010013', '11', '840', '1980-01-01', 'M'],
    ['950156200002290028', '50', '156', '2000-02-29', 'F'],
    ['931392197512310032', '31', '392', '1975-12-31', 'M'],
  ])('%s is valid', (number, provinceCode, nationalityCode, birthDate, sex) => {
    expect(validate(number)).toEqual({
      ok: true,
      value: { version: '2023', number, provinceCode, nationalityCode, birthDate, sex },
      warnings: [],
    });
  });

  it('rejects a wrong check character', () => {
    expect(codes(validate('911840198001010014'))).toEqual(['fprc-checksum']);
  });

  it('rejects an impossible or future birth date', () => {
    const feb30 = `91184019800230001`;
    expect(codes(validate(feb30 + id18CheckChar(feb30)))).toEqual(['fprc-birthdate']);
    const future = `91184020991231001`;
    expect(codes(validate(future + id18CheckChar(future)))).toEqual(['fprc-birthdate']);
  });

  it('only warns about an unknown province code (layout not from an official source)', () => {
    const first17 = '99984019800101001';
    expect(validate(first17 + id18CheckChar(first17))).toMatchObject({ ok: true, warnings: [{ code: 'fprc-region' }] });
  });

  it('rejects every single-character substitution', () => {
    for (const variant of singleSubstitutions('950156200002290028', '0123456789X')) {
      expect(validate(variant).ok).toBe(false);
    }
  });
});

describe('validateForeignPermanentResidenceId: 2017 format', () => {
  it.each(['USA110080010111', 'CAN310175123110', 'usa110080010111'])('%s is valid without warnings', (number) => {
    expect(validate(number)).toMatchObject({
      ok: true,
      value: { version: '2017', number: number.toUpperCase() },
      warnings: [],
    });
  });

  it('the synthetic vectors carry the ICAO 9303 check digit over the first 14 characters', () => {
    expect(icao9303CheckDigit('USA11008001011')).toBe(1);
    expect(icao9303CheckDigit('CAN31017512311')).toBe(0);
  });

  it('accepts a failing ICAO check digit with a warning only', () => {
    expect(validate('USA110080010112')).toEqual({
      ok: true,
      value: { version: '2017', number: 'USA110080010112', nationalityCode: 'USA' },
      warnings: [{ code: 'fprc-icao-check', severity: 'warning' }],
    });
  });

  it.each(['US1110080010111', 'USA11008001011', 'USA1100800101111', '811840198001010013X', 'ABCDEFGHIJKLMNO'])(
    '%s has the wrong format',
    (number) => expect(codes(validate(number))).toEqual(['fprc-format']),
  );

  it('treats blank input as required', () => {
    expect(codes(validate(' '))).toEqual(['required']);
  });
});
