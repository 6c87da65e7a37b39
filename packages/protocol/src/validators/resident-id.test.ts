import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { upgradeLegacyId15, validateResidentId } from './resident-id';
import { singleSubstitutions, TEST_TODAY, validResidentIdArb } from './arbitraries.test-helper';

const opts = { today: TEST_TODAY };
const codes = (r: ReturnType<typeof validateResidentId>) => (r.ok ? [] : r.errors.map((e) => e.code));

describe('validateResidentId: domain-facts §2.1 vectors', () => {
  it.each([
    ['11010519491231002X', 'F', '1949-12-31', '110105', 'resident'],
    ['440524188001010014', 'M', '1880-01-01', '440524', 'resident'],
    ['360426199101010071', 'M', '1991-01-01', '360426', 'resident'],
    ['810000199408230021', 'F', '1994-08-23', '810000', 'hk-mo-tw-residence'],
    ['830000199201300022', 'F', '1992-01-30', '830000', 'hk-mo-tw-residence'],
    ['500101199003070014', 'M', '1990-03-07', '500101', 'resident'],
    ['500228198512310021', 'F', '1985-12-31', '500228', 'resident'],
    ['110101200002290034', 'M', '2000-02-29', '110101', 'resident'],
  ])('%s is valid', (number, sex, birthDate, regionCode, kind) => {
    expect(validateResidentId(number, opts)).toEqual({
      ok: true,
      value: { number, sex, birthDate, regionCode, kind },
      warnings: [],
    });
  });

  it.each([
    ['110105194912310021', 'id-checksum'],
    ['110105194902300026', 'id-birthdate'],
    ['500101190002290015', 'id-birthdate'],
    ['500101200002290017', 'id-checksum'],
  ])('%s fails first with %s', (number, code) => {
    expect(codes(validateResidentId(number, opts))[0]).toBe(code);
  });

  it('rejects an impossible date even with a correct check character', () => {
    // The doc's two BIRTHDATE vectors also carry a wrong check character; these isolate the date rule.
    expect(codes(validateResidentId('110105194902300020', opts))).toEqual(['id-birthdate']);
    expect(codes(validateResidentId('500101190002290014', opts))).toEqual(['id-birthdate']);
  });
});

describe('validateResidentId: normalisation and rules', () => {
  it('accepts lower-case x, surrounding spaces and full-width digits, and returns X', () => {
    const r = validateResidentId('  11010519491231002x ', opts);
    expect(r.ok && r.value.number).toBe('11010519491231002X');
    const wide = validateResidentId('１１０１０５１９４９１２３１００２Ｘ', opts);
    expect(wide.ok && wide.value.number).toBe('11010519491231002X');
  });

  it.each([
    ['', 'required'],
    ['   ', 'required'],
    ['1101051949123100', 'id-format'],
    ['1101051949123100211', 'id-format'],
    ['1101051949123100X2', 'id-format'],
    ['11010519491231002Y', 'id-format'],
  ])('%j → %s', (input, code) => expect(codes(validateResidentId(input, opts))).toEqual([code]));

  it('treats null and undefined as required', () => {
    expect(codes(validateResidentId(null))).toEqual(['required']);
    expect(codes(validateResidentId(undefined))).toEqual(['required']);
  });

  it('rejects very long input before pattern work', () => {
    expect(codes(validateResidentId('1'.repeat(10_000)))).toEqual(['too-long']);
  });

  it('rejects an unknown province prefix', () => {
    expect(codes(validateResidentId('990101199003070015', opts))).toEqual(['id-region']);
    expect(codes(validateResidentId('000101199003070016', opts))).toEqual(['id-region']);
  });

  it('requires the address code NN0000 for residence-permit prefixes 81/82/83', () => {
    expect(codes(validateResidentId('810101199408230023', opts))).toEqual(['id-region']);
    const mo = validateResidentId('820000199408230023', opts);
    expect(mo.ok && mo.value.kind).toBe('hk-mo-tw-residence');
  });

  it('bounds the birth date to 1850-01-01 .. today', () => {
    expect(validateResidentId('110101185001010018', opts).ok).toBe(true);
    expect(codes(validateResidentId('110101184912310017', opts))).toEqual(['id-birthdate']);
    expect(validateResidentId('110101202506010015', opts).ok).toBe(true); // born today
    expect(codes(validateResidentId('110101202506020010', opts))).toEqual(['id-birthdate']); // tomorrow
  });

  it('reports an unknown county as a warning only, never an error', () => {
    const known = new Set(['110105']);
    const countyExists = (code: string) => known.has(code);
    expect(validateResidentId('11010519491231002X', { ...opts, countyExists })).toMatchObject({
      ok: true,
      warnings: [],
    });
    // 371202 (莱芜) was abolished in 2019 but numbers starting with it remain valid.
    expect(validateResidentId('371202199001010016', { ...opts, countyExists })).toMatchObject({
      ok: true,
      warnings: [{ code: 'id-county-unknown', severity: 'warning' }],
    });
    // Residence-permit numbers are not looked up.
    expect(validateResidentId('810000199408230021', { ...opts, countyExists })).toMatchObject({
      ok: true,
      warnings: [],
    });
  });
});

describe('validateResidentId: properties', () => {
  it('accepts every generated valid number', () => {
    fc.assert(
      fc.property(validResidentIdArb, (number) => {
        const r = validateResidentId(number, opts);
        expect(r).toMatchObject({ ok: true, value: { number } });
      }),
      { numRuns: 1000 },
    );
  });

  it('rejects every single-character substitution with [0-9X], by checksum unless the format breaks', () => {
    fc.assert(
      fc.property(validResidentIdArb, (number) => {
        for (const variant of singleSubstitutions(number, '0123456789X')) {
          const errors = codes(validateResidentId(variant, opts));
          // MOD 11-2 detects every single substitution; an X before the last place breaks the format.
          expect(errors).toContain(variant.slice(0, 17).includes('X') ? 'id-format' : 'id-checksum');
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('upgradeLegacyId15 (§2.2)', () => {
  it.each([
    ['110105491231002', '11010519491231002X'],
    ['610104620927690', '610104196209276908'],
  ])('%s → %s', (legacy, upgraded) => {
    expect(upgradeLegacyId15(legacy)).toEqual({ ok: true, value: upgraded, warnings: [] });
  });

  it('produces numbers that validateResidentId accepts', () => {
    const r = upgradeLegacyId15('500101900307001');
    expect(r.ok && validateResidentId(r.value, opts).ok).toBe(true);
  });

  it.each([
    ['11010549123100', 'id15-format'],
    ['11010549123100X', 'id15-format'],
    ['110105490230002', 'id-birthdate'],
    ['110105000229002', 'id-birthdate'],
    ['990105491231002', 'id-region'],
  ])('%s → %s', (legacy, code) => {
    const r = upgradeLegacyId15(legacy);
    expect(r.ok ? [] : r.errors.map((e) => e.code)).toEqual([code]);
  });
});
