// A live ledger row: the SQL that reads a case for the ledger and the one mapping that masks it.
import type { LedgerEntry, LedgerSyncState } from '@common/supervisor/ledger';
import { chinaDate } from '@common/time';
import { maskIdNumber, maskName } from '@tongban/protocol/validators';
import { documentNumberOf } from '@common/cases/document-number';

/** A case row as the ledger query returns it. */
export interface LiveRow {
  case_id: string;
  business_date: string;
  receipt_no: string | null;
  notice_no: string | null;
  started_at: string;
  decided_at: string;
  matter_code: string;
  matter_name: string;
  situation_name: string;
  outcome: LedgerEntry['outcome'];
  mode: LedgerEntry['mode'];
  applicant_name: string;
  applicant_id_number: string;
  agent_name: string | null;
  clerk_id: number;
  clerk_name: string;
  window_code: string;
  locality_division: string;
  department_name: string | null;
  sync_state: LedgerSyncState;
  department_no: string | null;
  dept_status: string | null;
  waybills: string | null;
  rating: number | null;
  accompanied: number;
  off_hours: number;
  acceptance_mode: string | null;
  parts_json: string | null;
  documents_json: string | null;
}

export const LIVE_COLUMNS = `c.case_id, c.business_date, c.receipt_no, c.notice_no, c.started_at, c.decided_at, c.matter_code, c.matter_name,
  c.situation_name, c.outcome, c.mode, c.applicant_name, c.applicant_id_number, c.agent_name, c.clerk_id,
  u.display_name AS clerk_name, c.window_code, c.locality_division, c.department_name, c.sync_state, c.department_no, c.dept_status,
  (SELECT group_concat(waybill_no, ' ') FROM (SELECT waybill_no FROM waybills w WHERE w.case_id = c.case_id ORDER BY waybill_no)) AS waybills,
  r.level AS rating,
  EXISTS (SELECT 1 FROM case_accompaniments a WHERE a.case_id = c.case_id) AS accompanied,
  EXISTS (SELECT 1 FROM appointments p WHERE p.case_id = c.case_id) AS off_hours,
  c.acceptance_mode, coalesce(json_extract(c.dept_details, '$.parts'), c.joint_parts) AS parts_json,
  json_extract(c.dept_details, '$.documents') AS documents_json
  FROM cases c JOIN users u ON u.id = c.clerk_id LEFT JOIN ratings r ON r.case_id = c.case_id`;

/** The live rows of one day, one keyset page (uses the cases_day index). */
export const LIVE_DAY_SQL = `SELECT ${LIVE_COLUMNS}
  WHERE c.business_date = @date AND (@windowCode IS NULL OR c.window_code = @windowCode) AND (@clerkId IS NULL OR c.clerk_id = @clerkId)
    AND (c.decided_at, c.case_id) > (@afterAt, @afterId)
  ORDER BY c.decided_at, c.case_id LIMIT @limit`;

/** Builds a masked ledger row from a live case row: the only place personal values are read. */
export function ledgerEntryOf(r: LiveRow): LedgerEntry {
  const started = Date.parse(r.started_at);
  const decided = Date.parse(r.decided_at);
  const sameDay = chinaDate(new Date(started)) === r.business_date;
  return {
    caseId: r.case_id,
    businessDate: r.business_date,
    documentNo: documentNumberOf({ receiptNo: r.receipt_no, noticeNo: r.notice_no }),
    startedAt: r.started_at,
    decidedAt: r.decided_at,
    counterSeconds: sameDay && decided >= started ? Math.round((decided - started) / 1000) : null,
    matterCode: r.matter_code,
    matterName: r.matter_name,
    situationName: r.situation_name,
    outcome: r.outcome,
    mode: r.mode,
    applicantName: maskName(r.applicant_name),
    applicantIdMasked: maskIdNumber(r.applicant_id_number),
    agentName: r.agent_name ? maskName(r.agent_name) : null,
    clerkId: r.clerk_id,
    clerkName: r.clerk_name,
    windowCode: r.window_code,
    localityDivision: r.locality_division,
    departmentName: r.department_name,
    waybillNos: r.waybills ? r.waybills.split(' ') : [],
    syncState: r.sync_state,
    departmentNo: r.department_no,
    deptStatus: r.dept_status,
    rating: r.rating,
    services: [...(r.accompanied ? ['accompanied' as const] : []), ...(r.off_hours ? ['off-hours' as const] : [])],
    ...(r.acceptance_mode ? { acceptanceMode: r.acceptance_mode } : {}),
    ...(r.parts_json ? { parts: partsOf(r.parts_json) } : {}),
    ...(r.documents_json ? { departmentDocuments: documentsOf(r.documents_json) } : {}),
  };
}

/** The 办理地's own documents announced in the status feed (受理通知书 …): title and 文号 only. */
function documentsOf(json: string): NonNullable<LedgerEntry['departmentDocuments']> {
  return (JSON.parse(json) as { title: string; documentNo: string }[]).map((d) => ({
    title: d.title,
    documentNo: d.documentNo,
  }));
}

/** The parts of a 多地联办 case for the ledger: name, department and the latest status (null: not sent yet). */
function partsOf(json: string): NonNullable<LedgerEntry['parts']> {
  return (JSON.parse(json) as { name: string; departmentName: string; status?: string | null }[]).map((p) => ({
    name: p.name,
    departmentName: p.departmentName,
    status: p.status ?? null,
  }));
}
