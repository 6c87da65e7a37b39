import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Actor, AuditLog } from '../audit/audit-log';
import type { Application } from '@tongban/protocol/cases/application';
import type { AttachmentInfo, CaseMaterial, CaseOutcome } from '@common/cases/case-types';
import {
  formalCheck,
  isMaterialRequired,
  materialsFor,
  type FormalCheckResult,
  type MissingMaterial,
} from '@common/cases/formal-check';
import { formatReceiptNumber } from '@common/cases/receipt-number';
import { acceptanceModeOf, type Matter, type Situation } from '@tongban/protocol/catalogue/schema';
import { AppError } from '@common/errors';
import type { Hall } from '@common/hall';
import type { FieldProblem } from '@common/result';
import { chinaDate } from '@common/time';
import { maskIdNumber } from '@tongban/protocol/validators';
import { AttachmentsRepo, type AttachmentMeta } from './attachments-repo';
import { findSituation, type CatalogueSource } from './catalogue-source';
import { CasesRepo, type CaseRecord } from './cases-repo';
import { DraftsRepo, type DraftRecord } from './drafts-repo';
import { sniffScanType } from './file-types';
import { uuidv7 } from './ids';
import { ownDraft } from './case-access';
import { noticeBlockers, noticeItems } from '@common/cases/notice-items';
import { enqueueCaseWork } from '../sync/outbox';

/** Documents one window can number in a day (four digits on the receipt). */
export const MAX_DAILY_DOCUMENTS = 9999;

/** Largest scanned file accepted (bytes). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** The staff member acting, with the role that decides what they may touch. */
export interface Staff extends Actor {
  id: number;
  role: 'clerk' | 'helper' | 'supervisor' | 'admin';
}

/** What a decided case returns to the window. */
export interface Decision {
  caseId: string;
  outcome: CaseOutcome;
  documentNo: string;
  missing: MissingMaterial[];
}

/** A draft about to be decided, with what deciding it needs. */
interface Prepared {
  matter: Matter;
  situation: Situation;
  draft: DraftRecord;
  attachments: AttachmentMeta[];
  /** The case was told 一次性告知 before and is completed now. */
  incomplete: boolean;
  result: FormalCheckResult;
}

/** Drafts, attachments and the three window outcomes, each one SQLite transaction. */
export class IntakeService {
  readonly drafts: DraftsRepo;
  readonly attachments: AttachmentsRepo;
  readonly cases: CasesRepo;

  constructor(
    private readonly db: Database.Database,
    private readonly audit: AuditLog,
    private readonly catalogue: CatalogueSource,
    private readonly hall: () => Hall,
    private readonly now: () => Date,
    /** 人证核验 precondition of 受理 (src-main/identity): problems on 'applicant', 'agent' or 'guardian' that block acceptance. */
    private readonly verificationProblems: (caseId: string, app: Application) => FieldProblem[] = () => [],
  ) {
    this.drafts = new DraftsRepo(db);
    this.attachments = new AttachmentsRepo(db);
    this.cases = new CasesRepo(db);
  }

  createDraft(staff: Staff): string {
    const caseId = uuidv7(this.now().getTime());
    this.drafts.insert(caseId, staff.id, {}, this.now().toISOString());
    return caseId;
  }

  /** Re-opens a 待补齐 case as a draft under the same case id, pre-filled with what was submitted. */
  resumeIncomplete(staff: Staff, caseId: string): string {
    const stored = this.cases.get(caseId);
    if (!stored || stored.outcome !== 'incomplete') throw new AppError('not-found', 'no incomplete case with that id');
    if (!this.drafts.get(caseId)) {
      const application = JSON.parse(stored.application) as Application;
      this.drafts.insert(caseId, staff.id, { resumedFrom: stored.noticeNo, application }, this.now().toISOString());
    }
    return caseId;
  }

  saveDraft(
    staff: Staff,
    caseId: string,
    fields: { matterCode: string | null; situationCode: string | null; data: unknown },
  ): void {
    this.ownedDraft(staff, caseId);
    this.drafts.update(caseId, fields, this.now().toISOString());
  }

