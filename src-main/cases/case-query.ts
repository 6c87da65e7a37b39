import type Database from 'better-sqlite3-multiple-ciphers';
import type { AuditLog } from '../audit/audit-log';
import type { Application } from '@tongban/protocol/cases/application';
import type { CaseDetail, CaseList, CaseQuery, CaseSummary, SearchKind } from '@common/cases/case-types';
import type { MissingMaterial } from '@common/cases/formal-check';
import { parseReceiptNumber, formatReceiptNumber } from '@common/cases/receipt-number';
import { chinaDate } from '@common/time';
import { maskIdNumber, maskPhone, upgradeLegacyId15 } from '@tongban/protocol/validators';
import { statement } from '../db/statements';
import { AttachmentsRepo } from './attachments-repo';
import { CasesRepo, fromRow, type StoredCase } from './cases-repo';

/** Matches counted exactly up to this many; beyond it the list says "1000+". */
export const TOTAL_CAP = 1000;

// The largest code point: `name >= p AND name < p || MAX` is a prefix range the name index can serve.
const MAX_CHAR = String.fromCodePoint(0x10ffff);

/** How a search text is understood: receipt number, ID number, phone, or else a name prefix. */
export function classifySearch(q: string): { kind: SearchKind; value: string } {
  const text = q.trim().toUpperCase();
  const receipt = parseReceiptNumber(text);
  if (receipt) return { kind: 'receipt-no', value: formatReceiptNumber(receipt) };
  if (/^\d{17}[\dX]$/.test(text)) return { kind: 'id-number', value: text };
  if (/^\d{15}$/.test(text)) {
    const upgraded = upgradeLegacyId15(text);
    return { kind: 'id-number', value: upgraded.ok ? upgraded.value : text };
  }
  const digits = text.replace(/[\s-]/g, '');
  if (/^(\+?86)?1\d{10}$/.test(digits)) return { kind: 'phone', value: digits.slice(-11) };
  // The last digits a clerk reads off a receipt (0004, 0004F) or an ID card (070014, 00701X).
  if (/^\d{4,17}[0-9A-Z]?$/.test(digits)) return { kind: 'number-tail', value: digits };
  return { kind: 'name-prefix', value: q.trim() };
}

/** How far back a search by last digits looks (it cannot use an exact-match index). */
export const NUMBER_TAIL_DAYS = 366;

function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

// The columns a list row needs: not the application JSON nor the department's details, which a
// page of 50 would otherwise read (and copy into JavaScript strings) for nothing.
const SUMMARY_COLUMNS = [
  'case_id',
  'outcome',
  'receipt_no',
  'notice_no',
  'business_date',
  'decided_at',
  'matter_code',
  'matter_name',
  'situation_name',
  'mode',
  'applicant_name',
  'applicant_id_number',
  'applicant_phone',
  'clerk_id',
  'department_name',
  'sync_state',
  'department_no',
  'dept_status',
  'attention_reason',
]
  .map((c) => `c.${c}`)
  // 多地联办: the parts' latest statuses (or the parts as filed), without reading the rest of the details.
  .concat("coalesce(json_extract(c.dept_details, '$.parts'), c.joint_parts) AS parts_json")
  .join(', ');

function toSummary(c: StoredCase): CaseSummary {
  return {
    caseId: c.caseId,
    outcome: c.outcome,
    receiptNo: c.receiptNo,
    noticeNo: c.noticeNo,
    businessDate: c.businessDate,
    decidedAt: c.decidedAt,
    matterCode: c.matterCode,
    matterName: c.matterName,
    situationName: c.situationName,
    mode: c.mode,
    applicantName: c.applicantName,
    applicantIdMasked: maskIdNumber(c.applicantIdNumber),
    applicantPhoneMasked: c.applicantPhone ? maskPhone(c.applicantPhone) : '',
    clerkId: c.clerkId,
    clerkName: c.clerkName,
    departmentName: c.departmentName,
    syncState: c.syncState,
    departmentNo: c.departmentNo,
    deptStatus: c.deptStatus,
    attentionReason: c.attentionReason,
    ...(c.parts ? { parts: c.parts } : {}),
  };
}

