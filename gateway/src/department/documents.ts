// The 办理地 department's own documents (issue #14, decision 0220). When a reviewer records 受理, 不予受理 or a
// decision with the department's document number, the gateway writes the document's text (below, reviewed against
// 行政许可法 §32, §38, §40), renders it on A4 with Noto Sans SC, signs it with the department's seal certificate and
// stores it; the status event lists every document of the case so the window can fetch and print each one.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRouting, type Routing } from '@tongban/protocol/catalogue/routing';
import { remedySentence, remedyUnknownSentence } from '@tongban/protocol/catalogue/remedy';
import {
  departmentDocumentTitle,
  DOCUMENT_NO_PATTERN,
  type DepartmentDocument,
  type DepartmentDocumentKind,
} from '@tongban/protocol/sync/department-documents';
import type { CaseManifest } from '@tongban/protocol/sync/manifest';
import type { Queryable } from '../db/pool';
import { RESOURCES_DIR } from '../paths';
import { signDepartmentPdf, type DepartmentSealOptions } from '../seal/department-signer';
import { departmentDocumentPdf, type DocumentText } from './document-pdf';

/** The facts a document's text needs beyond the manifest. */
export interface DocumentFacts {
  kind: DepartmentDocumentKind;
  documentNo: string;
  /** 不予受理 / 不予 reasons, or the 办结 note. */
  reason: string | null;
  issuedAt: Date;
  /** 事项类型 of the matter in the case's catalogue version (null when unknown). */
  matterType: string | null;
  department: { name: string; reviewBody?: string | undefined; court?: string | undefined; verified: boolean };
}

const CN_DATE = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'long' });
const cnDate = (d: Date): string => CN_DATE.format(d);

/** Whom the document addresses: the organisation a unit applied as, else the applicant. */
function addressee(m: CaseManifest): string {
  const unit = m.form.unitName?.trim();
  return unit ? unit : m.applicant.name;
}

/** The application the document is about, as one clause. */
function applicationClause(m: CaseManifest): string {
  const you = m.form.unitName?.trim() ? '你单位' : '你';
  const at = Number.isNaN(Date.parse(m.acceptedAt)) ? m.acceptedAt : cnDate(new Date(m.acceptedAt));
  return `${you}于${at}经${m.windowCode}号跨省通办窗口（收件编号 ${m.receiptNo}）提交的“${m.matterName}（${m.situationName}）”申请`;
}

/** The body of each document. The department speaks; the window is named only as where the application was handed in. */
export function documentText(m: CaseManifest, f: DocumentFacts): DocumentText {
  const licence = f.matterType === '行政许可';
  const title = departmentDocumentTitle(f.kind, f.matterType);
  const remedy =
    f.department.reviewBody && f.department.court
      ? remedySentence(
          { reviewBody: f.department.reviewBody, court: f.department.court, verified: f.department.verified },
          '本决定书',
        )
      : remedyUnknownSentence('本决定书');
  const reason = (f.reason ?? '').replace(/[。；;.\s]+$/u, '');
  let paragraphs: string[];
  switch (f.kind) {
    case 'acceptance':
      paragraphs = [
        `${applicationClause(m)}，申请材料齐全、符合法定形式，${licence ? '根据《中华人民共和国行政许可法》第三十二条第一款第（五）项的规定，' : ''}本机关决定予以受理。`,
        m.promisedDays !== null
          ? `本机关将自受理之日起${m.promisedDays}个工作日内作出决定（法律、法规另有规定的除外）；办理结果经原收件窗口或你选择的方式送达。`
          : '本机关将在法定期限内作出决定；办理结果经原收件窗口或你选择的方式送达。',
      ];
      break;
    case 'non-acceptance':
      paragraphs = [
        `${applicationClause(m)}，经审查：${reason}。${licence ? '根据《中华人民共和国行政许可法》第三十二条第一款的规定，' : ''}本机关决定不予受理。`,
        remedy,
      ];
      break;
    case 'approval':
      paragraphs = licence
        ? [
            `${applicationClause(m)}，经审查，符合法定条件、标准。根据《中华人民共和国行政许可法》第三十八条第一款的规定，本机关决定准予行政许可。${reason ? `${reason}。` : ''}`,
            '根据《中华人民共和国行政许可法》第四十条的规定，本准予行政许可决定予以公开，公众有权查阅。',
          ]
        : [`${applicationClause(m)}，经审查，本机关已办理完毕。${reason ? `${reason}。` : ''}`];
      break;
    case 'refusal':
      paragraphs = [
        `${applicationClause(m)}，经审查：${reason}。${licence ? '根据《中华人民共和国行政许可法》第三十八条第二款的规定，本机关决定不予行政许可。' : '本机关决定不予办理。'}`,
        remedy,
      ];
      break;
  }
  return {
    title,
    documentNo: f.documentNo,
    issuer: f.department.name,
    addressee: `${addressee(m)}：`,
    paragraphs,
    date: cnDate(f.issuedAt),
    footnote: `收件窗口：${m.windowCode}（收件编号 ${m.receiptNo}）。本文书由${f.department.name}出具，加盖其电子印章；窗口仅代为打印送达。`,
  };
}

