// 人证核验 per person of a case, the supervisor's override, the acceptance precondition, and the
// purge of chip data once the case no longer needs it.
import type Database from 'better-sqlite3-multiple-ciphers';
import { SYSTEM_ACTOR, type AuditLog } from '../audit/audit-log';
import type { Application } from '@tongban/protocol/cases/application';
import { identityAcceptanceProblems, type VerificationFacts } from '@common/identity/acceptance';
import { idTypeOfCard, type CardRead } from '@common/identity/card';
import {
  cardProblems,
  identityOfCard,
  isExpired,
  isMinor,
  numberFacts,
  personMatchProblems,
  type VerificationProblem,
} from '@common/identity/checks';
import type {
  IdentityListView,
  OverrideView,
  VerificationRole,
  VerificationView,
  VerifyInput,
} from '@common/identity/verification';
import { AppError } from '@common/errors';
import type { FieldProblem } from '@common/result';
import { chinaDate } from '@common/time';
import { foldWidth } from '@tongban/protocol/validators/input';
import type { CasesRepo } from '../cases/cases-repo';
import type { DraftsRepo } from '../cases/drafts-repo';
import type { Staff } from '../cases/intake-service';
import { IdentityRepo, type FaceMatchRecord, type OverrideRecord, type VerificationRecord } from './identity-repo';
import type { ReaderService } from './reader-service';
import { canWorkOnDraft, ownDraft, visibleCase } from '../cases/case-access';

/** What the identity service needs. */
export interface IdentityServiceDeps {
  db: Database.Database;
  audit: AuditLog;
  reader: ReaderService;
  drafts: DraftsRepo;
  cases: CasesRepo;
  now: () => Date;
  mask: (idNumber: string) => string;
  retentionDays: () => number;
}

/** What a verification establishes from the card itself. */
export type Established = Omit<
  VerificationRecord,
  | 'id'
  | 'caseId'
  | 'role'
  | 'method'
  | 'result'
  | 'problems'
  | 'confirmedMatch'
  | 'verifiedBy'
  | 'verifiedByName'
  | 'verifiedAt'
  | 'chipDataHeld'
>;

/** Verifications, overrides and chip data of cases. */
export class IdentityService {
  readonly repo: IdentityRepo;

  constructor(private readonly deps: IdentityServiceDeps) {
    this.repo = new IdentityRepo(deps.db);
  }

  /** Records one verification of one person; it fails (and is recorded so) when any check finds a problem. */
  verify(staff: Staff, input: VerifyInput): VerificationView {
    this.openCase(staff, input.caseId);
    const now = this.deps.now();
    const today = chinaDate(now);
    const held = input.method === 'chip-visual' ? this.deps.reader.peek(input.readId) : null;
    if (input.method === 'chip-visual' && !held)
      throw new AppError('card-read-expired', 'that card read is no longer held; read the card again');
    let problems: VerificationProblem[];
    let established: Established;
    if (held) {
      const card = held.card;
      problems = [...cardProblems(card, now, today), ...personMatchProblems(identityOfCard(card), input.person)];
      established = establishedOfCard(card, held.chipSha256);
    } else if (input.method === 'manual') {
      const idNumber = foldWidth(input.person.idNumber).trim().toUpperCase();
      const facts = numberFacts(input.person.idType, idNumber, now);
      if (facts.valid && !facts.birthDate && !input.birthDate)
        throw new AppError('invalid-input', 'birth date needed for this document', {
          fields: [{ path: 'birthDate', code: 'required' }],
        });
      problems = facts.valid ? [] : ['card-number-invalid'];
      if (facts.birthDate && input.birthDate && facts.birthDate !== input.birthDate)
        problems.push('card-birthdate-mismatch');
      if (input.validTo && isExpired(input.validTo, today)) problems.push('card-expired');
      established = {
        idType: input.person.idType,
        cardDocType: null,
        name: input.person.name,
        nameEn: null,
        idNumber,
        birthDate: facts.birthDate ?? input.birthDate ?? null,
        validTo: input.validTo ?? null,
        chipSha256: null,
        photoShown: false,
        manualReason: input.manualReason,
      };
    } else {
      throw new AppError('invalid-input', 'unknown method');
    }
    if (!input.confirmedMatch) problems.push('person-not-confirmed');
    const result = problems.length ? 'fail' : 'pass';
    const at = now.toISOString();
    const id = this.deps.db.transaction(() => {
      const verificationId = this.repo.insertVerification({
        caseId: input.caseId,
        role: input.role,
        method: input.method,
        result,
        problems,
        confirmedMatch: input.confirmedMatch,
        verifiedBy: staff.id,
        verifiedAt: at,
        ...established,
      });
      // Chip data is kept only for a verification that counts, and only until the case no longer needs it.
      if (held && result === 'pass') this.repo.storeChipData(verificationId, input.caseId, input.role, held.card, at);
      this.deps.audit.append({
        actor: staff,
        action: 'identity.verify',
        target: `case:${input.caseId}`,
        details: {
          verificationId,
          role: input.role,
          method: input.method,
          result,
          problems,
          idType: established.idType,
          idNumber: this.deps.mask(established.idNumber),
          ...(held
            ? { chipSha256: held.chipSha256, cardDocType: established.cardDocType }
            : { manualReason: established.manualReason }),
        },
      });
      return verificationId;
    })();
    if (held && result === 'pass') this.deps.reader.forget(held.readId);
    const view = this.list(staff, input.caseId).verifications.find((v) => v.id === id);
    if (!view) throw new AppError('internal', 'verification not stored');
    return view;
  }

