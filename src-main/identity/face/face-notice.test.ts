// The PIPL notice of 人证比对 reaches the applicant's own display (decision 0190): main records when the
// customer display fetched it and the applicant's answer there; identity:faceMatch refuses without that
// person's agreed notice (checked before any analysis). No face models are loaded here.
import { afterEach, describe, expect, it } from 'vitest';
import { FACE_NOTICE_TEXT, type FaceNoticeStatus, type FaceNoticeView } from '@common/identity/face-notice';
import { emptyFrame } from './testing/face-samples';
import {
  identityApp,
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

const DISPLAY = 'customer-display'; // a caller with no staff session, as the paired customer display

describe('人脸图像采集告知 on the customer display', () => {
  it('records the display fetching it and the applicant agreeing there; faceMatch needs that agreement', async () => {
    t = await identityApp();
    const { app } = t;
    await useReader(app, { driver: 'simulated' });
    const caseId = await newDraft(app, 'clerk');
    const read = await readSample(app, 'clerk', 'zhangsan-adult');
    const open = () =>
      ok<{ noticeId: string; ticket: string }>(app, 'clerk', 'identity:openFaceNotice', { caseId, role: 'applicant' });
    const status = (noticeId: string) => ok<FaceNoticeStatus>(app, 'clerk', 'identity:faceNoticeStatus', { noticeId });
    const match = (noticeId: string) =>
      refused(app, 'clerk', 'identity:faceMatch', {
        caseId,
        role: 'applicant',
        readId: read.readId,
        person: personOf(read),
        frame: { mediaType: 'image/jpeg', base64: emptyFrame().toString('base64') },
        noticeShown: true,
        noticeId,
      });

    const first = await open();
    expect(await status(first.noticeId)).toMatchObject({ shownAt: null, answer: null });
    // The renderer's flag alone is not enough: not shown on the display, not agreed → refused.
    expect(await match(first.noticeId)).toMatchObject({
      code: 'face-notice-invalid',
      details: { reason: 'notice-not-agreed' },
    });
    const hash = (await ok<FaceNoticeView>(app, DISPLAY, 'identity:faceNoticeView', { ticket: first.ticket }))
      .textSha256;
    // Answering needs the display to have fetched this very text, and no staff session.
    expect(
      await refused(app, 'clerk', 'identity:faceNoticeAnswer', {
        ticket: first.ticket,
        agreed: true,
        textSha256: hash,
      }),
    ).toMatchObject({ code: 'forbidden' });
    expect(
      await refused(app, DISPLAY, 'identity:faceNoticeAnswer', {
        ticket: first.ticket,
        agreed: true,
        textSha256: '0'.repeat(64),
      }),
    ).toMatchObject({ code: 'face-notice-invalid', details: { reason: 'notice-not-shown' } });
    await ok(app, DISPLAY, 'identity:faceNoticeAnswer', { ticket: first.ticket, agreed: false, textSha256: hash });
    expect(await status(first.noticeId)).toMatchObject({ shownAt: expect.any(String), answer: 'refused' });
    expect(await match(first.noticeId)).toMatchObject({ details: { reason: 'notice-not-agreed' } });

    // A new notice supersedes the old; the display shows main's text; the agreement unlocks the capture.
    const second = await open();
    expect(await refused(app, DISPLAY, 'identity:faceNoticeView', { ticket: first.ticket })).toMatchObject({
      code: 'conflict',
    });
    const view = await ok<FaceNoticeView>(app, DISPLAY, 'identity:faceNoticeView', { ticket: second.ticket });
    expect(view).toMatchObject({ role: 'applicant', text: FACE_NOTICE_TEXT, answer: null });
    await ok(app, DISPLAY, 'identity:faceNoticeAnswer', { ticket: second.ticket, agreed: true, textSha256: hash });
    expect(await status(second.noticeId)).toMatchObject({ answer: 'agreed', answeredAt: expect.any(String) });
    // Another case's or role's capture cannot borrow it.
    expect(
      await refused(app, 'clerk', 'identity:faceMatch', {
        caseId,
        role: 'agent',
        readId: read.readId,
        person: personOf(read),
        frame: { mediaType: 'image/jpeg', base64: emptyFrame().toString('base64') },
        noticeShown: true,
        noticeId: second.noticeId,
      }),
    ).toMatchObject({ details: { reason: 'notice-unknown' } });
    const audit = await ok<{ action: string; actorName: string; details: Record<string, unknown> }[]>(
      app,
      'supervisor',
      'audit:list',
      {},
    );
    const answers = audit.filter((a) => a.action === 'identity.face-notice-answer');
    expect(answers.map((a) => [a.actorName, a.details.answer])).toEqual([
      ['applicant', 'agreed'],
      ['applicant', 'refused'],
    ]);
    expect(answers[0]?.details).toMatchObject({ noticeId: second.noticeId, shownAt: expect.any(String) });
    expect(audit.filter((a) => a.action === 'identity.face-notice-open')).toHaveLength(2);
  });
});
