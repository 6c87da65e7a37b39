// identity:faceMatch — 人证比对 of one person of a case. Main decides: it analyses the chip photo it
// holds and the frame the renderer captured, compares with the administrator's threshold and records
// a face-match verification (pass or fail, with the problem) plus the frame as evidence. A failed
// comparison leaves the clerk the manual verification and the supervisor's override, as before.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { AuditLog } from '../../audit/audit-log';
import { cardProblems, identityOfCard, personMatchProblems, type VerificationProblem } from '@common/identity/checks';
import type { FaceMatchInput, VerificationView } from '@common/identity/verification';
import { AppError } from '@common/errors';
import { chinaDate } from '@common/time';
import type { Staff } from '../../cases/intake-service';
import { establishedOfCard, type IdentityService } from '../identity-service';
import type { ReaderService } from '../reader-service';
import { compareFaces } from './face-compare';
import type { FaceEngine } from './face-engine';
import type { FaceNoticeService } from './face-notice-service';

/** What the face-match service needs. */
export interface FaceMatchDeps {
  db: Database.Database;
  audit: AuditLog;
  reader: ReaderService;
  identity: IdentityService;
  now: () => Date;
  mask: (idNumber: string) => string;
  /** The engine, created on first use (models load lazily). */
  engine: () => FaceEngine;
  threshold: () => number;
  notices: FaceNoticeService;
}

/** 人证比对 in main. */
export class FaceMatchService {
  constructor(private readonly deps: FaceMatchDeps) {}

  /** Compares the captured frame with the held chip photo and records the verification. */
  async compare(staff: Staff, input: FaceMatchInput): Promise<VerificationView> {
    this.deps.identity.openCase(staff, input.caseId);
    this.deps.notices.usable(input.noticeId, input.caseId, input.role);
    const held = this.deps.reader.peek(input.readId);
    if (!held) throw new AppError('card-read-expired', 'that card read is no longer held; read the card again');
    const photo = held.card.photo;
    if (!photo) throw new AppError('face-chip-photo-missing', 'this card read has no decoded chip photo to compare');
    const frame = Buffer.from(input.frame.base64, 'base64');
    const threshold = this.deps.threshold();
    const comparison = await compareFaces(this.deps.engine(), Buffer.from(photo.base64, 'base64'), frame, threshold);
    // The card may have been taken again or the case decided while the models worked.
    this.deps.identity.openCase(staff, input.caseId);
    if (!this.deps.reader.peek(input.readId))
      throw new AppError('card-read-expired', 'that card read is no longer held; read the card again');

    const now = this.deps.now();
    const problems: VerificationProblem[] = [
      ...cardProblems(held.card, now, chinaDate(now)),
      ...personMatchProblems(identityOfCard(held.card), input.person),
      ...(comparison.problem ? [comparison.problem] : []),
    ];
    const result = problems.length ? 'fail' : 'pass';
    const at = now.toISOString();
    const frameSha256 = createHash('sha256').update(frame).digest('hex');
    const established = establishedOfCard(held.card, held.chipSha256);
    const repo = this.deps.identity.repo;
    const id = this.deps.db.transaction(() => {
      // Checked again inside the transaction: a newer notice may have replaced it meanwhile.
      const notice = this.deps.notices.usable(input.noticeId, input.caseId, input.role);
      const verificationId = repo.insertVerification({
        caseId: input.caseId,
        role: input.role,
        method: 'face-match',
        result,
        problems,
        confirmedMatch: comparison.problem === null,
        verifiedBy: staff.id,
        verifiedAt: at,
        ...established,
      });
      repo.insertFaceMatch(
        {
          verificationId,
          caseId: input.caseId,
          similarity: comparison.similarity,
          threshold,
          model: comparison.model,
          modelVersion: comparison.modelVersion,
          frameSha256,
          frameMediaType: input.frame.mediaType,
          facesInFrame: comparison.facesInFrame,
          faceWidth: comparison.faceWidth,
          realScore: comparison.realScore,
          liveScore: comparison.liveScore,
          // Recorded for comparison only: it decides nothing.
          rendererScore: input.rendererScore ?? null,
          analysisMs: comparison.analysisMs,
          storedAt: at,
        },
        frame,
      );
      this.deps.notices.spend(notice.noticeId, verificationId);
      if (result === 'pass') repo.storeChipData(verificationId, input.caseId, input.role, held.card, at);
      this.deps.audit.append({
        actor: staff,
        action: 'identity.verify',
        target: `case:${input.caseId}`,
        details: {
          verificationId,
          role: input.role,
          method: 'face-match',
          result,
          problems,
          idType: established.idType,
          idNumber: this.deps.mask(established.idNumber),
          chipSha256: held.chipSha256,
          cardDocType: established.cardDocType,
          similarity: comparison.similarity,
          threshold,
          model: `${comparison.model}@${comparison.modelVersion}`,
          frameSha256,
          facesInFrame: comparison.facesInFrame,
          realScore: comparison.realScore,
          liveScore: comparison.liveScore,
          rendererScore: input.rendererScore ?? null,
          ...notice,
        },
      });
      return verificationId;
    })();
    if (result === 'pass') this.deps.reader.forget(held.readId);
    const view = this.deps.identity.list(staff, input.caseId).verifications.find((v) => v.id === id);
    if (!view) throw new AppError('internal', 'verification not stored');
    return view;
  }
}