  /** Attempts and overrides of a case; with the application, also what would block its acceptance now. */
  list(staff: Staff, caseId: string, app?: Application): IdentityListView {
    this.visibleCase(staff, caseId);
    const since = this.repo.lastDecidedAt(caseId);
    const verifications = this.repo.verifications(caseId);
    const overrides = this.repo.overrides(caseId);
    const faces = this.repo.faceMatches(caseId);
    const current = new Set(
      currentPerRole(verifications.filter((v) => !since || v.verifiedAt > since)).map((v) => v.id),
    );
    const currentOverrides = new Set(overrides.filter((o) => !since || o.approvedAt > since).map((o) => o.id));
    return {
      verifications: verifications.map((v) => ({ ...this.view(v, current.has(v.id)), ...faceView(faces.get(v.id)) })),
      overrides: overrides.map((o) => overrideView(o, currentOverrides.has(o.id))),
      problems: app ? this.acceptanceProblems(caseId, app) : null,
    };
  }

  /** A supervisor lets one role of a case through, with a reason; audited as identity.override. */
  override(staff: Staff, input: { caseId: string; role: VerificationRole; reason: string }): OverrideView {
    this.openCase(staff, input.caseId);
    const approvedAt = this.deps.now().toISOString();
    const id = this.deps.db.transaction(() => {
      const overrideId = this.repo.insertOverride({
        caseId: input.caseId,
        role: input.role,
        reason: input.reason,
        approvedBy: staff.id,
        approvedAt,
      });
      this.deps.audit.append({
        actor: staff,
        action: 'identity.override',
        target: `case:${input.caseId}`,
        details: { overrideId, role: input.role, reason: input.reason },
      });
      return overrideId;
    })();
    const record = this.repo.overrides(input.caseId).find((o) => o.id === id);
    if (!record) throw new AppError('internal', 'override not stored');
    return overrideView(record, true);
  }

  /** Identity problems that block accepting `app` (the acceptance precondition injected into IntakeService). */
  acceptanceProblems(caseId: string, app: Application): FieldProblem[] {
    const since = this.repo.lastDecidedAt(caseId);
    const latest: Partial<Record<VerificationRole, VerificationFacts>> = {};
    for (const v of currentPerRole(this.repo.verifications(caseId).filter((r) => !since || r.verifiedAt > since))) {
      latest[v.role] = {
        result: v.result,
        problems: v.problems,
        birthDate: v.birthDate,
        validTo: v.validTo,
        person: { name: v.name, nameEn: v.nameEn, idType: v.idType, idNumber: v.idNumber },
      };
    }
    const overridden = new Set(
      this.repo
        .overrides(caseId)
        .filter((o) => !since || o.approvedAt > since)
        .map((o) => o.role),
    );
    const now = this.deps.now();
    return identityAcceptanceProblems(app, { latest, overridden }, now, chinaDate(now));
  }

