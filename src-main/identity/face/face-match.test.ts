// identity:faceMatch through the app: main decides from its own analysis of the chip photo it holds
// and of the captured frame; a renderer's score changes nothing; failures are recorded and audited and
// leave the manual verification and the supervisor's override; the frame is purged with chip data.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { VerificationView } from '@common/contract/identity';
import { FACE_THRESHOLD_RANGE } from '@common/identity/settings';
import { SAMPLE_PEOPLE, emptyFrame, LIVE_VARIATIONS, liveFrame } from './testing/face-samples';
import { CARD_PEOPLE } from './testing/make-card-photos';
import {
  identityApp,
  agreedNotice,
  newDraft,
  ok,
  personOf,
  readSample,
  refused,
  useReader,
  type IdentityTestApp,
} from '../testing/identity-app';

let t: IdentityTestApp;
afterEach(() => t?.dispose());

const person = (id: string) => {
  const p = SAMPLE_PEOPLE.find((s) => s.id === id);
  if (!p) throw new Error(id);
  return p;
};
const jpeg = (bytes: Buffer) => ({ mediaType: 'image/jpeg', base64: bytes.toString('base64') });
const variation = LIVE_VARIATIONS[0] ?? { mirror: true, rotateDeg: 0, brightness: 1, noise: 0, quality: 80 };

async function setup(): Promise<IdentityTestApp> {
  t = await identityApp();
  await useReader(t.app, { driver: 'simulated' });
  return t;
}