  discardDraft(staff: Staff, caseId: string): void {
    this.ownedDraft(staff, caseId);
    this.db.transaction(() => {
      for (const a of this.attachments.listByCase(caseId))
        if (this.cases.outcomeOf(caseId) === null) this.attachments.remove(a.attachmentId);
      this.drafts.delete(caseId);
    })();
  }

  /** Stores a scanned file for a draft after checking its type by content and its size. */
  addAttachment(
    staff: Staff,
    input: { caseId: string; materialCode: string; fileName: string; bytes: Buffer },
  ): AttachmentInfo {
    this.ownedDraft(staff, input.caseId);
    return this.storeAttachment(staff, input);
  }

  /** Checks a scanned file (type by content, size) and stores it for a case or one of its supplements. */
  storeAttachment(
    staff: Staff,
    input: { caseId: string; supplementId?: string; materialCode: string; fileName: string; bytes: Buffer },
  ): AttachmentInfo {
    if (input.bytes.length === 0 || input.bytes.length > MAX_ATTACHMENT_BYTES) {
      throw new AppError('unsupported-file', 'file empty or too large', {
        fields: [{ path: 'file', code: input.bytes.length ? 'file-too-large' : 'file-empty' }],
        maxBytes: MAX_ATTACHMENT_BYTES,
      });
    }
    const mediaType = sniffScanType(input.bytes);
    if (!mediaType)
      throw new AppError('unsupported-file', 'not a JPEG, PNG or PDF', {
        fields: [{ path: 'file', code: 'file-type' }],
      });
    const meta = {
      attachmentId: uuidv7(this.now().getTime()),
      caseId: input.caseId,
      materialCode: input.materialCode,
      fileName: input.fileName,
      mediaType,
      size: input.bytes.length,
      sha256: createHash('sha256').update(input.bytes).digest('hex'),
      addedAt: this.now().toISOString(),
      supplementId: input.supplementId ?? null,
    };
    this.attachments.add(meta, input.bytes, staff.id);
    const { attachmentId, materialCode, fileName, size, sha256 } = meta;
    return { attachmentId, materialCode, fileName, mediaType, size, sha256 };
  }

  removeAttachment(staff: Staff, attachmentId: string): void {
    const meta = this.attachments.get(attachmentId);
    if (!meta) throw new AppError('not-found', 'no such attachment');
    this.ownedDraft(staff, meta.caseId);
    this.attachments.remove(attachmentId);
  }

  /** Runs 形式审查 for an application without saving anything. */
  check(app: Application): FormalCheckResult {
    const { matter, situation } = this.lookup(app);
    return this.runCheck(app, matter, situation);
  }

  /** 受理: every required field and material present; saves case, materials, outbox rows and audit entry in one transaction. */
  accept(staff: Staff, app: Application): Decision {
    const prepared = this.prepare(staff, app);
    this.refuseGuidanceOnly(prepared.matter);
    const { result } = prepared;
    // Identity verification joins the formal check's field problems (notifyIncomplete and reject do not need it).
    const fields = [...result.fieldErrors, ...this.verificationProblems(app.caseId, app)];
    if (fields.length)
      throw new AppError('formal-check-failed', 'formal check failed', { fields, missing: result.missingMaterials });
    if (result.missingMaterials.length)
      throw new AppError('materials-missing', 'materials missing', { missing: result.missingMaterials });
    return this.decide(staff, app, prepared, 'accepted', result, null);
  }

  /** 一次性告知: lists everything missing at once; the case is kept as 待补齐. */
  notifyIncomplete(staff: Staff, app: Application): Decision {
    const prepared = this.prepare(staff, app);
    this.refuseGuidanceOnly(prepared.matter);
    const { situation, result } = prepared;
    // The 一次性告知 rule of common/cases/notice-items.ts, the same the review step's button follows.
    const blockers = noticeBlockers(result.fieldErrors);
    if (blockers.length) throw new AppError('formal-check-failed', 'fix these before a notice', { fields: blockers });
    const missing = noticeItems(result, situation);
    if (!missing.length) throw new AppError('nothing-missing', 'nothing is missing; accept the case instead');
    return this.decide(staff, app, prepared, 'incomplete', { ...result, missingMaterials: missing }, null);
  }

