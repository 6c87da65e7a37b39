// The department documents on the case page: the document-number field of 受理 / 不予受理 / the decisions, the
// list of documents issued (each opens as the sealed PDF), and the route that serves one to a reviewer.
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import {
  DEPARTMENT_DOCUMENT_KINDS,
  departmentDocumentTitle,
  type DepartmentDocument,
  type DepartmentDocumentKind,
} from '@tongban/protocol/sync/department-documents';
import { chinaTime, html, type Html } from './html';
import type { CaseView } from './repo';
import type { ReviewerSession } from './sessions';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What the field asks for, per action (the title follows the status: reject from 已送达 is 不予受理). */
function fieldLabel(action: 'review' | 'approve' | 'reject', v: CaseView): string {
  if (action === 'review') return '受理通知书文号';
  if (action === 'approve') return '决定书（结果通知书）文号';
  return v.status === 'received' ? '不予受理决定书文号' : '不予许可（不予办理）决定书文号';
}

/** The document-number input of an action form. 不予受理 always issues its 决定书, so the number is required there. */
export function documentNoInput(action: 'review' | 'approve' | 'reject', v: CaseView): Html {
  const id = `documentNo-${action}`;
  const required = action === 'reject' && v.status === 'received';
  return html`<p><label for="${id}">${fieldLabel(action, v)}${required ? '' : '（填写后由本部门出具该文书，加盖电子印章，经同步送达窗口打印）'}</label>
    <input type="text" id="${id}" name="documentNo" maxlength="60" autocomplete="off" placeholder="如：川人社受〔2026〕12号"${required ? html` required` : ''}></p>`;
}

/** The documents the latest event lists (every department event repeats them). */
export function documentsOf(v: CaseView): DepartmentDocument[] {
  for (let i = v.events.length - 1; i >= 0; i--) {
    const docs = v.events[i]?.details.documents;
    if (docs?.length) return docs;
  }
  return [];
}

/** 本部门出具的文书: title, number, time and the PDF. */
export function documentsSection(v: CaseView): Html {
  const docs = documentsOf(v);
  const rows = docs.map(
    (
      d,
    ) => html`<tr><td>${d.title}</td><td class="document-no">${d.documentNo}</td><td>${chinaTime(new Date(d.issuedAt))}</td>
      <td><a href="/dept/cases/${v.caseId}/documents/${d.kind}" target="_blank" rel="noopener">查看 PDF</a></td></tr>`,
  );
  return html`<h2>本部门出具的文书</h2>${
    docs.length
      ? html`<table id="department-documents"><thead><tr><th scope="col">文书</th><th scope="col">文号</th><th scope="col">出具时间</th><th scope="col">文件</th></tr></thead><tbody>${rows}</tbody></table>`
      : html`<p class="muted">尚未出具文书。受理、不予受理和作出决定时填写文号，即由本部门出具相应文书。</p>`
  }`;
}

/** The PDF of one document (inside the signed-in scope; only the case's own department). */
export function registerDocumentRoutes(scope: FastifyInstance, pool: pg.Pool): void {
  scope.get<{ Params: { caseId: string; kind: string } }>(
    '/dept/cases/:caseId/documents/:kind',
    async (request, reply) => {
      const user = request.reviewer as ReviewerSession;
      const { caseId, kind } = request.params;
      const known = (DEPARTMENT_DOCUMENT_KINDS as readonly string[]).includes(kind);
      const { rows } =
        UUID.test(caseId) && known
          ? await pool.query<{ pdf: Buffer; file_name: string }>(
              `SELECT d.pdf, d.file_name FROM department_documents d JOIN cases c USING (case_id)
           WHERE d.case_id = $1 AND d.kind = $2 AND c.department_id = $3 AND d.pdf IS NOT NULL`,
              [caseId, kind, user.departmentId],
            )
          : { rows: [] };
      const row = rows[0];
      if (!row)
        return reply
          .code(404)
          .type('text/plain; charset=utf-8')
          .send(`没有${known ? departmentDocumentTitle(kind as DepartmentDocumentKind, null) : '这份文书'}`);
      return reply
        .type('application/pdf')
        .headers({
          'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(row.file_name)}`,
          'cache-control': 'private, no-store',
        })
        .send(row.pdf);
    },
  );
}
