// POST /v1/licences/lookup on a real PostgreSQL: the fixture table loaded through the loader, holders
// filtered (a licence of someone the request does not name never comes back), unsigned and invalid
// requests refused, a provider that cannot answer gives 503 licence-provider-unavailable, every lookup audited.
// Issuer signatures (decision 0195): checked on import against the file's and the stored issuer keys, an
// invalid one refuses the file with the record and field, a key loaded later re-checks its issuer's licences.
import { readFileSync } from 'node:fs';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { licenceLookupResponseSchema, type LicenceRecord } from '@tongban/protocol/licences/licences';
import { auditRows } from '../audit';
import type { DeviceClient } from '../testing/device-client';
import { startTestGateway, type TestGateway } from '../testing/harness';
import { parseIssuerKey, recheckIssuer, saveIssuerKey } from './issuer-signatures';
import { importLicences, LicenceSignatureError, parseLicenceFile } from './loader';
import { LICENCE_FIXTURE_FILE as FIXTURE_FILE } from './fixture-file';
import { TableLicenceProvider, type LicenceProvider } from './provider';
import { licenceRecordHash } from './routes';

const ZHANGSAN = '500101199003070014';
const LISI = '500228198512310021';
const WANGJIANGUO = '500101198304200017';
const WANGXIAOMING = '500101201506010013';

let t: TestGateway;
let device: DeviceClient;
let down = false;
// A dead PostgreSQL port: the table provider's real failure when its database does not answer.
const deadPool = new pg.Pool({ connectionString: 'postgres://nobody@127.0.0.1:9/none', connectionTimeoutMillis: 500 });
const provider: LicenceProvider = {
  name: 'gateway-table',
  lookup: (q) => new TableLicenceProvider(down ? deadPool : t.pool).lookup(q),
};
let records: LicenceRecord[];
let issuers: Parameters<typeof importLicences>[2] = {};

beforeAll(async () => {
  t = await startTestGateway({ licenceProvider: provider });
  const parsed = parseLicenceFile(readFileSync(FIXTURE_FILE, 'utf8'));
  if (!parsed.ok) throw new Error('fixtures do not load');
  records = parsed.records;
  issuers = { issuers: parsed.issuers };
  // Signed with the issuers' keys in the file (Ed25519, and RSA for the 市场监督管理局): 8; the hospital's has no key.
  expect(await importLicences(t.pool, records, issuers)).toEqual({
    loaded: records.length,
    deleted: 0,
    verified: 8,
    unverified: records.length - 8,
  });
  device = await t.device('500101');
});
afterAll(async () => {
  await deadPool.end();
  await t?.close();
});

const lookup = (body: object, d = device) => d.request('POST', '/v1/licences/lookup', { body });
const request = (holders: { role: string; id: string }[], licenceTypes = ['HUKOU-BOOK'], caseId = randomUUID()) => ({
  caseId,
  matterCode: 'CQ-KSTB-0005',
  materialCode: 'HUKOU-BOOK',
  licenceTypes,
  holders,
});

