// 扫码核验 (#13 item 6): latency of the public verification page under 200 concurrent scans, on the real
// gateway and a real PostgreSQL. A scan is what a phone does: GET /v/<no> (the page whose script reads the
// token from the fragment) and POST /v/<no> with the token (the verified page). The rate limit is lifted
// for the run: every scan comes from 127.0.0.1.
import { randomUUID, sign } from 'node:crypto';
import { startTestGateway } from '../../gateway/src/testing/harness';
import { testManifest } from '../../gateway/src/testing/fixtures';
import { mod3736CheckChar } from '@tongban/protocol/validators/check-digits';
import { verifyTokenText } from '@tongban/protocol/verify/url';
import { createHash } from 'node:crypto';
import { quantile, since, type Figure, type Suite } from '../lib';

const DOCUMENTS = 200;
const CONCURRENT = 200;
const ROUNDS = 5;

const numberOf = (i: number) => {
  const body = `50010112${'20261207'}${String(i + 1).padStart(4, '0')}`;
  return `${body.slice(0, 8)}-${body.slice(8, 16)}-${body.slice(16)}${mod3736CheckChar(body)}`;
};

export const verifySuite: Suite = {
  name: 'verify',
  async run(): Promise<Figure[]> {
    const gw = await startTestGateway({ verifyPerMinute: 1_000_000_000 });
    try {
      const device = await gw.device('500101', '50010112');
      const docs: { no: string; token: string }[] = [];
      for (let i = 0; i < DOCUMENTS; i++) {
        const no = numberOf(i);
        const m = testManifest('500101', [], { receiptNo: no, windowCode: '50010112' });
        const put = await device.putCase(m);
        if (put.status !== 201) throw new Error(`case push failed: ${put.status}`);
        const token = sign(null, Buffer.from(verifyTokenText(no)), device.privateKey).toString('base64url');
        const printId = randomUUID();
        const report = {
          printId,
          caseId: m.caseId,
          documentNo: no,
          kind: 'acceptance-receipt',
          format: 'a4',
          copy: 1,
          pdfSha256: createHash('sha256').update(no).digest('hex'),
          verifier: createHash('sha256').update(token).digest('hex'),
          pickupVerifier: null,
          issuedAt: new Date().toISOString(),
        };
        const res = await device.request('PUT', `/v1/cases/${m.caseId}/documents/${printId}`, {
          body: report,
          idempotencyKey: printId,
        });
        if (res.status !== 201) throw new Error(`document report failed: ${res.status}`);
        docs.push({ no, token });
      }
      const scan = async (d: { no: string; token: string }) => {
        const start = performance.now();
        const page = await fetch(`${gw.url}/v/${d.no}`);
        await page.text();
        const res = await fetch(`${gw.url}/v/${d.no}`, {
          method: 'POST',
          body: new URLSearchParams({ token: d.token }),
        });
        const html = await res.text();
        if (res.status !== 200 || !html.includes('文书真实有效')) throw new Error(`scan failed: ${res.status}`);
        return since(start);
      };
      await Promise.all(docs.slice(0, 20).map(scan)); // warm-up: connections, plans
      const alone: number[] = [];
      for (const d of docs.slice(0, 50)) alone.push(await scan(d));
      const samples: number[] = [];
      const wall = performance.now();
      for (let r = 0; r < ROUNDS; r++)
        samples.push(...(await Promise.all(Array.from({ length: CONCURRENT }, (_, i) => scan(docs[i % DOCUMENTS]!)))));
      const seconds = since(wall) / 1000;
      const note = `${ROUNDS}×${CONCURRENT} concurrent scans (GET page + POST token), ${DOCUMENTS} documents, one gateway process`;
      return [
        { suite: 'verify', name: 'verification scan p50', value: quantile(samples, 0.5), unit: 'ms', note },
        {
          suite: 'verify',
          name: 'verification scan p99',
          value: quantile(samples, 0.99),
          unit: 'ms',
          target: '≤ 1000 ms (2 cores, 200 at once)',
          note,
        },
        {
          suite: 'verify',
          name: 'verification scan p50, one at a time',
          value: quantile(alone, 0.5),
          unit: 'ms',
          note: '50 scans in sequence: the cost of one scan without queueing',
        },
        { suite: 'verify', name: 'verification scans per second', value: samples.length / seconds, unit: '/s', note },
      ];
    } finally {
      await gw.close();
    }
  },
};
