// Catalogue versions at the gateway, on real PostgreSQL: the validating import (every error with its path),
// the signed GET /v1/catalogue/latest, and the refusal of a case pushed to a department the routing does not allow.
import { createPublicKey, verify } from 'node:crypto';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueLatestResponseSchema, catalogueSignedText } from '@tongban/protocol/catalogue/bundle';
import type { EnrollResponse } from '@tongban/protocol/sync/api';
import { auditRows } from '../audit';
import { issueEnrolmentCode } from '../devices/repo';
import { DeviceClient } from '../testing/device-client';
import { testManifest } from '../testing/fixtures';
import { startTestGateway, type TestGateway } from '../testing/harness';
import { readBundleFiles } from './cli';
import { cataloguePublicKey, importCatalogueVersion } from './repo';

const RESOURCES = resolve(__dirname, '..', '..', '..', 'resources', 'catalogue');
const shipped = () =>
  readBundleFiles([resolve(RESOURCES, 'catalogue.json'), resolve(RESOURCES, 'routing.json')]) as {
    ok: true;
    json: {
      catalogue: Record<string, unknown> & { matters: Record<string, unknown>[] };
      routing: Record<string, unknown>;
    };
  };

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(async () => t?.close());

/** A Node public key from the raw base64 key the enrolment hands out. */
const publicKeyOf = (raw: string) =>
  createPublicKey({
    key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(raw, 'base64')]),
    format: 'der',
    type: 'spki',
  });

describe('catalogue import', () => {
  it('lists every error with its JSON path and stores nothing', async () => {
    const { json } = shipped();
    const bad = structuredClone(json);
    (bad.catalogue.matters[0] as Record<string, unknown>).promisedDays = -1;
    (bad.catalogue.matters[3] as Record<string, unknown>).colour = 'blue';
    const rules = bad.routing.rules as { route: { departmentId: string } }[];
    (rules[2] as { route: { departmentId: string } }).route.departmentId = 'NO-SUCH-DEPT';
    const outcome = await importCatalogueVersion(t.pool, { ...bad, extra: 1 }, 'test');
    expect(outcome.ok).toBe(false);
    const paths = outcome.ok ? [] : outcome.errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'extra',
        'catalogue.matters[0].promisedDays',
        'catalogue.matters[3]',
        'routing.rules[2].route.departmentId',
      ]),
    );
    expect(await t.count('catalogue_versions')).toBe(0);
    // A file that is not JSON names the file at its path.
    const unreadable = readBundleFiles([resolve(RESOURCES, 'README.md'), resolve(RESOURCES, 'routing.json')]);
    expect(unreadable.ok ? [] : unreadable.errors.map((e) => e.path)).toEqual(['catalogue']);
  });

  it('signs the shipped files as a version, refuses the same version again, and audits the import', async () => {
    const { json } = shipped();
    const outcome = await importCatalogueVersion(t.pool, json, 'cli:test');
    expect(outcome).toMatchObject({
      ok: true,
      version: json.catalogue.catalogueVersion,
      matters: json.catalogue.matters.length,
    });
    const again = await importCatalogueVersion(t.pool, json, 'cli:test');
    expect(again.ok ? [] : again.errors).toEqual([
      expect.objectContaining({ path: 'catalogue.catalogueVersion', message: expect.stringContaining('not newer') }),
    ]);
    expect(await auditRows(t.pool, 'catalogue.import')).toHaveLength(1);
  });
});

describe('GET /v1/catalogue/latest and case pushes', () => {
  it('serves the signed version, verifiable with the key given at enrolment; "current" when the window has it', async () => {
    const device = await t.device('510000');
    const reply = await device.send(device.prepare('GET', '/v1/catalogue/latest'));
    expect(reply.status).toBe(200);
    const body = catalogueLatestResponseSchema.parse(reply.json);
    if (body.status !== 'available') throw new Error(`expected a version, got ${body.status}`);
    const key = publicKeyOf(await cataloguePublicKey(t.pool));
    const text = Buffer.from(catalogueSignedText(body), 'utf8');
    expect(verify(null, text, key, Buffer.from(body.signature, 'base64'))).toBe(true);
    const tampered = { ...body, routing: { ...(body.routing as object), note: '改过的路由' } };
    expect(verify(null, Buffer.from(catalogueSignedText(tampered)), key, Buffer.from(body.signature, 'base64'))).toBe(
      false,
    );
    const current = await device.send(device.prepare('GET', `/v1/catalogue/latest?have=${body.version}`));
    expect(current.json).toEqual({ status: 'current', version: body.version });
    const badQuery = await device.send(device.prepare('GET', '/v1/catalogue/latest?have=latest'));
    expect(badQuery.status).toBe(400);
  });

  it('hands the catalogue key out at enrolment', async () => {
    const { code } = await issueEnrolmentCode(t.pool, 'CQ99', '500000', 1);
    const res = await new DeviceClient(t.url).enroll(code, 'CQ99');
    expect((res.json as EnrollResponse).catalogueKey).toBe(await cataloguePublicKey(t.pool));
  });

  it('refuses (422 department-not-routed) a case for a department the routing does not allow, and stores nothing', async () => {
    const device = await t.device('510000');
    const version = shipped().json.catalogue.catalogueVersion as string;
    // 社会保障卡申领 (CQ-KSTB-0001) for 成都市锦江区 routes to SC-HRSS-CARD (a matter-specific rule) on partition 510000.
    const base = { matterCode: 'CQ-KSTB-0001', localityDivision: '510104', catalogueVersion: version };
    const allowed = testManifest('510000', [], {
      ...base,
      departmentId: 'SC-HRSS-CARD',
      departmentName: '四川省社会保障卡服务中心',
    });
    expect((await device.putCase(allowed)).status).toBe(201);
    const wrong = testManifest('510000', [], { ...base, departmentId: 'SC-PSB', departmentName: '四川省公安厅' });
    const refused = await device.putCase(wrong);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      error: { code: 'department-not-routed', fields: [{ path: 'departmentId', code: 'department-not-routed' }] },
    });
    // A version the gateway never published is judged by the newest one.
    const unknownVersion = testManifest('510000', [], { ...base, catalogueVersion: '2020.01.1', departmentId: 'X-1' });
    expect((await device.putCase(unknownVersion)).status).toBe(422);
    // The right department, but a locality of another partition than this device's.
    const otherPartition = testManifest('510000', [], { ...base, localityDivision: '110101', departmentId: 'BJ-HRSS' });
    expect((await device.putCase(otherPartition)).body).toMatchObject({ error: { code: 'department-not-routed' } });
    expect(await t.count(`cases WHERE case_id IN ('${wrong.caseId}', '${otherPartition.caseId}')`)).toBe(0);
    // A replay of the accepted case is still answered as before.
    expect((await device.putCase(allowed)).status).toBe(200);
  });
});
