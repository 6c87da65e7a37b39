import type Database from 'better-sqlite3-multiple-ciphers';
import { statement } from '../db/statements';
import type { CaseMaterial, CaseOutcome, CasePartState } from '@common/cases/case-types';
import type { ApplyMode } from '@tongban/protocol/cases/application';
import type { SyncStateOfCase } from '@common/cases/case-types';

/** A case row as the service writes it (camelCase; mapped to snake_case here only). */
export interface CaseRecord {
  caseId: string;
  outcome: CaseOutcome;
  receiptNo: string | null;
  noticeNo: string | null;
  businessDate: string;
  startedAt: string;
  decidedAt: string;
  clerkId: number;
  windowCode: string;
  catalogueVersion: string;
  matterCode: string;
  matterName: string;
  situationCode: string;
  situationName: string;
  localityDivision: string;
  departmentId: string | null;
  departmentName: string | null;
  mode: ApplyMode;
  applicantName: string;
  applicantIdType: string;
  applicantIdNumber: string;
  applicantPhone: string | null;
  agentName: string | null;
  agentIdNumber: string | null;
  agentRelationship: string | null;
  promisedDays: number | null;
  application: string;
  missing: string | null;
  rejectReason: string | null;
  /** 多地联办: the parts with their routed departments (JSON, as in the manifest); null for other matters. */
  jointParts?: string | null;
  /** 受理模式 of the matter in the case's catalogue version (ledger; decision 0216). */
  acceptanceMode?: string | null;
}

/** The department's side of a case, kept by the sync loop. */
export interface CaseSyncFields {
  syncState: SyncStateOfCase;
  departmentNo: string | null;
  deptStatus: string | null;
  deptReason: string | null;
  deptDetails: Record<string, unknown> | null;
  attentionReason: string | null;
  deliveredAt: string | null;
  /** 多地联办: the parts with the department's latest statuses (as filed until the gateway reports); absent otherwise. */
  parts?: CasePartState[];
}

/** The parts of a row: the latest status event's (`parts_json` or dept_details.parts), else as filed (not sent yet). */
function partsOf(
  row: Record<string, unknown>,
  deptDetails: Record<string, unknown> | null,
): CasePartState[] | undefined {
  const json = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : undefined);
  const list = json(row.parts_json) ?? deptDetails?.parts ?? json(row.joint_parts);
  if (!Array.isArray(list)) return undefined;
  return (list as (Omit<CasePartState, 'status'> & { status?: string })[]).map((p) => ({
    ...p,
    status: p.status ?? null,
  }));
}

/** A case row plus the clerk's display name and its sync fields, as read back. */
export interface StoredCase extends CaseRecord, CaseSyncFields {
  clerkName: string;
}

const COLUMNS: [keyof CaseRecord, string][] = [
  ['caseId', 'case_id'],
  ['outcome', 'outcome'],
  ['receiptNo', 'receipt_no'],
  ['noticeNo', 'notice_no'],
  ['businessDate', 'business_date'],
  ['startedAt', 'started_at'],
  ['decidedAt', 'decided_at'],
  ['clerkId', 'clerk_id'],
  ['windowCode', 'window_code'],
  ['catalogueVersion', 'catalogue_version'],
  ['matterCode', 'matter_code'],
  ['matterName', 'matter_name'],
  ['situationCode', 'situation_code'],
  ['situationName', 'situation_name'],
  ['localityDivision', 'locality_division'],
  ['departmentId', 'department_id'],
  ['departmentName', 'department_name'],
  ['mode', 'mode'],
  ['applicantName', 'applicant_name'],
  ['applicantIdType', 'applicant_id_type'],
  ['applicantIdNumber', 'applicant_id_number'],
  ['applicantPhone', 'applicant_phone'],
  ['agentName', 'agent_name'],
  ['agentIdNumber', 'agent_id_number'],
  ['agentRelationship', 'agent_relationship'],
  ['promisedDays', 'promised_days'],
  ['application', 'application'],
  ['missing', 'missing'],
  ['rejectReason', 'reject_reason'],
  ['jointParts', 'joint_parts'],
  ['acceptanceMode', 'acceptance_mode'],
];

/** Maps a snake_case row to a stored case. */
export function fromRow(row: Record<string, unknown>): StoredCase {
  const record = Object.fromEntries(COLUMNS.map(([key, col]) => [key, row[col]])) as unknown as CaseRecord;
  const deptDetails =
    typeof row.dept_details === 'string' ? (JSON.parse(row.dept_details) as Record<string, unknown>) : null;
  const parts = partsOf(row, deptDetails);
  return {
    ...(parts ? { parts } : {}),
    ...record,
    clerkName: String(row.clerk_name ?? ''),
    syncState: (row.sync_state as CaseSyncFields['syncState'] | undefined) ?? 'local',
    departmentNo: (row.department_no as string | null | undefined) ?? null,
    deptStatus: (row.dept_status as string | null | undefined) ?? null,
    deptReason: (row.dept_reason as string | null | undefined) ?? null,
    deptDetails,
    attentionReason: (row.attention_reason as string | null | undefined) ?? null,
    deliveredAt: (row.delivered_at as string | null | undefined) ?? null,
  };
}

