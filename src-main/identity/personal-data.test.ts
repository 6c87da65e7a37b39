// Chip data and photos are kept only while needed, outside the case record, and never logged (domain-facts §8).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { IdentityListView } from '@common/contract/identity';
import { DEFAULT_IDENTITY_SETTINGS } from '@common/identity/settings';
import { socialSecurityCardApplication } from '../cases/testing/intake-fixtures';
import {
  identityApp,
  newDraft,
  ok,
  readSample,
  refused,
  useReader,
  verifyWithCard,
  type IdentityTestApp,
} from './testing/identity-app';

let t: IdentityTestApp;
afterEach(() => t?.dispose());

const FULL = '500101199003070014';

async function acceptedWithChip(app: IdentityTestApp['app']): Promise<{ caseId: string; verificationId: number }> {
  const caseId = await newDraft(app, 'clerk');
  const v = await verifyWithCard(app, 'clerk', caseId, 'applicant', 'zhangsan-adult');
  await ok(app, 'clerk', 'intake:accept', { application: socialSecurityCardApplication(caseId) });
  return { caseId, verificationId: v.id };
}

function markDelivered(app: IdentityTestApp['app'], caseId: string, at: Date): void {
  // What the sync loop records when the gateway acknowledges the case.
  app.services.db
    .prepare("UPDATE cases SET sync_state = 'delivered', delivered_at = ? WHERE case_id = ?")
    .run(at.toISOString(), caseId);
}

const chipRows = (app: IdentityTestApp['app']) =>
  (app.services.db.prepare('SELECT count(*) AS n FROM identity_chip_data').get() as { n: number }).n;

