import { describe, expect, it } from 'vitest';
import { VALIDATOR_MESSAGES_EN, VALIDATOR_MESSAGES_ZH } from './messages';
import { invalid, isOverridable, issuesOf, valid, warning, type ValidatorCode } from './result';

describe('validator messages', () => {
  const codes = Object.keys(VALIDATOR_MESSAGES_ZH) as ValidatorCode[];

  it('covers the same codes in both languages, with kebab-case codes', () => {
    expect(Object.keys(VALIDATOR_MESSAGES_EN).sort()).toEqual([...codes].sort());
    for (const code of codes) expect(code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('has a non-empty Chinese and English message for every code', () => {
    for (const code of codes) {
      expect(VALIDATOR_MESSAGES_ZH[code]).toMatch(/\p{Script=Han}/u);
      expect(VALIDATOR_MESSAGES_EN[code]).toMatch(/^[A-Z]/);
    }
  });

  it('uses the message the clerks expect for a wrong ID check character', () => {
    expect(VALIDATOR_MESSAGES_ZH['id-checksum']).toBe('身份证号码校验位错误，请核对最后一位');
  });
});

describe('result helpers', () => {
  it('marks only checksum failures as overridable', () => {
    expect(isOverridable(invalid(['uscc-checksum', 'uscc-org-checksum']))).toBe(true);
    expect(isOverridable(invalid(['uscc-checksum', 'uscc-format']))).toBe(false);
    expect(isOverridable(invalid(['id-checksum']))).toBe(false);
    expect(isOverridable(valid('x'))).toBe(false);
  });

  it('lists errors before warnings', () => {
    expect(issuesOf(invalid(['id-format'], [warning('mobile-segment')])).map((i) => i.code)).toEqual([
      'id-format',
      'mobile-segment',
    ]);
  });
});