const INSERT_SQL = `INSERT INTO cases (${COLUMNS.map(([, c]) => c).join(', ')}) VALUES (${COLUMNS.map(([k]) => `@${k}`).join(', ')})
  ON CONFLICT (case_id) DO UPDATE SET ${COLUMNS.filter(([k]) => k !== 'caseId' && k !== 'noticeNo' && k !== 'startedAt')
    .map(([, c]) => `${c} = excluded.${c}`)
    .join(', ')}
  WHERE cases.outcome = 'incomplete'`;

/** SQL for cases, their materials, document numbers and the outbox. */
export class CasesRepo {
  private readonly upsertStmt;

  constructor(private readonly db: Database.Database) {
    this.upsertStmt = db.prepare(INSERT_SQL);
  }

  /** Takes the next number of the window's daily sequence (call inside the case transaction). */
  nextSequence(windowCode: string, businessDate: string): number {
    return statement<[string, string], { last_sequence: number }>(
      this.db,
      `INSERT INTO document_counters (window_code, business_date, last_sequence) VALUES (?, ?, 1)
       ON CONFLICT (window_code, business_date) DO UPDATE SET last_sequence = last_sequence + 1
       RETURNING last_sequence`,
    ).get(windowCode, businessDate)!.last_sequence;
  }

  /**
   * Makes the window's daily sequence continue above `atLeast` (numbers the department already has);
   * returns the sequence before, or null when it was already there.
   */
  raiseSequence(windowCode: string, businessDate: string, atLeast: number): number | null {
    return this.db
      .transaction(() => {
        const before =
          statement<[string, string], { last_sequence: number }>(
            this.db,
            'SELECT last_sequence FROM document_counters WHERE window_code = ? AND business_date = ?',
          ).get(windowCode, businessDate)?.last_sequence ?? 0;
        if (before >= atLeast) return null;
        statement(
          this.db,
          `INSERT INTO document_counters (window_code, business_date, last_sequence) VALUES (?, ?, ?)
         ON CONFLICT (window_code, business_date) DO UPDATE SET last_sequence = max(last_sequence, excluded.last_sequence)`,
        ).run(windowCode, businessDate, atLeast);
        return before;
      })
      .immediate();
  }

  /** Inserts a case, or completes a 待补齐 one; false when the id belongs to a case already decided. */
  save(record: CaseRecord): boolean {
    return (
      this.upsertStmt.run({
        ...record,
        jointParts: record.jointParts ?? null,
        acceptanceMode: record.acceptanceMode ?? null,
      }).changes === 1
    );
  }

  /** Writes a case's materials; `replacing` when the case was stored before (a 待补齐 case completed). */
  replaceMaterials(caseId: string, materials: CaseMaterial[], replacing = true): void {
    if (replacing) statement(this.db, 'DELETE FROM case_materials WHERE case_id = ?').run(caseId);
    const insert = statement(
      this.db,
      'INSERT INTO case_materials (case_id, position, material_code, name, handling, pages, required) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    materials.forEach((m, i) => insert.run(caseId, i + 1, m.code, m.name, m.handling, m.pages, m.required ? 1 : 0));
  }

  get(caseId: string): StoredCase | null {
    const row = statement<[string], Record<string, unknown>>(
      this.db,
      'SELECT c.*, u.display_name AS clerk_name FROM cases c JOIN users u ON u.id = c.clerk_id WHERE c.case_id = ?',
    ).get(caseId);
    return row ? fromRow(row) : null;
  }

  outcomeOf(caseId: string): CaseOutcome | null {
    return (
      statement<[string], { outcome: CaseOutcome }>(this.db, 'SELECT outcome FROM cases WHERE case_id = ?').get(caseId)
        ?.outcome ?? null
    );
  }

  materials(caseId: string): CaseMaterial[] {
    return statement<
      [string],
      { material_code: string; name: string; handling: CaseMaterial['handling']; pages: number; required: number }
    >(
      this.db,
      'SELECT material_code, name, handling, pages, required FROM case_materials WHERE case_id = ? ORDER BY position',
    )
      .all(caseId)
      .map((r) => ({
        code: r.material_code,
        name: r.name,
        handling: r.handling,
        pages: r.pages,
        required: r.required === 1,
      }));
  }
}
