import { afterEach, describe, expect, it } from 'vitest';
import type { IdentityListView, OverrideView, VerificationView } from '@common/contract/identity';
import type { DecisionView } from '@common/contract';
import { identityCommands } from '@common/contract/identity';
import { socialSecurityCardApplication } from '../cases/testing/intake-fixtures';
import {
  applicationFor,
  identityApp,
  newDraft,
  ok,
  personOf,
  readSample,
  refused,
  useReader,
  verifyWithCard,
  type IdentityTestApp,
} from './testing/identity-app';

let t: IdentityTestApp;
afterEach(() => t?.dispose());

async function setup(): Promise<IdentityTestApp> {
  t = await identityApp();
  await useReader(t.app, { driver: 'simulated' });
  return t;
}

describe('人证核验 at intake', () => {
  it('fills the form from the chip (full number), verifies 人证一致, and only then accepts', async () => {
    const { app } = await setup();
    const caseId = await newDraft(app, 'clerk');
    const read = await readSample(app, 'clerk', 'zhangsan-adult');
    expect(read).toMatchObject({
      idType: 'resident-id',
      problems: [],
      photoAvailable: true,
      minor: false,
      card: { idNumber: '500101199003070014', validTo: 'long-term' },
    });
    const application = applicationFor(caseId, read);
    expect(await refused(app, 'clerk', 'intake:accept', { application })).toMatchObject({
      code: 'formal-check-failed',
      details: { fields: [{ path: 'applicant', code: 'identity-not-verified' }] },
    });
    const v = await ok<VerificationView>(app, 'clerk', 'identity:verify', {
      caseId,
      role: 'applicant',
      method: 'chip-visual',
      readId: read.readId,
      person: personOf(read),
      confirmedMatch: true,
    });
    expect(v).toMatchObject({
      role: 'applicant',
      method: 'chip-visual',
      result: 'pass',
      problems: [],
      idNumberMasked: '5001**********0014',
      photoShown: true,
      chipDataHeld: true,
      current: true,
      verifiedBy: { name: 'clerk1' },
    });
    expect(v.chipSha256).toMatch(/^[0-9a-f]{64}$/);
    // The verification record holds a hash, not the chip data; the read is used up.
    expect(JSON.stringify(v)).not.toContain('500101199003070014');
    expect(await refused(app, 'clerk', 'reader:read', { readId: read.readId })).toMatchObject({
      code: 'card-read-expired',
    });
    expect(await ok<DecisionView>(app, 'clerk', 'intake:accept', { application })).toMatchObject({
      outcome: 'accepted',
    });
    const audit = await ok<{ action: string; details: Record<string, unknown> }[]>(app, 'supervisor', 'audit:list', {
      action: 'identity.verify',
    });
    expect(audit[0]?.details).toMatchObject({
      role: 'applicant',
      result: 'pass',
      idNumber: '5001**********0014',
      chipSha256: v.chipSha256,
    });
  });

  it('fails an expired card and blocks acceptance with the reason', async () => {
    const { app } = await setup();
    const caseId = await newDraft(app, 'clerk');
    const read = await readSample(app, 'clerk', 'zhaoliu-expired');
    expect(read.problems).toEqual(['card-expired']);
    const v = await ok<VerificationView>(app, 'clerk', 'identity:verify', {
      caseId,
      role: 'applicant',
      method: 'chip-visual',
      readId: read.readId,
      person: personOf(read),
      confirmedMatch: true,
    });
    expect(v).toMatchObject({ result: 'fail', problems: ['card-expired'], chipDataHeld: false });
    expect(await refused(app, 'clerk', 'intake:accept', { application: applicationFor(caseId, read) })).toMatchObject({
      details: {
        fields: [
          { path: 'applicant', code: 'identity-failed' },
          { path: 'applicant', code: 'card-expired' },
        ],
      },
    });
  });

  it('flags a card that is not the person on the form, and a clerk who does not confirm 人证一致', async () => {
    const { app } = await setup();
    const caseId = await newDraft(app, 'clerk');
    const read = await readSample(app, 'clerk', 'lisi-adult');
    const zhang = { name: '张三', idType: 'resident-id', idNumber: '500101199003070014' };
    const mismatch = await ok<VerificationView>(app, 'clerk', 'identity:verify', {
      caseId,
      role: 'applicant',
      method: 'chip-visual',
      readId: read.readId,
      person: zhang,
      confirmedMatch: true,
    });
    expect(mismatch).toMatchObject({ result: 'fail', problems: ['name-mismatch', 'number-mismatch'] });
    // A failed verification keeps the read: the clerk may correct the form and try again.
    const refusedMatch = await ok<VerificationView>(app, 'clerk', 'identity:verify', {
      caseId,
      role: 'applicant',
      method: 'chip-visual',
      readId: read.readId,
      person: personOf(read),
      confirmedMatch: false,
    });
    expect(refusedMatch).toMatchObject({ result: 'fail', problems: ['person-not-confirmed'] });
    expect(
      await refused(app, 'clerk', 'intake:accept', { application: socialSecurityCardApplication(caseId) }),
    ).toMatchObject({
      details: {
        fields: [
          { path: 'applicant', code: 'identity-failed' },
          { path: 'applicant', code: 'person-not-confirmed' },
        ],
      },
    });
    const list = await ok<IdentityListView>(app, 'clerk', 'identity:list', {
      caseId,
      application: socialSecurityCardApplication(caseId),
    });
    expect(list.verifications.map((x) => [x.result, x.current])).toEqual([
      ['fail', true],
      ['fail', false],
    ]);
    expect(list.problems).toEqual([
      { path: 'applicant', code: 'identity-failed' },
      { path: 'applicant', code: 'person-not-confirmed' },
    ]);
  });

  it('needs a verified adult guardian for a minor applicant', async () => {
    const { app } = await setup();
    const caseId = await newDraft(app, 'clerk');
    const child = await readSample(app, 'clerk', 'wangxiaoming-minor');
    expect(child.minor).toBe(true);
    await ok(app, 'clerk', 'identity:verify', {
      caseId,
      role: 'applicant',
      method: 'chip-visual',
      readId: child.readId,
      person: personOf(child),
      confirmedMatch: true,
    });
    const application = applicationFor(caseId, child);
    expect(await refused(app, 'clerk', 'intake:accept', { application })).toMatchObject({
      details: { fields: [{ path: 'guardian', code: 'guardian-required' }] },
    });
    await verifyWithCard(app, 'clerk', caseId, 'guardian', 'wangjianguo-guardian');
    expect(await ok<DecisionView>(app, 'clerk', 'intake:accept', { application })).toMatchObject({
      outcome: 'accepted',
    });
  });

  it('lets a supervisor override a role with a reason, audited; clerks and helpers may not', async () => {
    const { app } = await setup();
    const caseId = await newDraft(app, 'clerk');
    const input = { caseId, role: 'applicant', reason: '读卡器故障且证件芯片损坏，已核对户口簿原件' };
    expect(await refused(app, 'clerk', 'identity:override', input)).toMatchObject({ code: 'forbidden' });
    expect(await refused(app, 'helper', 'identity:override', input)).toMatchObject({ code: 'forbidden' });
    expect(await refused(app, 'supervisor', 'identity:override', { ...input, reason: '无' })).toMatchObject({
      code: 'invalid-input',
    });
    const o = await ok<OverrideView>(app, 'supervisor', 'identity:override', input);
    expect(o).toMatchObject({ role: 'applicant', approvedBy: { name: 'supervisor1' }, current: true });
    expect(
      await ok<DecisionView>(app, 'clerk', 'intake:accept', { application: socialSecurityCardApplication(caseId) }),
    ).toMatchObject({ outcome: 'accepted' });
    const audit = await ok<{ action: string; actorName: string; details: Record<string, unknown> }[]>(
      app,
      'supervisor',
      'audit:list',
      { action: 'identity.override' },
    );
    expect(audit).toMatchObject([{ actorName: 'supervisor1', details: { role: 'applicant', reason: input.reason } }]);
    // Nothing can be overridden once the case is decided.
    expect(await refused(app, 'supervisor', 'identity:override', input)).toMatchObject({ code: 'case-decided' });
  });

  it('代办 verifies the agent; 帮办 by a township helper verifies the applicant, recorded against the helper', async () => {
    const { app } = await setup();
    const caseId = await newDraft(app, 'clerk');
    const agent = await readSample(app, 'clerk', 'lisi-adult');
    const proxy = socialSecurityCardApplication(caseId, {
      mode: 'proxy',
      agent: {
        name: agent.card.name,
        idType: agent.idType,
        idNumber: agent.card.idNumber,
        phone: '13900139000',
        address: '',
        relationship: '朋友',
      },
      materials: [
        ...socialSecurityCardApplication(caseId).materials,
        { code: 'AGENT-AUTH', handling: 'kept-to-mail', pages: 1 },
        { code: 'AGENT-ID', handling: 'kept-to-mail', pages: 1 },
        { code: 'RELATION-PROOF', handling: 'kept-to-mail', pages: 1 },
      ],
    });
    expect(await refused(app, 'clerk', 'intake:accept', { application: proxy })).toMatchObject({
      details: { fields: [{ path: 'agent', code: 'identity-not-verified' }] },
    });
    await ok(app, 'clerk', 'identity:verify', {
      caseId,
      role: 'agent',
      method: 'chip-visual',
      readId: agent.readId,
      person: personOf(agent),
      confirmedMatch: true,
    });
    expect(await ok<DecisionView>(app, 'clerk', 'intake:accept', { application: proxy })).toMatchObject({
      outcome: 'accepted',
    });

    const helperCase = await newDraft(app, 'helper');
    const v = await verifyWithCard(app, 'helper', helperCase, 'applicant', 'zhangsan-adult');
    expect(v.verifiedBy.name).toBe('helper1');
    expect(
      await ok<DecisionView>(app, 'helper', 'intake:accept', {
        application: socialSecurityCardApplication(helperCase, { mode: 'assisted' }),
      }),
    ).toMatchObject({ outcome: 'accepted' });
    // The helper sees only their own cases' verifications.
    expect(await refused(app, 'helper', 'identity:list', { caseId })).toMatchObject({ code: 'not-found' });
    expect((await ok<IdentityListView>(app, 'clerk', 'identity:list', { caseId })).verifications).toHaveLength(1);
  });

  it('takes the manual path (窗口人工核验) with a reason when there is no reader', async () => {
    t = await identityApp();
    const { app } = t;
    const caseId = await newDraft(app, 'clerk');
    expect(await refused(app, 'clerk', 'reader:read')).toMatchObject({ code: 'reader-not-configured' });
    const base = {
      caseId,
      role: 'applicant',
      method: 'manual',
      person: { name: '张三', idType: 'resident-id', idNumber: '500101199003070014' },
      confirmedMatch: true,
    };
    expect(await refused(app, 'clerk', 'identity:verify', base)).toMatchObject({
      code: 'invalid-input',
      details: { fields: [{ path: 'manualReason' }] },
    });
    const v = await ok<VerificationView>(app, 'clerk', 'identity:verify', {
      ...base,
      manualReason: '读卡器未接入，核对证件原件',
      validTo: 'long-term',
    });
    expect(v).toMatchObject({
      method: 'manual',
      result: 'pass',
      chipSha256: null,
      manualReason: '读卡器未接入，核对证件原件',
    });
    // A travel permit does not encode the birth date: the clerk must give it.
    const permit = {
      ...base,
      role: 'guardian',
      manualReason: '来往内地通行证',
      person: { name: '陈大文', idType: 'hk-mo-home-return', idNumber: 'H12345678' },
    };
    expect(await refused(app, 'clerk', 'identity:verify', permit)).toMatchObject({
      code: 'invalid-input',
      details: { fields: [{ path: 'birthDate', code: 'required' }] },
    });
    expect(
      await ok<VerificationView>(app, 'clerk', 'identity:verify', { ...permit, birthDate: '1970-05-01' }),
    ).toMatchObject({ result: 'pass', minor: false });
    expect(
      await ok<DecisionView>(app, 'clerk', 'intake:accept', { application: socialSecurityCardApplication(caseId) }),
    ).toMatchObject({ outcome: 'accepted' });
    expect(await refused(app, 'clerk', 'identity:verify', { ...base, manualReason: '再次核验' })).toMatchObject({
      code: 'case-decided',
    });
  });

  it('keeps verification out of 一次性告知 and 不予受理', async () => {
    const { app } = await setup();
    const caseId = await newDraft(app, 'clerk');
    const partial = socialSecurityCardApplication(caseId, {
      materials: [{ code: 'ID-DOC', handling: 'seen-returned', pages: 1 }],
    });
    expect(await ok<DecisionView>(app, 'clerk', 'intake:notifyIncomplete', { application: partial })).toMatchObject({
      outcome: 'incomplete',
    });
    const other = await newDraft(app, 'clerk');
    expect(
      await ok<DecisionView>(app, 'clerk', 'intake:reject', {
        application: socialSecurityCardApplication(other),
        reason: '不属于本窗口受理范围',
      }),
    ).toMatchObject({ outcome: 'rejected' });
  });
});