/** Builds the WHERE clause of a case query. */
export function caseQuerySql(
  query: CaseQuery,
  today: string,
): { where: string; orderBy: string; params: Record<string, unknown>; searchKind: SearchKind | null } {
  const clauses: string[] = [];
  const params: Record<string, unknown> = {};
  let searchKind: SearchKind | null = null;
  if (query.q) {
    const { kind, value } = classifySearch(query.q);
    searchKind = kind;
    params.q = value;
    if (kind === 'receipt-no') clauses.push('(c.receipt_no = @q OR c.notice_no = @q)');
    else if (kind === 'id-number') clauses.push('c.applicant_id_number = @q');
    else if (kind === 'phone') clauses.push('c.applicant_phone = @q');
    else if (kind === 'number-tail') {
      // The end of the receipt or notice number without hyphens (with or without its check
      // character), or of the ID number, over the last year of business days.
      clauses.push(
        `c.business_date >= @tailSince AND (${['c.receipt_no', 'c.notice_no']
          .map(
            (col) =>
              `substr(replace(${col}, '-', ''), -length(@q)) = @q OR substr(replace(${col}, '-', ''), -length(@q) - 1, length(@q)) = @q`,
          )
          .join(' OR ')} OR substr(c.applicant_id_number, -length(@q)) = @q)`,
      );
      params.tailSince = daysBefore(today, NUMBER_TAIL_DAYS);
    } else {
      clauses.push('c.applicant_name >= @q AND c.applicant_name < @qEnd');
      params.qEnd = value + MAX_CHAR;
    }
  }
  const add = (clause: string, key: string, value: unknown) => {
    clauses.push(clause);
    params[key] = value;
  };
  // Cases still on their way (or stuck) are few, whatever their day: such a filter alone lists them
  // all, through the partial index of states other than 已送达 (its condition must appear literally).
  const unsentOnly = query.syncState !== undefined && query.syncState !== 'delivered';
  const anyDay = unsentOnly || query.deptStatus !== undefined;
  if (query.from || query.to) {
    if (query.from) add('c.business_date >= @from', 'from', query.from);
    if (query.to) add('c.business_date <= @to', 'to', query.to);
  } else if (query.date || (!query.q && !anyDay)) {
    add('c.business_date = @date', 'date', query.date ?? today);
  }
  if (query.deptStatus) clauses.push("c.dept_status = 'supplement-requested'"); // literal: the partial index's condition
  // Only accepted cases go to the department (一次性告知 and 不予受理 stay at the window).
  if (query.syncState === 'undelivered')
    clauses.push("c.sync_state IN ('local', 'sending') AND c.sync_state <> 'delivered' AND c.outcome = 'accepted'");
  else if (query.syncState)
    add(
      `c.sync_state = @syncState${unsentOnly ? " AND c.sync_state <> 'delivered'" : ''} AND c.outcome = 'accepted'`,
      'syncState',
      query.syncState,
    );
  if (query.outcome) add('c.outcome = @outcome', 'outcome', query.outcome);
  if (query.matterCode) add('c.matter_code = @matterCode', 'matterCode', query.matterCode);
  if (query.clerkId) add('c.clerk_id = @clerkId', 'clerkId', query.clerkId);
  // A name prefix lists matches by name (newest first within a name): the name index yields that order, so LIMIT stops early.
  const orderBy = searchKind === 'name-prefix' ? 'c.applicant_name, c.decided_at DESC' : 'c.decided_at DESC';
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', orderBy, params, searchKind };
}

/**
 * The two statements of a list: one page of rows and the capped count. The clerk's name is a
 * subquery, not a join: with a join, SQLite's planner (given real statistics: 1,000,000 cases, two
 * users) preferred walking the clerk's index over every case of that clerk to the name range, and
 * a name search took 250 ms instead of under 1 ms. One table in FROM leaves it nothing to misjudge.
 */
export function caseListSql(query: CaseQuery, today: string) {
  const { where, orderBy, params, searchKind } = caseQuerySql(query, today);
  const pageSql = `SELECT ${SUMMARY_COLUMNS}, (SELECT display_name FROM users u WHERE u.id = c.clerk_id) AS clerk_name
    FROM cases c ${where} ORDER BY ${orderBy} LIMIT @limit OFFSET @offset`;
  // Counting every match of a broad name prefix over a million cases costs more than the page itself: stop at the cap.
  const countSql = `SELECT count(*) AS n FROM (SELECT 1 FROM cases c ${where} LIMIT ${TOTAL_CAP + 1})`;
  return { pageSql, countSql, params, searchKind };
}

