// 网络送达 on the department page: the reviewer attaches the result (决定书/证照 PDF) with 准予/办结 or
// 不予办理; the decision's status event then carries it to the window, and the applicant fetches it from
// the verification page with the 取件码. The page's script uploads the chosen file (a PDF body, CSRF token
// in a header) before it submits the decision form.
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { signDepartmentPdf, type DepartmentSealOptions } from '../seal/department-signer';
import type { CaseStatus } from '@tongban/protocol/sync/status';
import { audit } from '../audit';
import { chinaTime, html, type Html } from '../department/html';
import { getCase, type CaseView } from '../department/repo';
import type { ReviewerSession } from '../department/sessions';
import { attachResult } from './repo';

/** The largest result a reviewer may attach (a window reads replies up to 8 MiB). */
export const MAX_RESULT_BYTES = 8 * 1024 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Statuses in which a result may be attached (while deciding, or just after). */
const ATTACHABLE: readonly CaseStatus[] = ['reviewing', 'supplement-received', 'approved', 'rejected'];

/** The file input of the approve / reject forms. */
export function resultInput(action: string): Html {
  return html`<p><label for="result-${action}">办理结果 PDF（决定书/证照，网络送达时必需，可不选）</label>
    <input type="file" id="result-${action}" class="result-file" accept="application/pdf"></p>`;
}

/** The case page's 网络送达 section: the attached result and who fetched it. */
export function resultSection(v: CaseView): Html {
  const r = v.result;
  const fetches = v.resultFetches ?? [];
  const log = fetches.length
    ? html`<table><thead><tr><th scope="col">时间</th><th scope="col">取件</th></tr></thead><tbody>${fetches.map(
        (f) => html`<tr><td>${chinaTime(f.at)}</td><td>${f.ok ? '已下载' : '取件码错误'}</td></tr>`,
      )}</tbody></table>`
    : html`<p class="muted">尚无取件记录。</p>`;
  return html`<h2>办理结果（网络送达）</h2>${
    r
      ? html`<p id="result-info"><a href="/dept/cases/${v.caseId}/result" target="_blank" rel="noopener">${r.fileName}</a>
        （${chinaTime(r.attachedAt)} 上传，SHA-256 <code>${r.sha256}</code>）</p>`
      : html`<p class="muted">尚未上传办理结果。</p>`
  }${log}`;
}

/** The department routes of the result (inside the signed-in scope, which checks the CSRF token). */
export function registerResultRoutes(scope: FastifyInstance, pool: pg.Pool, seal?: DepartmentSealOptions): void {
  scope.post<{ Params: { caseId: string } }>(
    '/dept/cases/:caseId/result',
    { bodyLimit: MAX_RESULT_BYTES },
    async (request, reply) => {
      const user = request.reviewer as ReviewerSession;
      const { caseId } = request.params;
      const view = UUID.test(caseId) ? await getCase(pool, caseId, user.departmentId) : null;
      if (!view) return reply.code(404).send({ ok: false, message: '没有这个案件' });
      if (!ATTACHABLE.includes(view.status))
        return reply.code(409).send({ ok: false, message: '当前状态下不能上传办理结果' });
      const pdf = Buffer.isBuffer(request.body) ? request.body : null;
      if (!pdf || pdf.length < 8 || pdf.subarray(0, 5).toString('latin1') !== '%PDF-')
        return reply.code(400).send({ ok: false, message: '请选择 PDF 文件' });
      const named = decodeURIComponent(String(request.headers['x-file-name'] ?? '')).replace(/[\\/:*?"<>|\r\n]/g, '');
      const fileName = (named.toLowerCase().endsWith('.pdf') ? named : '办理结果.pdf').slice(-100);
      // The department's certificate (电子印章) signs the result before it is stored and hashed.
      let signed = pdf;
      if (seal) {
        try {
          signed = await signDepartmentPdf(pdf, user.departmentId, seal);
        } catch {
          return reply.code(400).send({ ok: false, message: '无法在该 PDF 上加盖电子印章：文件可能已损坏或已加密' });
        }
      }
      const sha256 = await attachResult(pool, caseId, signed, fileName, `reviewer:${user.username}`);
      await audit(pool, {
        actor: user.username,
        action: 'dept.result-attached',
        target: `case:${caseId}`,
        details: { reviewerId: user.reviewerId, departmentId: user.departmentId, sha256, size: signed.length },
      });
      return reply.send({ ok: true, sha256 });
    },
  );

  scope.get<{ Params: { caseId: string } }>('/dept/cases/:caseId/result', async (request, reply) => {
    const user = request.reviewer as ReviewerSession;
    const { caseId } = request.params;
    const { rows } = UUID.test(caseId)
      ? await pool.query<{ pdf: Buffer | null }>(
          'SELECT r.pdf FROM case_results r JOIN cases c USING (case_id) WHERE r.case_id = $1 AND c.department_id = $2',
          [caseId, user.departmentId],
        )
      : { rows: [] };
    const row = rows[0];
    if (!row) return reply.code(404).type('text/plain; charset=utf-8').send('没有办理结果');
    if (!row.pdf) return reply.code(410).type('text/plain; charset=utf-8').send('办理结果文件已超过保存期限并已删除');
    return reply
      .type('application/pdf')
      .headers({ 'content-disposition': 'inline', 'cache-control': 'private, no-store' })
      .send(row.pdf);
  });
}

/** /dept/result.js: uploads the chosen result PDF, then submits the decision form. */
export const RESULT_JS = `
(function () {
  document.querySelectorAll('form.action').forEach(function (form) {
    var input = form.querySelector('input.result-file');
    if (!input) return;
    form.addEventListener('submit', function (e) {
      var file = input.files[0];
      if (!file || form.dataset.uploaded) return;
      e.preventDefault();
      var button = form.querySelector('button[type=submit]');
      if (button) button.disabled = true;
      file.arrayBuffer().then(function (bytes) {
        return fetch(form.action.replace(/\\/actions\\/[a-z-]+$/, '/result'), {
          method: 'POST',
          headers: {
            'content-type': 'application/octet-stream',
            'x-csrf-token': form.elements._csrf.value,
            'x-file-name': encodeURIComponent(file.name)
          },
          body: bytes
        });
      }).then(function (r) { return r.json(); }).then(function (j) {
        if (!j.ok) throw new Error(j.message);
        form.dataset.uploaded = '1';
        form.submit();
      }).catch(function (err) {
        if (button) button.disabled = false;
        alert('办理结果上传失败：' + (err && err.message ? err.message : '请重试'));
      });
    });
  });
})();
`;