let shippedRouting: Routing | null = null;
function shipped(): Routing | null {
  if (shippedRouting) return shippedRouting;
  const parsed = parseRouting(JSON.parse(readFileSync(join(RESOURCES_DIR, 'catalogue', 'routing.json'), 'utf8')));
  shippedRouting = parsed.ok ? parsed.routing : null;
  return shippedRouting;
}

/** The matter's 事项类型 and the department's register entry in the case's catalogue version (else the shipped one). */
export async function documentContext(
  db: Queryable,
  m: CaseManifest,
): Promise<{ matterType: string | null; department: DocumentFacts['department'] }> {
  const { rows } = await db.query<{ catalogue: { matters?: { code: string; type?: string }[] }; routing: unknown }>(
    'SELECT catalogue, routing FROM catalogue_versions WHERE version = $1',
    [m.catalogueVersion],
  );
  let routing: Routing | null;
  let matters = rows[0]?.catalogue.matters;
  if (rows[0]) {
    const parsed = parseRouting(rows[0].routing);
    routing = parsed.ok ? parsed.routing : null;
  } else {
    routing = shipped();
    matters = (
      JSON.parse(readFileSync(join(RESOURCES_DIR, 'catalogue', 'catalogue.json'), 'utf8')) as {
        matters?: { code: string; type?: string }[];
      }
    ).matters;
  }
  const entry = routing?.departments?.[m.departmentId];
  return {
    matterType: matters?.find((x) => x.code === m.matterCode)?.type ?? null,
    department: {
      name: m.departmentName,
      reviewBody: entry?.reviewBody,
      court: entry?.court,
      verified: entry?.verified ?? false,
    },
  };
}

/** Checks a typed document number; the message is the page's. */
export function checkDocumentNo(raw: string): string | { refused: string } {
  const no = raw.trim();
  if (!DOCUMENT_NO_PATTERN.test(no)) return { refused: '文书编号应为 2–60 个字符，不含 / \\ < > 等符号' };
  return no;
}

/**
 * Renders, seals and stores one document inside the action's transaction; refuses (returns a message) a number
 * the department already used on another case. Returns every document of the case, newest last.
 */
export async function issueDocument(
  db: Queryable,
  m: CaseManifest,
  facts: Omit<DocumentFacts, 'matterType' | 'department'>,
  issuedBy: string,
  seal: DepartmentSealOptions | undefined,
): Promise<DepartmentDocument[] | { refused: string }> {
  const taken = await db.query<{ case_id: string }>(
    `INSERT INTO department_document_numbers (department_id, document_no, case_id) VALUES ($1, $2, $3)
     ON CONFLICT (department_id, document_no) DO UPDATE SET case_id = department_document_numbers.case_id
     RETURNING case_id`,
    [m.departmentId, facts.documentNo, m.caseId],
  );
  if (taken.rows[0]?.case_id !== m.caseId) return { refused: `文书编号 ${facts.documentNo} 已用于本部门的另一件办件` };
  const context = await documentContext(db, m);
  const text = documentText(m, { ...facts, ...context });
  let pdf = await departmentDocumentPdf(text);
  if (seal) pdf = await signDepartmentPdf(pdf, m.departmentId, { ...seal, departmentName: m.departmentName });
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const fileName = `${text.title}-${m.receiptNo}.pdf`.replace(/[\\/:*?"<>|\s]/g, '_');
  await db.query(
    `INSERT INTO department_documents (case_id, kind, document_no, title, file_name, pdf, sha256, issued_by, issued_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (case_id, kind) DO UPDATE SET document_no = EXCLUDED.document_no, title = EXCLUDED.title,
       file_name = EXCLUDED.file_name, pdf = EXCLUDED.pdf, sha256 = EXCLUDED.sha256, issued_by = EXCLUDED.issued_by,
       issued_at = EXCLUDED.issued_at`,
    [m.caseId, facts.kind, facts.documentNo, text.title, fileName, pdf, sha256, issuedBy, facts.issuedAt],
  );
  return caseDocuments(db, m.caseId);
}

/** Every department document of a case, oldest first, as a status event announces them. */
export async function caseDocuments(db: Queryable, caseId: string): Promise<DepartmentDocument[]> {
  const { rows } = await db.query<{
    kind: DepartmentDocumentKind;
    document_no: string;
    title: string;
    sha256: string;
    file_name: string;
    size: number;
    issued_at: Date;
  }>(
    `SELECT kind, document_no, title, sha256, file_name, octet_length(pdf) AS size, issued_at
     FROM department_documents WHERE case_id = $1 AND pdf IS NOT NULL ORDER BY issued_at, kind`,
    [caseId],
  );
  return rows.map((r) => ({
    kind: r.kind,
    documentNo: r.document_no,
    title: r.title,
    sha256: r.sha256,
    fileName: r.file_name,
    size: Number(r.size),
    issuedAt: r.issued_at.toISOString(),
  }));
}