/** Reading cases: the list with filters and search, and one case's detail with its timeline. */
/** A form with its ID-number and mobile fields masked. */
export function maskFormNumbers(form: Record<string, string>, kinds: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(form).map(([key, value]) => [
      key,
      kinds[key] === 'id-number' ? maskIdNumber(value) : kinds[key] === 'mobile' ? maskPhone(value) : value,
    ]),
  );
}

export class CaseQueries {
  private readonly cases: CasesRepo;
  private readonly attachments: AttachmentsRepo;

  constructor(
    private readonly db: Database.Database,
    private readonly audit: AuditLog,
    private readonly now: () => Date,
    private readonly divisionName: (code: string) => string | null,
    /** The kind of each form field of a matter's situation (id-number, mobile …), from the catalogue. */
    private readonly fieldKinds: (matterCode: string, situationCode: string) => Record<string, string> = () => ({}),
  ) {
    this.cases = new CasesRepo(db);
    this.attachments = new AttachmentsRepo(db);
  }

  list(query: CaseQuery): CaseList {
    const { pageSql, countSql, params, searchKind } = caseListSql(query, chinaDate(this.now()));
    const rows = statement<Record<string, unknown>, Record<string, unknown>>(this.db, pageSql)
      .all({ ...params, limit: query.limit, offset: query.offset })
      .map((r) => toSummary(fromRow(r))); // fromRow maps whichever columns the row has; toSummary reads only these
    const counted = statement<Record<string, unknown>, { n: number }>(this.db, countSql).get(params)!.n;
    return { rows, total: Math.min(counted, TOTAL_CAP), totalIsLowerBound: counted > TOTAL_CAP, searchKind };
  }

  get(caseId: string): CaseDetail | null {
    const c = this.cases.get(caseId);
    if (!c) return null;
    const app = JSON.parse(c.application) as Application;
    return {
      ...toSummary(c),
      startedAt: c.startedAt,
      cataloguePromisedDays: c.promisedDays,
      departmentId: c.departmentId,
      localityDivision: c.localityDivision,
      localityName: this.divisionName(c.localityDivision),
      catalogueVersion: c.catalogueVersion,
      application: {
        ...app,
        // Other people's numbers in the form (迁移人公民身份号码, 联系电话 …) are masked like the applicant's: the
        // drawer is on a counter screen the next person in the queue can see.
        form: maskFormNumbers(app.form, this.fieldKinds(c.matterCode, app.situationCode)),
        applicant: {
          ...app.applicant,
          idNumber: maskIdNumber(app.applicant.idNumber),
          phone: app.applicant.phone ? maskPhone(app.applicant.phone) : '',
        },
        agent: app.agent
          ? {
              ...app.agent,
              idNumber: maskIdNumber(app.agent.idNumber),
              phone: app.agent.phone ? maskPhone(app.agent.phone) : '',
            }
          : null,
      },
      materials: this.cases.materials(caseId),
      attachments: this.attachments
        .listByCase(caseId)
        .map(({ attachmentId, materialCode, fileName, mediaType, size, sha256 }) => ({
          attachmentId,
          materialCode,
          fileName,
          mediaType,
          size,
          sha256,
        })),
      missing: c.missing ? (JSON.parse(c.missing) as MissingMaterial[]) : [],
      rejectReason: c.rejectReason,
      deptReason: c.deptReason,
      deptDetails: c.deptDetails as CaseDetail['deptDetails'],
      timeline: this.audit.list({ target: `case:${caseId}`, limit: 200 }).reverse(),
      departmentEvents: this.departmentEvents(caseId),
    };
  }

  /** The department's status events of a case as the feed brought them, oldest first. */
  private departmentEvents(caseId: string): CaseDetail['departmentEvents'] {
    return statement<[string], { at: string; status: string; reason: string | null; details: string }>(
      this.db,
      'SELECT at, status, reason, details FROM status_events WHERE case_id = ? ORDER BY case_version',
    )
      .all(caseId)
      .map((e) => {
        const d = JSON.parse(e.details) as { departmentNo?: unknown; waybillNo?: unknown };
        return {
          at: e.at,
          status: e.status,
          reason: e.reason,
          departmentNo: typeof d.departmentNo === 'string' ? d.departmentNo : null,
          waybillNo: typeof d.waybillNo === 'string' ? d.waybillNo : null,
        };
      });
  }
}
