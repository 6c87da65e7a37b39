#!/usr/bin/env node
// Builds resources/divisions/divisions.json (GB/T 2260 county-level codes) from @vant/area-data,
// merged with the hand-kept list of retired codes in resources/divisions/retired.json.
//
//   node scripts/divisions/build-divisions.mjs           write the file
//   node scripts/divisions/build-divisions.mjs --check   exit 1 if the committed file is stale
//
// Set SOURCE_DATE_EPOCH (seconds) for a reproducible generatedAt.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { areaList } = require('@vant/area-data');
const vantVersion = require('@vant/area-data/package.json').version;

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outFile = join(root, 'resources', 'divisions', 'divisions.json');
const retiredFile = join(root, 'resources', 'divisions', 'retired.json');

/** HK, MO, TW: kept at province level only (sub-entries in vant use non-GB/T 2260 codes). */
const PROVINCE_ONLY = new Set(['71', '81', '82']);
/**
 * 不设区的地级市: GB/T 2260 has no county-level codes under them (the city code is the address code);
 * vant lists their towns/streets under made-up 6-digit codes, which are dropped.
 */
const CITIES_WITHOUT_COUNTIES = new Set(['441900', '442000', '460400', '620200']);

const isCode = (code) => /^\d{6}$/.test(code);
/** NBS-only statistical codes (development zones etc.): 5th digit is 7. */
const isNbsOnly = (code) => code[4] === '7';
/**
 * GB/T 2260 reserves 5th-6th digits 81-99 for 县级市, so a 9x code whose name is not a 市 is a
 * source-specific pseudo code (vant lists 开发区/高新区/工业园区 there).
 */
const isPseudoZone = (code, name) => code[4] === '9' && !name.endsWith('市');
const sortedObject = (entries) => Object.fromEntries([...entries].sort(([a], [b]) => a.localeCompare(b)));

function build() {
  const stats = { droppedNbsOnly: 0, droppedHkMoTw: 0, droppedPseudoZone: 0, droppedPseudoTown: 0 };
  const provinces = sortedObject(Object.entries(areaList.province_list));
  const cities = [];
  for (const [code, name] of Object.entries(areaList.city_list)) {
    if (PROVINCE_ONLY.has(code.slice(0, 2))) stats.droppedHkMoTw++;
    else if (isNbsOnly(code)) stats.droppedNbsOnly++;
    else cities.push([code, name]);
  }
  const counties = [];
  for (const [code, name] of Object.entries(areaList.county_list)) {
    if (PROVINCE_ONLY.has(code.slice(0, 2))) stats.droppedHkMoTw++;
    else if (isNbsOnly(code)) stats.droppedNbsOnly++;
    else if (isPseudoZone(code, name)) stats.droppedPseudoZone++;
    else if (CITIES_WITHOUT_COUNTIES.has(`${code.slice(0, 4)}00`)) stats.droppedPseudoTown++;
    else counties.push([code, name]);
  }
  const countyMap = sortedObject(counties);
  const retiredRaw = JSON.parse(readFileSync(retiredFile, 'utf8'));
  const retired = [];
  const problems = [];
  for (const [code, entry] of Object.entries(retiredRaw)) {
    if (code.startsWith('_')) continue;
    if (!isCode(code)) problems.push(`retired: bad code "${code}"`);
    else if (countyMap[code]) problems.push(`retired: ${code} is still a current county (${countyMap[code]})`);
    if (typeof entry?.name !== 'string' || !/^\d{4}$/.test(entry?.retired ?? ''))
      problems.push(`retired: ${code} needs name and a 4-digit year`);
    if (entry?.successor !== undefined && !countyMap[entry.successor])
      problems.push(`retired: ${code} successor ${entry.successor} is not a current county`);
    const clean = { name: entry.name, retired: entry.retired };
    if (entry.successor !== undefined) clean.successor = entry.successor;
    retired.push([code, clean]);
  }
  for (const code of Object.keys(countyMap)) {
    if (!provinces[`${code.slice(0, 2)}0000`] || !cities.some(([c]) => c === `${code.slice(0, 4)}00`))
      problems.push(`county ${code} has no parent`);
  }
  if (problems.length > 0) throw new Error(`divisions build failed:\n  ${problems.join('\n  ')}`);
  const epoch = process.env.SOURCE_DATE_EPOCH;
  return {
    version: `${vantVersion}-r${retiredRaw._revision ?? 0}`,
    source: `@vant/area-data ${vantVersion}`,
    licence: 'MIT',
    generatedAt: (epoch ? new Date(Number(epoch) * 1000) : new Date()).toISOString(),
    notes: [
      'Dropped: NBS-only statistical codes (5th digit 7), 9x development-zone pseudo codes not named 市, HK/MO/TW below province level, and town-level pseudo codes under 不设区的地级市 (441900 东莞, 442000 中山, 460400 儋州, 620200 嘉峪关).',
      'City names are as in the source (e.g. 500100 重庆市, 500200 县, 419000 省直辖县).',
      'retired: hand-kept list from resources/divisions/retired.json; see its _note.',
    ],
    stats: {
      provinces: Object.keys(provinces).length,
      cities: cities.length,
      counties: counties.length,
      retired: retired.length,
      ...stats,
    },
    provinces,
    cities: sortedObject(cities),
    counties: countyMap,
    retired: sortedObject(retired),
  };
}

const data = build();
const stripTime = (obj) => JSON.stringify({ ...obj, generatedAt: undefined });
if (process.argv.includes('--check')) {
  const current = JSON.parse(readFileSync(outFile, 'utf8'));
  if (stripTime(current) !== stripTime(data)) {
    console.error('resources/divisions/divisions.json is stale: run node scripts/divisions/build-divisions.mjs');
    process.exit(1);
  }
  console.log('divisions.json is up to date');
} else {
  writeFileSync(outFile, `${JSON.stringify(data, null, 1)}\n`);
  console.log(`wrote ${outFile}: ${JSON.stringify(data.stats)}`);
}
