import { describe, expect, it } from 'vitest';
import { divisionAncestry, divisionLevel } from './division-code';
import { createDivisionLookup, parseDivisionsFile } from './divisions';

const file = {
  version: 't',
  source: 'fixture',
  licence: 'MIT',
  generatedAt: '2026-11-29T00:00:00.000Z',
  provinces: { '500000': '重庆市', '440000': '广东省', '370000': '山东省' },
  cities: { '500100': '重庆市', '500200': '县', '440100': '广州市', '441900': '东莞市', '370100': '济南市' },
  counties: { '500101': '万州区', '500229': '城口县', '440104': '越秀区', '370116': '莱芜区' },
  retired: { '371202': { name: '莱芜市莱城区', retired: '2019', successor: '370116' } },
};

describe('division codes', () => {
  it('classifies levels and ancestry', () => {
    expect(divisionLevel('500000')).toBe('province');
    expect(divisionLevel('500100')).toBe('city');
    expect(divisionLevel('500101')).toBe('county');
    expect(divisionLevel('000000')).toBeNull();
    expect(divisionLevel('50010')).toBeNull();
    expect(divisionAncestry('500101')).toEqual(['500101', '500100', '500000']);
    expect(divisionAncestry('500100')).toEqual(['500100', '500000']);
  });
});

describe('createDivisionLookup', () => {
  const parsed = parseDivisionsFile(file);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const lookup = createDivisionLookup(parsed.divisions);

  it('names current and retired codes', () => {
    expect(lookup.divisionName('500101')).toBe('万州区');
    expect(lookup.divisionFullName('500101')).toBe('重庆市万州区');
    expect(lookup.divisionFullName('500229')).toBe('重庆市城口县');
    expect(lookup.divisionFullName('440104')).toBe('广东省广州市越秀区');
    expect(lookup.divisionName('371202')).toBe('莱芜市莱城区');
    expect(lookup.describe('371202')).toMatchObject({
      level: 'county',
      retired: { year: '2019', successor: '370116' },
    });
    expect(lookup.divisionName('999999')).toBeNull();
  });

  it('distinguishes known counties from valid address codes', () => {
    expect(lookup.isKnownCounty('500101')).toBe(true);
    expect(lookup.isKnownCounty('371202')).toBe(false);
    expect(lookup.isKnownAddressCode('371202')).toBe(true);
    expect(lookup.isKnownAddressCode('441900')).toBe(true);
    expect(lookup.isKnownAddressCode('440100')).toBe(false);
  });

  it('rejects malformed files', () => {
    const bad = parseDivisionsFile({ ...file, counties: { '5001': '万州区' }, licence: '' });
    expect(bad.ok ? [] : bad.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['counties.5001', 'licence']));
  });
});