describe('POST /v1/licences/lookup', () => {
  it("returns the applicant's licences of the type, minimal and hashed, and audits the case as purpose", async () => {
    const body = request([{ role: 'applicant', id: ZHANGSAN }]);
    const res = await lookup(body);
    expect(res.status).toBe(200);
    const answer = licenceLookupResponseSchema.parse(res.json);
    expect(answer.provider).toBe('gateway-table');
    expect(answer.licences.map((l) => [l.number, l.status])).toEqual([
      ['500101-2011-0038271', 'valid'],
      ['500101-2004-0012093', 'revoked'],
    ]);
    const first = answer.licences[0];
    expect(first).toMatchObject({
      holderRole: 'applicant',
      holderNameMasked: '张*',
      issuerSigned: true,
      signatureState: 'verified',
    });
    expect(answer.licences[1]).toMatchObject({ issuerSigned: false, signatureState: 'unverified' });
    const stored = records.find((r) => r.number === first?.number) as LicenceRecord;
    expect(first?.sha256).toBe(licenceRecordHash(stored));
    expect(JSON.stringify(res.json)).not.toContain(ZHANGSAN);
    expect(JSON.stringify(res.json)).not.toContain('张三');
    const trail = (await auditRows(t.pool, 'licence.lookup')).at(-1);
    expect(trail).toMatchObject({
      actor: `device:${device.deviceId}`,
      target: `case:${body.caseId}`,
      details: { purpose: 'case-intake', caseId: body.caseId, outcome: 'answered', lookupId: answer.lookupId },
    });
    expect(trail?.details.returned).toEqual(answer.licences.map((l) => l.sha256));
    expect(JSON.stringify(trail)).not.toContain(ZHANGSAN);
  });

  it("returns a named subject's licence (a child for a guardian) and never another person's", async () => {
    const guardian = await lookup(
      request(
        [
          { role: 'applicant', id: WANGJIANGUO },
          { role: 'subject', id: WANGXIAOMING },
        ],
        ['BIRTH-CERT', 'HUKOU-BOOK'],
      ),
    );
    const numbers = licenceLookupResponseSchema.parse(guardian.json).licences.map((l) => `${l.holderRole}:${l.number}`);
    expect(numbers.sort()).toEqual([
      'applicant:500101-2014-0055102',
      'subject:500101-2014-0055102-02',
      'subject:P500734512',
    ]);
    // 张三 asks for 结婚证: his own comes back, his spouse 李四's (same marriage, other holder) does not.
    const mismatch = await lookup(request([{ role: 'applicant', id: ZHANGSAN }], ['MARRIAGE-CERT']));
    expect(licenceLookupResponseSchema.parse(mismatch.json).licences.map((l) => l.number)).toEqual([
      'J500101-2016-000318',
    ]);
    // Nobody with licences of this type: an empty list, still audited.
    const none = await lookup(request([{ role: 'applicant', id: LISI }], ['BIRTH-CERT']));
    expect(licenceLookupResponseSchema.parse(none.json).licences).toEqual([]);
  });

  it('refuses unsigned, badly signed and invalid requests without looking anything up', async () => {
    const before = (await auditRows(t.pool, 'licence.lookup')).length;
    const body = request([{ role: 'applicant', id: ZHANGSAN }]);
    const unsigned = await fetch(`${t.url}/v1/licences/lookup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(unsigned.status).toBe(401);
    expect(((await unsigned.json()) as { error: { code: string } }).error.code).toBe('signature-missing');
    const prepared = device.prepare('POST', '/v1/licences/lookup', { body });
    const tampered = await fetch(prepared.url, {
      ...prepared.init,
      body: JSON.stringify({ ...body, holders: [{ role: 'applicant', id: LISI }] }),
    });
    expect(tampered.status).toBe(400);
    const badId = await lookup(request([{ role: 'applicant', id: '500101199003070015' }]));
    expect(badId.status).toBe(400);
    expect(badId.body).toMatchObject({
      error: { code: 'invalid-request', fields: [{ path: 'holders.0.id', code: 'holder-id-invalid' }] },
    });
    const subjectFirst = await lookup(request([{ role: 'subject', id: WANGXIAOMING }]));
    expect(subjectFirst.status).toBe(400);
    const noPurpose = await lookup({ ...body, caseId: 'case-1' });
    expect(noPurpose.status).toBe(400);
    expect((await auditRows(t.pool, 'licence.lookup')).length).toBe(before);
  });

  it('answers 503 licence-provider-unavailable when the provider cannot answer, and audits it', async () => {
    down = true;
    try {
      const body = request([{ role: 'applicant', id: ZHANGSAN }]);
      const res = await lookup(body);
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ error: { code: 'licence-provider-unavailable' } });
      expect((await auditRows(t.pool, 'licence.lookup')).at(-1)).toMatchObject({
        target: `case:${body.caseId}`,
        details: { outcome: 'provider-unavailable' },
      });
    } finally {
      down = false;
    }
    expect((await lookup(request([{ role: 'applicant', id: ZHANGSAN }]))).status).toBe(200);
  });

  it('a re-import with --replace updates status and removes licences no longer in the register', async () => {
    const revoked = records.map((r) => (r.number === 'J500101-2016-000318' ? { ...r, status: 'revoked' as const } : r));
    const withoutBirth = revoked.filter((r) => r.licenceType !== 'BIRTH-CERT');
    expect(await importLicences(t.pool, withoutBirth, { replace: true })).toMatchObject({
      loaded: withoutBirth.length,
      deleted: 1,
    });
    const res = await lookup(request([{ role: 'applicant', id: ZHANGSAN }], ['MARRIAGE-CERT']));
    expect(licenceLookupResponseSchema.parse(res.json).licences[0]?.status).toBe('revoked');
    await importLicences(t.pool, records, { replace: true });
  });

  it('refuses a file with an altered signed licence, naming the record and field, and changes nothing', async () => {
    const count = async () => (await t.pool.query('SELECT count(*)::int AS n FROM licences')).rows[0].n as number;
    const before = await count();
    const altered = records.map((r) => (r.number === '500101-2011-0038271' ? { ...r, holderName: '张三丰' } : r));
    const index = altered.findIndex((r) => r.number === '500101-2011-0038271');
    const refused = await importLicences(t.pool, altered, { replace: true }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(LicenceSignatureError);
    expect((refused as LicenceSignatureError).errors).toEqual([
      { row: index + 1, field: 'issuerSignature', message: expect.stringContaining('签名无效') },
    ]);
    expect(await count()).toBe(before);
    const res = await lookup(request([{ role: 'applicant', id: ZHANGSAN }]));
    expect(licenceLookupResponseSchema.parse(res.json).licences[0]).toMatchObject({ signatureState: 'verified' });
  });

  it("a key loaded later re-checks its issuer's licences: a signature that does not match is invalid", async () => {
    const hospital = '重庆三峡中心医院';
    const pem = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const key = parseIssuerKey(hospital, pem);
    if (!key.ok) throw new Error(key.message);
    const client = await t.pool.connect();
    try {
      await saveIssuerKey(client, key.key);
      expect(await recheckIssuer(client, key.key)).toEqual({ verified: 0, unverified: 0, invalid: 1 });
    } finally {
      client.release();
    }
    const res = await lookup(
      request(
        [
          { role: 'applicant', id: WANGJIANGUO },
          { role: 'subject', id: WANGXIAOMING },
        ],
        ['BIRTH-CERT'],
      ),
    );
    expect(licenceLookupResponseSchema.parse(res.json).licences).toEqual([
      expect.objectContaining({ number: 'P500734512', issuerSigned: true, signatureState: 'invalid' }),
    ]);
    expect(parseIssuerKey(hospital, 'not a key')).toMatchObject({ ok: false });
  });
});
