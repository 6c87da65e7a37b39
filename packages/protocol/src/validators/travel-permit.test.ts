import { describe, expect, it } from 'vitest';
import { TRAVEL_PERMIT_KINDS, validateTravelPermit, type TravelPermitKind } from './travel-permit';

describe('validateTravelPermit (§2.6)', () => {
  it.each<[TravelPermitKind, string, object]>([
    ['hk-mo-home-return', 'H12345678', { number: 'H12345678', region: 'HK' }],
    ['hk-mo-home-return', 'm12345678', { number: 'M12345678', region: 'MO' }],
    ['hk-mo-home-return', 'H1234567801', { number: 'H12345678', issueCount: '01', region: 'HK' }],
    ['hk-mo-home-return', 'H12345678(02)', { number: 'H12345678', issueCount: '02' }],
    ['hk-mo-home-return', ' H 1234 5678 ', { number: 'H12345678' }],
    ['tw-mtp', '12345678', { number: '12345678' }],
    ['tw-mtp', '1234567801', { number: '12345678', issueCount: '01' }],
    ['mainland-hk-mo', 'C12345678', { number: 'C12345678' }],
    ['mainland-hk-mo', 'CA1234567', { number: 'CA1234567' }],
    ['mainland-hk-mo', 'cz1234567', { number: 'CZ1234567' }],
    ['mainland-tw', 'L12345678', { number: 'L12345678' }],
  ])('%s %j is valid', (kind, input, expected) => {
    expect(validateTravelPermit(input, kind)).toMatchObject({ ok: true, value: { kind, ...expected }, warnings: [] });
  });

  it.each<[TravelPermitKind, string]>([
    ['hk-mo-home-return', 'H1234567'],
    ['hk-mo-home-return', 'H123456789'],
    ['hk-mo-home-return', 'A12345678'],
    ['hk-mo-home-return', 'HA123456'],
    ['tw-mtp', '1234567'],
    ['tw-mtp', '123456789'],
    ['tw-mtp', 'T12345678'],
    ['mainland-hk-mo', 'CI1234567'],
    ['mainland-hk-mo', 'CO1234567'],
    ['mainland-hk-mo', 'E12345678'],
    ['mainland-hk-mo', 'C1234567'],
    ['mainland-hk-mo', 'C1234567801'],
    ['mainland-tw', 'L1234567'],
    ['mainland-tw', 'LA1234567'],
  ])('%s %j is rejected', (kind, input) => {
    expect(validateTravelPermit(input, kind)).toEqual({
      ok: false,
      errors: [{ code: 'permit-format', severity: 'error' }],
      warnings: [],
    });
  });

  it('reports required for every kind', () => {
    for (const kind of TRAVEL_PERMIT_KINDS)
      expect(validateTravelPermit('', kind)).toMatchObject({ ok: false, errors: [{ code: 'required' }] });
  });
});
