import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { singleSubstitutions, validUsccArb } from './arbitraries.test-helper';
import { isOverridable } from './result';
import { validateUscc } from './uscc';

const codes = (r: ReturnType<typeof validateUscc>) => (r.ok ? [] : r.errors.map((e) => e.code));

describe('validateUscc: domain-facts §2.3 vectors', () => {
  it.each([
    '91110000600037341L',
    '91230184MA1BUFLT44',
    '92371000MA3MXH0E3W',
    '121200004013590816',
    '91310115MA1K3BTP2B',
  ])('%s is valid', (code) => expect(validateUscc(code)).toMatchObject({ ok: true, value: { code }, warnings: [] }));

  it('splits the code into its parts', () => {
    expect(validateUscc('91230184MA1BUFLT44')).toEqual({
      ok: true,
      value: {
        code: '91230184MA1BUFLT44',
        registrationAuthority: '9',
        category: '1',
        regionCode: '230184',
        organizationCode: 'MA1BUFLT4',
      },
      warnings: [],
    });
  });

  it('rejects a wrong check character', () => {
    expect(codes(validateUscc('91110000600037341N'))).toEqual(['uscc-checksum']);
  });

  it('rejects I, O, Z, S, V as a format error', () => {
    expect(codes(validateUscc('9111000060003IOZSV'))).toEqual(['uscc-format']);
  });

  it.each(['', '91110000600037341', '91110000600037341LL', '911A0000600037341L'])(
    '%j fails before any checksum',
    (code) => {
      expect(codes(validateUscc(code))[0]).toMatch(/^(required|uscc-format)$/);
    },
  );

  it('upper-cases and trims', () => {
    expect(validateUscc(' 91230184ma1buflt44 ')).toMatchObject({ ok: true, value: { code: '91230184MA1BUFLT44' } });
  });
});

describe('validateUscc: GB 11714 check and staff override', () => {
  it('flags a code whose organisation code fails GB 11714 even if the GB 32100 check passes', () => {
    // Organisation code 600037342 has the wrong GB 11714 check (expected 1); last char recomputed.
    expect(codes(validateUscc('91110000600037342P'))).toEqual(['uscc-org-checksum']);
  });

  it('rejects the early pilot code 91350100M0001TGQXM by default, and the failure is overridable', () => {
    const r = validateUscc('91350100M0001TGQXM');
    expect(codes(r)).toEqual(['uscc-checksum']);
    expect(isOverridable(r)).toBe(true);
  });

  it('turns checksum failures into warnings once staff override them', () => {
    expect(validateUscc('91350100M0001TGQXM', { acceptChecksumOverride: true })).toMatchObject({
      ok: true,
      value: { code: '91350100M0001TGQXM' },
      warnings: [{ code: 'uscc-checksum', severity: 'warning' }],
    });
  });

  it('never overrides a format error', () => {
    const r = validateUscc('9111000060003IOZSV', { acceptChecksumOverride: true });
    expect(codes(r)).toEqual(['uscc-format']);
    expect(isOverridable(r)).toBe(false);
  });
});

describe('validateUscc: properties', () => {
  it('accepts every generated valid code', () => {
    fc.assert(
      fc.property(validUsccArb, (code) => {
        expect(validateUscc(code)).toMatchObject({ ok: true, value: { code }, warnings: [] });
      }),
      { numRuns: 1000 },
    );
  });

  it('rejects every single-character substitution with [0-9A-Z], by the GB 32100 check unless the format breaks', () => {
    fc.assert(
      fc.property(validUsccArb, (code) => {
        for (const variant of singleSubstitutions(code, '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ')) {
          const errors = codes(validateUscc(variant));
          expect(errors.length).toBeGreaterThan(0);
          expect(errors[0]).toMatch(/^(uscc-format|uscc-checksum)$/);
        }
      }),
      { numRuns: 200 },
    );
  });
});
