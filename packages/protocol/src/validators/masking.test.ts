import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validResidentIdArb } from './arbitraries.test-helper';
import { maskIdNumber, maskName, maskPhone, redactPersonalData } from './masking';

describe('maskIdNumber (§8)', () => {
  it('keeps the first 4 and last 4 characters by default', () => {
    expect(maskIdNumber('500101199003070014')).toBe('5001**********0014');
    expect(maskIdNumber(' 11010519491231002x ')).toBe('1101**********002X');
  });

  it('takes a configurable head and tail', () => {
    expect(maskIdNumber('500101199003070014', { head: 6, tail: 4 })).toBe('500101********0014');
    expect(maskIdNumber('500101199003070014', { head: 3, tail: 3 })).toBe('500************014');
    expect(maskIdNumber('500101199003070014', { head: 0, tail: 0 })).toBe('******************');
  });

  it('masks everything when the input is not longer than head + tail', () => {
    expect(maskIdNumber('12345678')).toBe('********');
    expect(maskIdNumber('')).toBe('');
  });

  it('rejects a negative or fractional head/tail', () => {
    expect(() => maskIdNumber('500101199003070014', { head: -1 })).toThrow(RangeError);
    expect(() => maskIdNumber('500101199003070014', { tail: 1.5 })).toThrow(RangeError);
  });
});

describe('maskName (§8)', () => {
  it.each([
    ['张三', '张*'],
    ['张小三', '张*三'],
    ['欧阳娜娜', '欧**娜'],
    ['买买提·艾力', '买****力'],
    ['张', '*'],
    ['', ''],
    ['\u{20000}三', '\u{20000}*'],
    ['\u{20000}小\u{20001}', '\u{20000}*\u{20001}'],
  ])('%s → %s', (name, masked) => expect(maskName(name)).toBe(masked));
});

describe('maskPhone (§8)', () => {
  it.each([
    ['13800000000', '138****0000'],
    ['+86 138-0013-8000', '138****8000'],
    ['023-63851234', '023-****1234'],
    ['023-63851234-8001', '023-****1234'],
    ['400-123-4567', '******4567'],
    ['123', '***'],
  ])('%s → %s', (phone, masked) => expect(maskPhone(phone)).toBe(masked));
});

describe('redactPersonalData', () => {
  it('masks ID numbers and mobile numbers in free text', () => {
    expect(redactPersonalData('applicant 500101199003070014 phone 13800138000 done')).toBe(
      'applicant 5001**********0014 phone 138****8000 done',
    );
    expect(redactPersonalData('{"id":"11010519491231002x","tel":"+86 138 0013 8000"}')).toBe(
      '{"id":"1101**********002X","tel":"138****8000"}',
    );
    expect(redactPersonalData('身份证号11010519491231002X，电话138-0013-8000。')).toBe(
      '身份证号1101**********002X，电话138****8000。',
    );
  });

  it('masks legacy 15-digit numbers and 2017 permanent residence numbers', () => {
    expect(redactPersonalData('old 110105491231002 id')).toBe('old 1101*******1002 id');
    expect(redactPersonalData('fprc USA110080010111')).toBe('fprc USA1*******0111');
  });

  it('masks digit runs longer than 18 whole, so an embedded ID cannot survive', () => {
    expect(redactPersonalData('x12500101199003070014999y')).toBe('x1250***************4999y');
  });

  it('leaves ordinary numbers alone', () => {
    const text = 'case 2025-06-01 took 1712345678901 ms, EMS 1234567890123, port 12345, code 91110000600037341L';
    expect(redactPersonalData(text)).toBe(text);
  });

  it('never lets the original 18-character ID number through, whatever surrounds it', () => {
    const noise = fc.string({ unit: fc.constantFrom(...'0123456789Xx -:,"号'), maxLength: 30 });
    fc.assert(
      fc.property(noise, validResidentIdArb, noise, fc.boolean(), (before, id, after, lower) => {
        const out = redactPersonalData(before + (lower ? id.toLowerCase() : id) + after);
        expect(out).not.toContain(id);
        expect(out.toUpperCase()).not.toContain(id);
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves no 17-digit-plus-check run of any kind', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789Xx '), maxLength: 80 }), (text) => {
        expect(redactPersonalData(text)).not.toMatch(/\d{17}[\dXx]/);
      }),
      { numRuns: 2000 },
    );
  });
});