describe('roles of the identity commands', () => {
  it('declares who may call each command: counter staff read and verify, supervisors override, administrators configure', () => {
    const access = Object.fromEntries(
      Object.entries(identityCommands).map(([name, spec]) => [
        name,
        spec.access.kind === 'session' ? spec.access.roles : 'public',
      ]),
    );
    const counter = ['clerk', 'helper', 'supervisor'];
    expect(access).toEqual({
      'reader:status': counter,
      'reader:read': counter,
      'reader:testCards': counter,
      'reader:placeSimulatedCard': counter,
      'reader:removeSimulatedCard': counter,
      'identity:getSettings': ['admin'],
      'identity:updateSettings': ['admin'],
      'identity:verify': counter,
      'identity:list': counter,
      'identity:override': ['supervisor'],
      'identity:purgeChipData': ['admin'],
      'identity:faceMatch': counter,
      'identity:setFaceThreshold': ['admin'],
      'identity:openFaceNotice': counter,
      'identity:faceNoticeStatus': counter,
      'identity:faceNoticeView': 'public',
      'identity:faceNoticeAnswer': 'public',
    });
  });

  it('gives helpers the counter commands only; settings and purge are the administrator’s', async () => {
    const { app } = await setup();
    for (const name of ['identity:getSettings', 'identity:purgeChipData']) {
      for (const caller of ['helper', 'clerk', 'supervisor'])
        expect(await refused(app, caller, name)).toMatchObject({ code: 'forbidden' });
    }
    expect(
      await refused(app, 'helper', 'identity:updateSettings', await ok(app, 'admin', 'identity:getSettings')),
    ).toMatchObject({ code: 'forbidden' });
    for (const name of ['reader:status', 'reader:testCards', 'reader:read', 'identity:verify', 'identity:list']) {
      expect(await refused(app, 'admin', name, {})).toMatchObject({ code: 'forbidden' });
    }
    expect(await ok(app, 'helper', 'reader:status')).toMatchObject({ driver: 'simulated' });
    expect((await ok<unknown[]>(app, 'helper', 'reader:testCards')).length).toBeGreaterThanOrEqual(6);
    expect(await refused(app, 'anonymous', 'reader:status')).toMatchObject({ code: 'unauthenticated' });
    const audit = await ok<{ action: string; details: { command: string; role: string } }[]>(
      app,
      'admin',
      'audit:list',
      { action: 'auth.forbidden' },
    );
    expect(audit.some((e) => e.details.role === 'helper' && e.details.command === 'identity:override')).toBe(false);
    expect(audit.some((e) => e.details.role === 'helper' && e.details.command === 'identity:getSettings')).toBe(true);
  });

  it('masks ID numbers in the sample card list', async () => {
    const { app } = await setup();
    const cards = await ok<{ cardId: string; idNumberMasked: string }[]>(app, 'clerk', 'reader:testCards');
    expect(cards.find((c) => c.cardId === 'zhangsan-adult')?.idNumberMasked).toBe('5001**********0014');
    expect(JSON.stringify(cards)).not.toMatch(/\d{18}/);
  });
});