  /**
   * 不予收件 (the window cannot take it: not a 跨省通办 matter here, applicant out of scope, 仅指引): needs a
   * reason; the 不予收件告知书 says where and how to apply instead. Only under 委托受理 is it a 不予受理 in the
   * department's name, which must then name the department's configured 复议机关 and court.
   */
  reject(staff: Staff, app: Application, reason: string): Decision {
    const prepared = this.prepare(staff, app);
    if (acceptanceModeOf(prepared.matter) === '委托受理') {
      const department = this.catalogue.route(app.matterCode, app.localityDivision)?.department;
      if (!department?.reviewBody || !department.court)
        throw new AppError('remedy-not-configured', 'the department has not configured its 复议机关 and court', {
          fields: [{ path: 'localityDivision', code: 'remedy-not-configured' }],
        });
    }
    const { result } = prepared;
    const identityErrors = result.fieldErrors.filter((f) => f.path.startsWith('applicant.'));
    if (identityErrors.length)
      throw new AppError('formal-check-failed', 'applicant identity incomplete', { fields: identityErrors });
    return this.decide(staff, app, prepared, 'rejected', { ...result, missingMaterials: [] }, reason);
  }

  /** 仅指引 matters end only in guidance (a 不予收件告知书 naming where to go): never 收件 or 补正. */
  private refuseGuidanceOnly(matter: Matter): void {
    if (acceptanceModeOf(matter) === '仅指引')
      throw new AppError('guidance-only', `${matter.name} is 仅指引 at this window`, {
        fields: [{ path: 'matterCode', code: 'guidance-only' }],
      });
  }

  /** What every outcome starts from (read once: 受理 is on the clerk's critical path). */
  private prepare(staff: Staff, app: Application): Prepared {
    const outcome = this.cases.outcomeOf(app.caseId);
    if (outcome === 'accepted' || outcome === 'rejected')
      throw new AppError('case-decided', 'this case has already been decided');
    const draft = this.ownedDraft(staff, app.caseId);
    const { matter, situation } = this.lookup(app);
    const attachments = this.attachments.listByCase(app.caseId);
    return {
      matter,
      situation,
      draft,
      attachments,
      incomplete: outcome === 'incomplete',
      result: this.runCheck(app, matter, situation, attachments),
    };
  }

  private lookup(app: Application): { matter: Matter; situation: Situation } {
    const found = findSituation(this.catalogue, app.matterCode, app.situationCode);
    if (!found)
      throw new AppError('invalid-input', 'unknown matter or situation', {
        fields: [{ path: 'matterCode', code: 'matter-unknown' }],
      });
    return found;
  }

  private runCheck(
    app: Application,
    matter: Matter,
    situation: Situation,
    attachments = this.attachments.listByCase(app.caseId),
  ): FormalCheckResult {
    const attachmentsByMaterial: Record<string, number> = {};
    for (const a of attachments)
      attachmentsByMaterial[a.materialCode] = (attachmentsByMaterial[a.materialCode] ?? 0) + 1;
    const result = formalCheck(app, {
      matter,
      situation,
      today: this.now(),
      attachmentsByMaterial,
      countyExists: (c) => this.catalogue.countyExists(c),
      divisionExists: (c) => this.catalogue.divisionName(c) !== null,
    });
    if (!this.catalogue.route(app.matterCode, app.localityDivision))
      result.fieldErrors.push({ path: 'localityDivision', code: 'route-unknown' });
    return result;
  }

