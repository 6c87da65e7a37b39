import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validatePersonName } from './person-name';

const codes = (r: ReturnType<typeof validatePersonName>) => (r.ok ? [] : r.errors.map((e) => e.code));
const EXT_B = '\u{20000}'; // 𠀀, outside the BMP (two UTF-16 units)

describe('validatePersonName: Han names', () => {
  it.each(['张三', '欧阳娜娜', '买买提·艾力', '阿卜杜热西提·买买提·艾力', '李〇', `王${EXT_B}`, '张', '约翰·史密斯'])(
    '%s is valid',
    (name) => expect(validatePersonName(name)).toEqual({ ok: true, value: { name, script: 'han' }, warnings: [] }),
  );

  it.each([
    ['2022', '\u2022'],
    ['30FB', '\u30FB'],
    ['FF0E', '\uFF0E'],
  ])('normalises the dot variant U+%s to U+00B7', (_hex, dot) => {
    expect(validatePersonName(`买买提${dot}艾力`)).toMatchObject({ ok: true, value: { name: '买买提·艾力' } });
  });

  it('maps Kangxi radicals (PDF copy-paste look-alikes) to ideographs', () => {
    expect(validatePersonName('\u2F08\u2F24')).toMatchObject({ ok: true, value: { name: '人大' } });
  });

  it.each(['·艾力', '艾力·', '买买提··艾力', '买买提.艾力', '·'])('%s has a misplaced dot', (name) => {
    expect(codes(validatePersonName(name))).toEqual(['name-dot']);
  });

  it.each(['张3', '张三!', '张 三', '李Lee', '张_三', '〡二', '⺅三', '张三。'])('%s is rejected', (name) => {
    expect(codes(validatePersonName(name))).toEqual(['name-format']);
  });

  it('accepts private-use characters (rare characters in some population systems) with a warning', () => {
    expect(validatePersonName('张\uE123')).toEqual({
      ok: true,
      value: { name: '张\uE123', script: 'han' },
      warnings: [{ code: 'name-private-use', severity: 'warning' }],
    });
  });

  it('counts code points, not UTF-16 units', () => {
    expect(validatePersonName(EXT_B.repeat(50)).ok).toBe(true);
    expect(codes(validatePersonName(EXT_B.repeat(51)))).toEqual(['name-length']);
    expect(codes(validatePersonName('张'.repeat(51)))).toEqual(['name-length']);
  });

  it('accepts any generated sequence of Han characters, in or outside the BMP', () => {
    const han = fc.oneof(fc.integer({ min: 0x4e00, max: 0x9fff }), fc.integer({ min: 0x20000, max: 0x2a6df }));
    fc.assert(
      fc.property(fc.array(han, { minLength: 1, maxLength: 50 }), (cps) => {
        const name = String.fromCodePoint(...cps);
        expect(validatePersonName(name)).toMatchObject({ ok: true, value: { name } });
      }),
    );
  });
});

describe('validatePersonName: Latin names', () => {
  it.each([
    'John Smith',
    "O'Brien",
    'Mary-Jane Watson',
    'J. R. R. Tolkien',
    'SMITH, JOHN',
    'José Álvarez',
    'Jose\u0301',
    'A',
  ])('%s is valid', (name) =>
    expect(validatePersonName(name)).toEqual({ ok: true, value: { name, script: 'latin' }, warnings: [] }),
  );

  it('normalises spaces, typographic apostrophes and full-width letters', () => {
    expect(validatePersonName('  John   O’Brien ')).toMatchObject({ ok: true, value: { name: "John O'Brien" } });
    expect(validatePersonName('ＪＯＨＮ')).toMatchObject({ ok: true, value: { name: 'JOHN' } });
  });

  it.each([
    'John2',
    'John--Smith',
    '-John',
    "John'",
    'John_Smith',
    'John@Smith',
    'Ⅻ',
    'Ivan Иванов',
    '12345',
    'John·Smith',
  ])('%s is rejected', (name) => expect(codes(validatePersonName(name))).toEqual(['name-format']));

  it('limits length to 50 code points', () => {
    expect(validatePersonName('A'.repeat(50)).ok).toBe(true);
    expect(codes(validatePersonName('A'.repeat(51)))).toEqual(['name-length']);
  });
});

describe('validatePersonName: blanks', () => {
  it.each(['', '   ', '\u3000'])('%j is required', (name) =>
    expect(codes(validatePersonName(name))).toEqual(['required']),
  );
});
