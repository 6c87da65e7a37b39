// Test data: 好差评 record manifests of a case.
import { randomUUID } from 'node:crypto';
import type { FollowUpManifest, FollowUpStepManifest, RatingManifest } from '@tongban/protocol/sync/records';
import type { FollowUpStep } from '@tongban/protocol/supervisor/ratings';

/** A 差评 with a real-name contact for `caseId`. */
export function testRating(caseId: string, overrides: Partial<RatingManifest> = {}): RatingManifest {
  return {
    ratingId: randomUUID(),
    caseId,
    level: 2,
    indicators: ['attitude'],
    comment: '等候时间太长',
    realName: true,
    contact: { name: '王小明', phone: '13800138000' },
    channel: 'window-device',
    hallDivision: '500101',
    windowCode: '50010112',
    clerkId: 2,
    matterCode: 'M-0001',
    ratedAt: '2026-11-30T02:00:00.000Z',
    ...overrides,
  };
}

/** The follow-up a 差评 opened. */
export function testFollowUp(rating: RatingManifest): FollowUpManifest {
  return {
    followUpId: randomUUID(),
    caseId: rating.caseId,
    ratingId: rating.ratingId,
    openedAt: rating.ratedAt,
    dueDate: '2026-12-21',
    workingDays: 15,
    calendarVersion: '2026.1',
  };
}

/** One step of a follow-up. */
export function testStep(
  f: FollowUpManifest,
  step: FollowUpStep,
  at = '2026-12-01T02:00:00.000Z',
): FollowUpStepManifest {
  return {
    stepId: randomUUID(),
    followUpId: f.followUpId,
    caseId: f.caseId,
    step,
    note: `${step} 记录`,
    contacted: step === 'callback' ? true : null,
    finding: step === 'verify' ? 'partly' : null,
    byName: '周主管',
    at,
  };
}

/** The path of a record's PUT. */
export function recordPath(m: RatingManifest | FollowUpManifest | FollowUpStepManifest): { path: string; key: string } {
  if ('stepId' in m)
    return { path: `/v1/cases/${m.caseId}/follow-ups/${m.followUpId}/steps/${m.stepId}`, key: m.stepId };
  if ('followUpId' in m) return { path: `/v1/cases/${m.caseId}/follow-ups/${m.followUpId}`, key: m.followUpId };
  return { path: `/v1/cases/${m.caseId}/ratings/${m.ratingId}`, key: m.ratingId };
}
