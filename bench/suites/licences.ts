// 电子证照 lookup figures (issue #13 item 6): POST /v1/licences/lookup, signed, against a gateway on a real
// PostgreSQL whose licence table holds the fixtures plus 100,000 synthetic licences (50,000 holders), p50/p99
// one at a time and p99 with 16 lookups in flight. Each lookup writes its audit row, as in service.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { LicenceRecord } from '@tongban/protocol/licences/licences';
import { LICENCE_FIXTURE_FILE } from '../../gateway/src/licences/fixture-file';
import { importLicences, parseLicenceFile } from '../../gateway/src/licences/loader';
import { startTestGateway } from '../../gateway/src/testing/harness';
import { quantile, sample, since, type Figure, type Suite } from '../lib';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** A synthetic resident ID number with a valid check digit (born 1960–1999, 万州). */
function residentId(n: number): string {
  const birth = `${1960 + (n % 40)}${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}`;
  const body = `500101${birth}${String(n % 1000).padStart(3, '0')}`;
  const sum = [...body].reduce((s, d, i) => s + Number(d) * (WEIGHTS[i] as number), 0);
  return body + ('10X98765432'[sum % 11] as string);
}

function synthetic(count: number): LicenceRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const holder = Math.floor(i / 2);
    const book = i % 2 === 0;
    return {
      licenceType: book ? 'HUKOU-BOOK' : 'SOCIAL-SECURITY-CARD',
      typeName: book ? '居民户口簿' : '社会保障卡',
      number: `BENCH-${i}`,
      holderName: `测试${holder}`,
      holderId: residentId(holder * 7919 + 13),
      issuer: book ? '重庆市公安局万州区分局' : '重庆市人力资源和社会保障局',
      issuedOn: '2015-01-01',
      validUntil: null,
      status: 'valid',
      issuerSignature: null,
    };
  });
}

export const licencesSuite: Suite = {
  name: 'licences',
  async run(): Promise<Figure[]> {
    const gw = await startTestGateway();
    try {
      const parsed = parseLicenceFile(readFileSync(LICENCE_FIXTURE_FILE, 'utf8'));
      if (!parsed.ok) throw new Error('licence fixtures do not load');
      const start = performance.now();
      await importLicences(gw.pool, [...parsed.records, ...synthetic(100_000)]);
      const loadMs = since(start);
      const device = await gw.device('500101');
      let n = 0;
      const lookup = async () => {
        const holder = residentId((n++ % 50_000) * 7919 + 13);
        const res = await device.request('POST', '/v1/licences/lookup', {
          body: {
            caseId: randomUUID(),
            matterCode: 'CQ-KSTB-0005',
            materialCode: 'HUKOU-BOOK',
            licenceTypes: ['HUKOU-BOOK'],
            holders: [
              { role: 'applicant', id: holder },
              { role: 'subject', id: '500228198512310021' },
            ],
          },
        });
        if (res.status !== 200) throw new Error(`lookup ${res.status}`);
      };
      const serial = await sample(500, lookup, 50);
      const concurrent: number[] = [];
      const worker = async () => {
        for (let i = 0; i < 60; i++) {
          const t0 = performance.now();
          await lookup();
          concurrent.push(since(t0));
        }
      };
      const wall = performance.now();
      await Promise.all(Array.from({ length: 16 }, worker));
      const throughput = concurrent.length / (since(wall) / 1000);
      const fig = (name: string, value: number, unit: string, extra: Partial<Figure> = {}): Figure => ({
        suite: 'licences',
        name,
        value,
        unit,
        ...extra,
      });
      return [
        fig('load 100,013 licences (licences import)', loadMs, 'ms'),
        fig('lookup p50, one at a time', quantile(serial, 0.5), 'ms'),
        fig('lookup p99, one at a time', quantile(serial, 0.99), 'ms', { note: '500 signed lookups, audited' }),
        fig('lookup p99, 16 in flight', quantile(concurrent, 0.99), 'ms', { note: `${concurrent.length} lookups` }),
        fig('lookups per second, 16 in flight', throughput, '/s'),
      ];
    } finally {
      await gw.close();
    }
  },
};
