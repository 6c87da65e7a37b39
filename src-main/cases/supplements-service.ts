import type Database from 'better-sqlite3-multiple-ciphers';
import { statement } from '../db/statements';
import type { AuditLog } from '../audit/audit-log';
import type { AttachmentInfo } from '@common/cases/case-types';
import type { SupplementView } from '@common/contract/sync';
import { AppError } from '@common/errors';
import { uuidv7 } from './ids';
import type { IntakeService, Staff } from './intake-service';
import { enqueueCaseWork } from '../sync/outbox';

interface SupplementRow {
  supplement_id: string;
  case_id: string;
  submitted_at: string | null;
}

/** 补正 at the window: the department asked for more; the clerk adds materials and they are pushed as a supplement. */
export class SupplementsService {
  constructor(
    private readonly db: Database.Database,
    private readonly audit: AuditLog,
    private readonly intake: IntakeService,
    private readonly now: () => Date,
  ) {}

  /** Opens (or continues) the supplement of a case whose department status is 需补正. */
  start(staff: Staff, caseId: string): SupplementView {
    const c = statement<
      [string],
      { outcome: string; dept_status: string | null; dept_details: string | null; dept_case_version: number }
    >(this.db, 'SELECT outcome, dept_status, dept_details, dept_case_version FROM cases WHERE case_id = ?').get(caseId);
    if (!c || c.outcome !== 'accepted') throw new AppError('not-found', 'no accepted case with that id');
    if (c.dept_status !== 'supplement-requested')
      throw new AppError('conflict', 'the department has not asked for a supplement', { reason: 'not-requested' });
    // One answer per request: until the department asks again (a newer case version), a
    // supplement already submitted for this request is the answer (no second 提交补正).
    const answered = statement<[string, number], { n: number }>(
      this.db,
      'SELECT count(*) AS n FROM supplements WHERE case_id = ? AND submitted_at IS NOT NULL AND answers_version = ?',
    ).get(caseId, c.dept_case_version);
    if (answered && answered.n > 0)
      throw new AppError('conflict', 'this request was already answered', { reason: 'supplement-sent' });
    let row = statement<[string], SupplementRow>(
      this.db,
      'SELECT * FROM supplements WHERE case_id = ? AND submitted_at IS NULL',
    ).get(caseId);
    if (!row) {
      const supplementId = uuidv7(this.now().getTime());
      statement(
        this.db,
        "INSERT INTO supplements (supplement_id, case_id, materials, note, created_by, answers_version) VALUES (?, ?, '[]', '', ?, ?)",
      ).run(supplementId, caseId, staff.id, c.dept_case_version);
      row = { supplement_id: supplementId, case_id: caseId, submitted_at: null };
    }
    const details = c.dept_details ? (JSON.parse(c.dept_details) as { missing?: string[] }) : {};
    return {
      supplementId: row.supplement_id,
      caseId,
      requested: details.missing ?? [],
      attachments: this.attachmentsOf(row.supplement_id, caseId),
    };
  }

  attach(
    staff: Staff,
    supplementId: string,
    file: { materialCode: string; fileName: string; bytes: Buffer },
  ): AttachmentInfo {
    const row = this.open(supplementId);
    return this.intake.storeAttachment(staff, { caseId: row.case_id, supplementId, ...file });
  }

  /** Submits the supplement: one transaction with its outbox rows (manifest first, then its files) and the audit entry. */
  submit(staff: Staff, supplementId: string, materials: unknown[], note: string): void {
    const row = this.open(supplementId);
    const at = this.now().toISOString();
    this.db.transaction(() => {
      statement(
        this.db,
        'UPDATE supplements SET materials = ?, note = ?, submitted_at = ? WHERE supplement_id = ?',
      ).run(JSON.stringify(materials), note, at, supplementId);
      enqueueCaseWork(this.db, row.case_id, 'supplement', supplementId, at);
      for (const a of this.attachmentsOf(supplementId, row.case_id))
        enqueueCaseWork(this.db, row.case_id, 'attachment', a.attachmentId, at);
      statement(this.db, "UPDATE cases SET sync_state = 'sending' WHERE case_id = ?").run(row.case_id);
      this.audit.append({
        actor: staff,
        action: 'case.supplement',
        target: `case:${row.case_id}`,
        details: { supplementId, materials: materials.length },
      });
    })();
  }

  private open(supplementId: string): SupplementRow {
    const row = statement<[string], SupplementRow>(this.db, 'SELECT * FROM supplements WHERE supplement_id = ?').get(
      supplementId,
    );
    if (!row) throw new AppError('not-found', 'no such supplement');
    if (row.submitted_at) throw new AppError('case-decided', 'this supplement was already submitted');
    return row;
  }

  private attachmentsOf(supplementId: string, caseId: string): AttachmentInfo[] {
    return this.intake.attachments
      .listByCase(caseId)
      .filter((a) => a.supplementId === supplementId)
      .map(({ attachmentId, materialCode, fileName, mediaType, size, sha256 }) => ({
        attachmentId,
        materialCode,
        fileName,
        mediaType,
        size,
        sha256,
      }));
  }
}