  /** Deletes chip data (and masks verified numbers) of cases delivered, or decided without delivery, more than the retention days ago. */
  purgeChipData(now: Date): { purged: number; minimised: number } {
    const cutoff = new Date(now.getTime() - this.deps.retentionDays() * 86_400_000).toISOString();
    const { chipRecords, minimised } = this.deps.db.transaction(() => {
      const done = this.repo.purge(cutoff, this.deps.mask, now.toISOString());
      if (done.chipRecords || done.minimised || done.frames)
        this.deps.audit.append({ actor: SYSTEM_ACTOR, action: 'identity.purge', details: { ...done, cutoff } });
      return done;
    })();
    return { purged: chipRecords, minimised };
  }

  /** A draft the staff member may work on (owner or supervisor), not yet accepted or rejected. */
  openCase(staff: Staff, caseId: string): void {
    const outcome = this.deps.cases.outcomeOf(caseId);
    if (outcome === 'accepted' || outcome === 'rejected')
      throw new AppError('case-decided', 'this case has already been decided');
    ownDraft(staff, this.deps.drafts.get(caseId));
  }

  /** A draft of the staff member (or any, for a supervisor), or a case they may see (helpers: their own). */
  private visibleCase(staff: Staff, caseId: string): void {
    const draft = this.deps.drafts.get(caseId);
    if (draft && canWorkOnDraft(staff, draft.ownerId)) return;
    visibleCase(staff, this.deps.cases.get(caseId), (c) => c.clerkId);
  }

  private view(v: VerificationRecord, current: boolean): VerificationView {
    return {
      id: v.id,
      caseId: v.caseId,
      role: v.role,
      method: v.method,
      result: v.result,
      problems: v.problems,
      idType: v.idType,
      cardDocType: v.cardDocType,
      name: v.name,
      idNumberMasked: this.deps.mask(v.idNumber),
      minor: v.birthDate ? isMinor(v.birthDate, chinaDate(new Date(v.verifiedAt))) : null,
      validTo: v.validTo,
      chipSha256: v.chipSha256,
      photoShown: v.photoShown,
      manualReason: v.manualReason,
      confirmedMatch: v.confirmedMatch,
      verifiedBy: { id: v.verifiedBy, name: v.verifiedByName },
      verifiedAt: v.verifiedAt,
      chipDataHeld: v.chipDataHeld,
      current,
    };
  }
}

/** What a chip read establishes (chip-visual and face-match). */
export function establishedOfCard(card: CardRead, chipSha256: string): Established {
  return {
    idType: idTypeOfCard(card.docType),
    cardDocType: card.docType,
    name: card.name,
    nameEn: card.nameEn ?? null,
    idNumber: card.idNumber,
    birthDate: card.birthDate,
    validTo: card.validTo,
    chipSha256,
    photoShown: card.photo !== undefined,
    manualReason: null,
  };
}

/** The newest attempt of each role, from a newest-first list. */
function currentPerRole(newestFirst: VerificationRecord[]): VerificationRecord[] {
  const seen = new Set<VerificationRole>();
  return newestFirst.filter((v) => !seen.has(v.role) && seen.add(v.role));
}

function faceView(m: (FaceMatchRecord & { frameHeld: boolean }) | undefined): Pick<VerificationView, 'faceMatch'> {
  if (!m) return {};
  return {
    faceMatch: {
      similarity: m.similarity,
      threshold: m.threshold,
      model: m.model,
      modelVersion: m.modelVersion,
      frameSha256: m.frameSha256,
      frameHeld: m.frameHeld,
      facesInFrame: m.facesInFrame,
      realScore: m.realScore,
      liveScore: m.liveScore,
    },
  };
}

function overrideView(o: OverrideRecord, current: boolean): OverrideView {
  return {
    id: o.id,
    caseId: o.caseId,
    role: o.role,
    reason: o.reason,
    approvedBy: { id: o.approvedBy, name: o.approvedByName },
    approvedAt: o.approvedAt,
    current,
  };
}
