// The licence file loader (JSON and CSV, every error with its row) and the shipped fixture file.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateResidentId } from '@tongban/protocol/validators/resident-id';
import { validateUscc } from '@tongban/protocol/validators/uscc';
import { LICENCE_FIXTURE_FILE as FIXTURE_FILE } from './fixture-file';
import { LICENCE_FIELDS, parseCsv, parseLicenceFile } from './loader';

describe('licence file loader', () => {
  it('accepts the shipped fixtures: synthetic holders with valid check digits, every type the catalogue names', () => {
    const parsed = parseLicenceFile(readFileSync(FIXTURE_FILE, 'utf8'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const types = new Set(parsed.records.map((r) => r.licenceType));
    for (const t of ['HUKOU-BOOK', 'MARRIAGE-CERT', 'BIRTH-CERT', 'BUSINESS-LICENCE', 'SOCIAL-SECURITY-CARD'])
      expect(types).toContain(t);
    for (const r of parsed.records) expect(validateResidentId(r.holderId).ok || validateUscc(r.holderId).ok).toBe(true);
    expect(readFileSync(FIXTURE_FILE, 'utf8')).toContain('合成测试数据');
  });

  it('reads CSV with a header, quoted cells and empty optional fields', () => {
    const csv = [
      LICENCE_FIELDS.join(','),
      'HUKOU-BOOK,,500101-2011-0038271,张三,500101199003070014,"重庆市公安局万州区分局白岩路派出所",2011-05-16,,valid,',
      'BIRTH-CERT,出生医学证明,P500734512,王小明,500101201506010013,"医院,""三峡""",2015-06-08,,revoked,QUJD',
    ].join('\r\n');
    const parsed = parseLicenceFile(`\uFEFF${csv}\r\n`);
    expect(parsed).toMatchObject({
      ok: true,
      records: [
        { licenceType: 'HUKOU-BOOK', typeName: '居民户口簿', validUntil: null, issuerSignature: null },
        { issuer: '医院,"三峡"', status: 'revoked', issuerSignature: 'QUJD' },
      ],
    });
    expect(parseCsv('a,"b\nc",d\n\n1,2,3')).toEqual([
      ['a', 'b\nc', 'd'],
      ['1', '2', '3'],
    ]);
  });

  it('reports every bad row and field (Chinese) and returns no records', () => {
    const rows = [
      {
        licenceType: 'HUKOU-BOOK',
        number: 'A1',
        holderName: '张三',
        holderId: '500101199003070015',
        issuer: 'x',
        issuedOn: '2011-05-16',
        status: 'valid',
      },
      {
        licenceType: 'hukou',
        number: 'A2',
        holderName: '张三',
        holderId: '500101199003070014',
        issuer: 'x',
        issuedOn: '2011-13-01',
        status: 'ok',
      },
      {
        licenceType: 'HUKOU-BOOK',
        number: 'A3',
        holderName: '张三',
        holderId: '500101199003070014',
        issuer: 'x',
        issuedOn: '2011-05-16',
        validUntil: '2010-01-01',
        status: 'valid',
      },
      {
        licenceType: 'HUKOU-BOOK',
        number: 'A3',
        holderName: '张三',
        holderId: '500101199003070014',
        issuer: 'x',
        issuedOn: '2011-05-16',
        status: 'valid',
        colour: 'red',
      },
    ];
    const parsed = parseLicenceFile(JSON.stringify(rows));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const at = parsed.errors.map((e) => `${e.row}:${e.field}`);
    expect(at).toEqual(
      expect.arrayContaining(['1:holderId', '2:licenceType', '2:issuedOn', '2:status', '3:validUntil', '4:']),
    );
    expect(parsed.errors.find((e) => e.field === 'holderId')?.message).toContain('公民身份号码');
    expect(parseLicenceFile('kind,number\nx,y')).toMatchObject({ ok: false, errors: [{ row: 0 }] });
    expect(parseLicenceFile('{"licences": 3}')).toMatchObject({ ok: false });
  });

  it("reads the issuers' keys of a JSON file and names a bad key by its path", () => {
    const fixtures = parseLicenceFile(readFileSync(FIXTURE_FILE, 'utf8'));
    expect(fixtures.ok && fixtures.issuers.map((k) => k.keyType).sort()).toEqual([
      'ed25519',
      'ed25519',
      'ed25519',
      'ed25519',
      'rsa',
    ]);
    const bad = parseLicenceFile(
      JSON.stringify({
        issuers: [{ issuer: '某局', publicKey: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----' }],
        licences: [],
      }),
    );
    expect(bad).toMatchObject({ ok: false, errors: [{ row: 0, field: 'issuers.0.publicKey' }] });
    expect(parseLicenceFile(JSON.stringify({ issuers: [{ issuer: '某局' }], licences: [] }))).toMatchObject({
      ok: false,
      errors: [{ field: 'issuers.0' }],
    });
  });
});
