import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseDivisionsFile } from '@tongban/protocol/catalogue/divisions';
import { ResourceValidationError } from './errors';
import { loadDivisions } from './loaders';
import { divisionsPath } from './paths';
import { RESOURCES_DIR } from './test-paths';

describe('shipped divisions.json', async () => {
  const divisions = await loadDivisions(RESOURCES_DIR);
  const parsed = parseDivisionsFile(JSON.parse(await readFile(divisionsPath(RESOURCES_DIR), 'utf8')));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const file = parsed.divisions;

  it('names current codes', () => {
    expect(divisions.divisionName('500101')).toBe('万州区');
    expect(divisions.divisionFullName('500101')).toBe('重庆市万州区');
    expect(divisions.divisionName('500000')).toBe('重庆市');
    expect(divisions.divisionFullName('653229')).toBe('新疆维吾尔自治区和田地区和安县');
    expect(divisions.isKnownCounty('500101')).toBe(true);
  });

  it('resolves retired codes from old ID numbers', () => {
    expect(divisions.isKnownCounty('371202')).toBe(false);
    expect(divisions.divisionName('371202')).toBe('莱芜市莱城区');
    expect(divisions.describe('371202')?.retired).toEqual({ year: '2019', successor: '370116' });
    expect(divisions.divisionName('500228')).toBe('重庆市梁平县');
    expect(divisions.isKnownAddressCode('500228')).toBe(true);
    expect(Object.keys(file.retired).length).toBeGreaterThanOrEqual(12);
    for (const [code, entry] of Object.entries(file.retired)) {
      expect(file.counties[code], code).toBeUndefined();
      if (entry.successor) expect(file.counties[entry.successor], `${code} → ${entry.successor}`).toBeDefined();
    }
  });

  it('excludes NBS-only 7-codes and HK/MO/TW below province level', () => {
    const all = [...Object.keys(file.cities), ...Object.keys(file.counties)];
    expect(all.filter((code) => code[4] === '7')).toEqual([]);
    expect(divisions.isKnownCounty('130171')).toBe(false);
    expect(all.filter((code) => /^(71|81|82)/.test(code))).toEqual([]);
    expect(file.provinces['810000']).toBe('香港特别行政区');
    expect(divisions.isKnownCounty('441901')).toBe(false);
    expect(divisions.isKnownAddressCode('441900')).toBe(true);
  });

  it('has counts in a sane range', () => {
    expect(Object.keys(file.provinces)).toHaveLength(34);
    expect(Object.keys(file.cities).length).toBeGreaterThanOrEqual(330);
    expect(Object.keys(file.cities).length).toBeLessThanOrEqual(350);
    expect(Object.keys(file.counties).length).toBeGreaterThanOrEqual(2800);
    expect(Object.keys(file.counties).length).toBeLessThanOrEqual(2900);
    expect(Object.keys(file.counties).filter((c) => c.startsWith('50'))).toHaveLength(38);
  });

  it('is up to date with the build script', async () => {
    const script = fileURLToPath(new URL('../../scripts/divisions/build-divisions.mjs', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, [script, '--check']);
    expect(stdout).toContain('up to date');
  });

  it('reports a missing resources directory', async () => {
    await expect(loadDivisions('/nonexistent')).rejects.toBeInstanceOf(ResourceValidationError);
  });
});