describe('人证比对 (identity:faceMatch)', () => {
  it('passes the card holder on camera, storing score, threshold, model, frame and its sha256', async () => {
    const { app } = await setup();
    const caseId = await newDraft(app, 'clerk');
    const read = await readSample(app, 'clerk', 'zhangsan-adult');
    const noticeId = await agreedNotice(app, 'clerk', caseId);
    const frame = liveFrame(person(CARD_PEOPLE['zhangsan-adult'] ?? ''), variation);
    const v = await ok<VerificationView>(app, 'clerk', 'identity:faceMatch', {
      caseId,
      role: 'applicant',
      readId: read.readId,
      person: personOf(read),
      frame: jpeg(frame),
      noticeShown: true,
      noticeId,
    });
    const sha = createHash('sha256').update(frame).digest('hex');
    expect(v).toMatchObject({
      method: 'face-match',
      result: 'pass',
      problems: [],
      confirmedMatch: true,
      chipDataHeld: true,
      faceMatch: { threshold: FACE_THRESHOLD_RANGE.default, model: 'human-faceres', modelVersion: '3.3.6' },
    });
    expect(v.faceMatch?.similarity).toBeGreaterThanOrEqual(FACE_THRESHOLD_RANGE.default);
    expect(v.faceMatch).toMatchObject({ frameSha256: sha, frameHeld: true, facesInFrame: 1 });
    expect(v.faceMatch?.liveScore).toEqual(expect.any(Number));
    expect(app.services.identity.service.repo.faceFrame(v.id)?.frame.equals(frame)).toBe(true);
    const audit = await ok<{ details: Record<string, unknown> }[]>(app, 'supervisor', 'audit:list', {
      action: 'identity.verify',
    });
    expect(audit[0]?.details).toMatchObject({
      method: 'face-match',
      result: 'pass',
      frameSha256: sha,
      noticeId,
      noticeShownAt: expect.any(String),
      noticeAgreedAt: expect.any(String),
    });
    expect(JSON.stringify(audit[0])).not.toContain('500101199003070014');

    // Chip data and frame go together: a discarded draft's are purged.
    await ok(app, 'clerk', 'drafts:discard', { caseId });
    await ok(app, 'admin', 'identity:purgeChipData');
    expect(app.services.identity.service.repo.faceFrame(v.id)).toBeNull();
    const after = app.services.identity.service.repo.faceMatches(caseId).get(v.id);
    expect(after).toMatchObject({ frameHeld: false, frameSha256: sha });
  });

  it('refuses another person even when the renderer claims a perfect score; manual fallback and override stay', async () => {
    const { app } = await setup();
    const caseId = await newDraft(app, 'clerk');
    const read = await readSample(app, 'clerk', 'zhangsan-adult');
    const noticeId = await agreedNotice(app, 'clerk', caseId);
    const impostor = liveFrame(person(CARD_PEOPLE['lisi-adult'] ?? ''), variation);
    const v = await ok<VerificationView>(app, 'clerk', 'identity:faceMatch', {
      caseId,
      role: 'applicant',
      readId: read.readId,
      person: personOf(read),
      frame: jpeg(impostor),
      noticeShown: true,
      noticeId,
      rendererScore: 0.99,
    });
    expect(v).toMatchObject({ method: 'face-match', result: 'fail', problems: ['face-below-threshold'] });
    expect(v.faceMatch?.similarity).toBeLessThan(FACE_THRESHOLD_RANGE.default);
    expect(app.services.identity.service.repo.faceMatches(caseId).get(v.id)?.rendererScore).toBe(0.99);
    // The read is still held: the clerk may capture again; with no face in view it says so.
    const none = await ok<VerificationView>(app, 'clerk', 'identity:faceMatch', {
      caseId,
      role: 'applicant',
      readId: read.readId,
      person: personOf(read),
      frame: jpeg(emptyFrame()),
      noticeShown: true,
      noticeId,
    });
    expect(none).toMatchObject({ result: 'fail', problems: ['face-none'], faceMatch: { facesInFrame: 0 } });
    // Fallback: manual verification with a reason, then the supervisor's override; all audited.
    const manual = await ok<VerificationView>(app, 'clerk', 'identity:verify', {
      caseId,
      role: 'applicant',
      method: 'manual',
      person: personOf(read),
      manualReason: '人证比对未通过，人工核对证件',
      confirmedMatch: true,
    });
    expect(manual).toMatchObject({ method: 'manual', result: 'pass' });
    await ok(app, 'supervisor', 'identity:override', { caseId, role: 'applicant', reason: '主管当面核实本人' });
    const audit = await ok<{ action: string; details: Record<string, unknown> }[]>(app, 'supervisor', 'audit:list', {});
    const verifies = audit.filter((a) => a.action === 'identity.verify').map((a) => a.details);
    expect(verifies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          method: 'face-match',
          result: 'fail',
          problems: ['face-below-threshold'],
          rendererScore: 0.99,
        }),
        expect.objectContaining({ method: 'manual', manualReason: '人证比对未通过，人工核对证件' }),
      ]),
    );
    expect(audit.some((a) => a.action === 'identity.override')).toBe(true);
  });

  it('refuses bad input before any analysis: no PIPL notice, a broken frame, a threshold outside the safe range', async () => {
    const { app } = await setup();
    const caseId = await newDraft(app, 'clerk');
    const read = await readSample(app, 'clerk', 'zhangsan-adult');
    const noticeId = await agreedNotice(app, 'clerk', caseId);
    const input = {
      caseId,
      role: 'applicant',
      readId: read.readId,
      person: personOf(read),
      noticeShown: true,
      noticeId,
    };
    expect(
      await refused(app, 'clerk', 'identity:faceMatch', { ...input, noticeShown: false, frame: jpeg(emptyFrame()) }),
    ).toMatchObject({ code: 'invalid-input' });
    expect(
      await refused(app, 'clerk', 'identity:faceMatch', { ...input, frame: jpeg(Buffer.from('not an image')) }),
    ).toMatchObject({ code: 'face-image-invalid' });
    // A threshold outside the safe range is refused even through the reader settings form's command.
    const settings = await ok<Record<string, unknown>>(app, 'admin', 'identity:getSettings');
    expect(
      await refused(app, 'admin', 'identity:updateSettings', { ...settings, faceMatch: { threshold: 0.3 } }),
    ).toMatchObject({ code: 'invalid-input' });
  });

  it('lets the administrator alone set the threshold within 0.60–0.85, audited old → new; the match uses it', async () => {
    const { app } = await setup();
    const caseId = await newDraft(app, 'clerk');
    // 李四 in a dim hall, head tilted: the same person, scoring between the default and the maximum.
    const dim = { mirror: true, rotateDeg: 14, brightness: 0.45, noise: 25, quality: 30 };
    const noticeId = await agreedNotice(app, 'clerk', caseId);
    const input = async () => {
      const read = await readSample(app, 'clerk', 'lisi-adult');
      const frame = jpeg(liveFrame(person(CARD_PEOPLE['lisi-adult'] ?? ''), dim));
      return {
        caseId,
        role: 'applicant',
        readId: read.readId,
        person: personOf(read),
        frame,
        noticeShown: true,
        noticeId,
      };
    };
    const first = await ok<VerificationView>(app, 'clerk', 'identity:faceMatch', await input());
    const similarity = first.faceMatch?.similarity ?? 0;
    expect(first).toMatchObject({ result: 'pass', faceMatch: { threshold: FACE_THRESHOLD_RANGE.default } });
    // Just above this person's score (inside the range): the same frame must now be refused.
    const raised = Math.ceil(similarity * 100 + 1) / 100;
    expect(raised).toBeLessThanOrEqual(FACE_THRESHOLD_RANGE.max);

    for (const caller of ['clerk', 'supervisor', 'helper'])
      expect(await refused(app, caller, 'identity:setFaceThreshold', { threshold: raised })).toMatchObject({
        code: 'forbidden',
      });
    for (const threshold of [0.59, 0.86, 0.3, 1])
      expect(await refused(app, 'admin', 'identity:setFaceThreshold', { threshold })).toMatchObject({
        code: 'invalid-input',
        details: { fields: [{ path: 'threshold', code: 'face-threshold-range' }] },
      });
    const thresholdOf = async () =>
      (await ok<{ faceMatch?: { threshold: number } }>(app, 'admin', 'identity:getSettings')).faceMatch?.threshold;
    expect(await thresholdOf()).toBeUndefined();
    const audited = () =>
      ok<{ details: unknown }[]>(app, 'supervisor', 'audit:list', { action: 'identity.face-threshold' });
    expect(await audited()).toEqual([]);

    expect(await ok(app, 'admin', 'identity:setFaceThreshold', { threshold: raised })).toMatchObject({
      faceMatch: { threshold: raised },
    });
    expect((await audited())[0]?.details).toEqual({ before: FACE_THRESHOLD_RANGE.default, after: raised });
    // Saving the reader settings (a stale form) does not undo it.
    await ok(app, 'admin', 'identity:updateSettings', {
      ...(await ok<object>(app, 'admin', 'identity:getSettings')),
      faceMatch: { threshold: 0.7 },
    });
    expect(await thresholdOf()).toBe(raised);

    const second = await ok<VerificationView>(app, 'clerk', 'identity:faceMatch', await input());
    expect(second).toMatchObject({
      result: 'fail',
      problems: ['face-below-threshold'],
      faceMatch: { threshold: raised },
    });
  });
});