  private decide(
    staff: Staff,
    app: Application,
    prepared: Prepared,
    outcome: CaseOutcome,
    result: FormalCheckResult,
    reason: string | null,
  ): Decision {
    const { matter, situation, draft, attachments } = prepared;
    const hall = this.hall();
    const at = this.now();
    const businessDate = chinaDate(at);
    const route = this.catalogue.route(app.matterCode, app.localityDivision);
    const materials: CaseMaterial[] = materialsFor(situation, app).map((m) => {
      const provided = app.materials.find((p) => p.code === m.code);
      return {
        code: m.code,
        name: m.name,
        handling: provided?.handling ?? 'not-provided',
        pages: provided?.pages ?? 0,
        required: isMaterialRequired(m, app),
      };
    });
    return this.db.transaction((): Decision => {
      const sequence = this.cases.nextSequence(hall.windowCode, businessDate);
      if (sequence > MAX_DAILY_DOCUMENTS)
        throw new AppError('conflict', 'the window has used all document numbers for today', {
          reason: 'numbers-exhausted',
        });
      const documentNo = formatReceiptNumber({ windowCode: hall.windowCode, date: businessDate, sequence });
      // Only a 待补齐 case completed now has a stored row (its notice number and start time carry over).
      const previous = prepared.incomplete ? this.cases.get(app.caseId) : null;
      const record: CaseRecord = {
        caseId: app.caseId,
        outcome,
        receiptNo: outcome === 'accepted' ? documentNo : null,
        noticeNo: outcome === 'accepted' ? (previous?.noticeNo ?? null) : documentNo,
        businessDate,
        startedAt: previous?.startedAt ?? draft.createdAt,
        decidedAt: at.toISOString(),
        clerkId: staff.id,
        windowCode: hall.windowCode,
        catalogueVersion: this.catalogue.version(),
        matterCode: matter.code,
        matterName: matter.name,
        situationCode: situation.code,
        situationName: situation.name,
        localityDivision: app.localityDivision,
        departmentId: route?.departmentId ?? null,
        departmentName: route?.departmentName ?? null,
        jointParts: route?.parts ? JSON.stringify(route.parts) : null,
        acceptanceMode: acceptanceModeOf(matter),
        mode: app.mode,
        applicantName: app.applicant.name.trim(),
        applicantIdType: app.applicant.idType,
        applicantIdNumber: app.applicant.idNumber.trim().toUpperCase(),
        applicantPhone: app.applicant.phone.trim() || null,
        agentName: app.agent?.name.trim() || null,
        agentIdNumber: app.agent?.idNumber.trim().toUpperCase() || null,
        agentRelationship: app.agent?.relationship || null,
        promisedDays: situation.promisedDays ?? matter.promisedDays,
        application: JSON.stringify(app),
        missing: result.missingMaterials.length ? JSON.stringify(result.missingMaterials) : null,
        rejectReason: reason,
      };
      if (!this.cases.save(record)) throw new AppError('case-decided', 'this case has already been decided');
      this.cases.replaceMaterials(app.caseId, materials, previous !== null);
      if (outcome === 'accepted') {
        const createdAt = at.toISOString();
        enqueueCaseWork(this.db, app.caseId, 'case', null, createdAt);
        for (const a of attachments) enqueueCaseWork(this.db, app.caseId, 'attachment', a.attachmentId, createdAt);
      }
      this.audit.append({
        actor: staff,
        action: `case.${outcome === 'accepted' ? 'accept' : outcome === 'incomplete' ? 'notify-incomplete' : 'reject'}`,
        target: `case:${app.caseId}`,
        details: {
          documentNo,
          matterCode: matter.code,
          situationCode: situation.code,
          mode: app.mode,
          applicantId: maskIdNumber(record.applicantIdNumber),
          missing: result.missingMaterials.map((m) => m.code),
          ...(reason ? { reason } : {}),
        },
      });
      this.drafts.delete(app.caseId);
      return { caseId: app.caseId, outcome, documentNo, missing: result.missingMaterials };
    })();
  }

  private ownedDraft(staff: Staff, caseId: string) {
    return ownDraft(staff, this.drafts.get(caseId));
  }
}