describe('chip data retention', () => {
  it('keeps the chip record and photo outside the case, and purges them the configured days after delivery', async () => {
    t = await identityApp();
    const { app } = t;
    await useReader(app, { driver: 'simulated' });
    const { caseId, verificationId } = await acceptedWithChip(app);
    const stored = app.services.identity.service.repo.chipData(verificationId);
    expect(stored?.photo?.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(JSON.parse(stored?.card ?? '{}')).toMatchObject({ idNumber: FULL, address: '重庆市万州区白岩路1号' });
    const application = (
      app.services.db.prepare('SELECT application FROM cases WHERE case_id = ?').get(caseId) as { application: string }
    ).application;
    // No chip photo (JPEG base64 starts /9j/), issuer or validity in the case record.
    expect(application).not.toContain('/9j/');
    expect(application).not.toContain('重庆市公安局万州区分局');
    expect(application).not.toContain('long-term');

    const delivered = new Date(t.clock.now.getTime() + 60_000);
    markDelivered(app, caseId, delivered);
    const purge = (days: number) =>
      app.services.identity.service.purgeChipData(new Date(delivered.getTime() + days * 86_400_000));
    expect(purge(2.9)).toEqual({ purged: 0, minimised: 0 });
    expect(purge(3)).toEqual({ purged: 1, minimised: 1 });
    expect(chipRows(app)).toBe(0);
    // The verification stays, with a masked number and its chip hash.
    const row = app.services.db
      .prepare('SELECT id_number, chip_sha256, minimised_at FROM identity_verifications WHERE id = ?')
      .get(verificationId) as Record<string, string>;
    expect(row).toMatchObject({ id_number: '5001**********0014' });
    expect(row.chip_sha256).toMatch(/^[0-9a-f]{64}$/);
    const list = await ok<IdentityListView>(app, 'clerk', 'identity:list', { caseId });
    expect(list.verifications[0]).toMatchObject({ chipDataHeld: false, idNumberMasked: '5001**********0014' });
    const audit = app.services.audit.list({ action: 'identity.purge', limit: 10 });
    expect(audit).toMatchObject([{ actorName: 'system', details: { chipRecords: 1, minimised: 1 } }]);
    expect(purge(10)).toEqual({ purged: 0, minimised: 0 });
  });

  it('purges discarded drafts at once, rejected cases after the retention days; the days are a setting', async () => {
    t = await identityApp();
    const { app } = t;
    await useReader(app, { driver: 'simulated' }, { chipDataRetentionDays: 0 });
    const discarded = await newDraft(app, 'clerk');
    await verifyWithCard(app, 'clerk', discarded, 'applicant', 'zhangsan-adult');
    await ok(app, 'clerk', 'drafts:discard', { caseId: discarded });
    const rejected = await newDraft(app, 'clerk');
    await verifyWithCard(app, 'clerk', rejected, 'applicant', 'lisi-adult');
    await ok(app, 'clerk', 'intake:reject', {
      application: socialSecurityCardApplication(rejected, {
        applicant: {
          name: '李四',
          idType: 'resident-id',
          idNumber: '500228198512310021',
          phone: '13900139000',
          address: '',
        },
      }),
      reason: '不属于本窗口受理范围',
    });
    const open = await newDraft(app, 'clerk');
    await verifyWithCard(app, 'clerk', open, 'applicant', 'zhangsan-adult');
    expect(chipRows(app)).toBe(3);
    t.clock.now = new Date(t.clock.now.getTime() + 1000);
    expect(await ok(app, 'admin', 'identity:purgeChipData')).toEqual({ purged: 2, minimised: 2 });
    // The draft still being worked on keeps its chip data.
    expect(chipRows(app)).toBe(1);
    expect(await refused(app, 'clerk', 'identity:purgeChipData')).toMatchObject({ code: 'forbidden' });
    const settings = await ok<typeof DEFAULT_IDENTITY_SETTINGS>(app, 'admin', 'identity:getSettings');
    expect(settings.chipDataRetentionDays).toBe(0);
  });
});

describe('logs', () => {
  it('never receive a full ID number, a name or a photo, whatever the verification flow went through', async () => {
    t = await identityApp();
    const { app, dataDir } = t;
    await useReader(app, { driver: 'simulated' });
    const caseId = await newDraft(app, 'clerk');
    const read = await readSample(app, 'clerk', 'zhangsan-adult');
    await ok(app, 'clerk', 'identity:verify', {
      caseId,
      role: 'applicant',
      method: 'chip-visual',
      readId: read.readId,
      person: { name: '张三', idType: 'resident-id', idNumber: FULL },
      confirmedMatch: true,
    });
    await ok(app, 'clerk', 'intake:accept', { application: socialSecurityCardApplication(caseId) });
    // Faults that log: a reader service that is not running, a card that is not the person on the form.
    await useReader(app, {
      driver: 'http',
      http: { ...DEFAULT_IDENTITY_SETTINGS.reader.http, url: 'http://127.0.0.1:1/readCard', timeoutMs: 1000 },
    });
    expect(await refused(app, 'clerk', 'reader:read')).toMatchObject({ code: 'reader-unavailable' });
    await useReader(app, { driver: 'simulated' });
    const other = await newDraft(app, 'clerk');
    await verifyWithCard(app, 'clerk', other, 'applicant', 'lisi-adult', {
      name: '张三',
      idType: 'resident-id',
      idNumber: FULL,
    });
    app.services.log.error('a careless caller', { idNumber: FULL, text: `证件号码${FULL}` });
    // The logger writes asynchronously: flush before reading the files.
    await app.services.log.flush();

    const logs = readdirSync(join(dataDir, 'logs')).filter((f) => f.endsWith('.log'));
    expect(logs.length).toBeGreaterThan(0);
    const text = logs.map((f) => readFileSync(join(dataDir, 'logs', f), 'utf8')).join('\n');
    expect(text).toContain('card read');
    expect(text).toContain('5001**********0014');
    expect(text).not.toContain(FULL);
    expect(text).not.toContain('500228198512310021');
    expect(text).not.toContain('张三');
    expect(text).not.toContain(read.card.photo?.base64.slice(0, 40));
  });
});
