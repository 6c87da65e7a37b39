// The public 扫码核验 pages (Chinese, phone first, no personal data beyond masked). Every failure —
// wrong token, unknown number, malformed address — renders the same 无法核验 page.
import { maskName } from '@tongban/protocol/validators/masking';
import type { CaseStatus } from '@tongban/protocol/sync/status';
import type { IssuedDocumentKind } from '@tongban/protocol/sync/documents';
import { chinaTime, html, type Html } from '../department/html';
import type { VerifiedDocument } from './repo';

const KIND_ZH: Record<IssuedDocumentKind, string> = {
  'acceptance-receipt': '收件凭证',
  'incomplete-notice': '补正材料一次性告知书',
  'rejection-notice': '不予收件告知书',
  'material-transfer': '材料流转单',
};

/** The public wording of a case status (the applicant's view of 收件 → 审查中 → 办结). */
export const PUBLIC_STATUS_ZH: Record<CaseStatus, string> = {
  received: '已收件',
  reviewing: '审查中',
  'supplement-requested': '需补正',
  'supplement-received': '已补正',
  approved: '已办结（准予）',
  rejected: '已办结（不予办理）',
  'result-mailed': '结果已寄出',
};

function shell(title: string, body: Html): string {
  return `<!doctype html>${html`<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><meta name="referrer" content="no-referrer"><title>${title}</title><link rel="stylesheet" href="/v/verify.css"></head>
<body><header>跨省通办 · 文书扫码核验</header><main>${body}</main><script src="/v/verify.js"></script></body></html>`}`;
}

/** What the QR address opens: the script posts the fragment's token to the same address. */
export function tokenPage(documentNo: string): string {
  return shell(
    '正在核验',
    html`<section class="card"><h1>正在核验文书…</h1><p class="muted">文书编号 ${documentNo}</p>
    <form id="token-form" method="post" action="/v/${documentNo}"><input type="hidden" name="token" value="">
    <noscript><p>请在浏览器中启用脚本后重新扫码。</p></noscript></form></section>`,
  );
}

/** Wrong token, unknown number, malformed address: one page for all. */
export function cannotVerifyPage(): string {
  return shell(
    '无法核验',
    html`<section class="card"><h1 class="bad">无法核验</h1>
    <p>未能核验该文书。请确认扫描的是文书上的核验二维码；如有疑问，请向出具文书的窗口或办理地部门咨询。</p></section>`,
  );
}

/** A well-formed number of a known window that has not been reported yet. */
export function notYetReportedPage(documentNo: string): string {
  return shell(
    '文书尚未上报',
    html`<section class="card"><h1>文书尚未上报，请稍后再查</h1>
    <p>文书编号 ${documentNo}。窗口在网络中断时出具的文书，会在恢复联网后自动上报，届时即可核验。</p></section>`,
  );
}

/** Too many requests from one address. */
export function tooManyPage(): string {
  return shell('请求过于频繁', html`<section class="card"><h1>请求过于频繁</h1><p>请稍后再试。</p></section>`);
}

function steps(d: VerifiedDocument): Html {
  const seen = new Set(d.history.map((h) => h.status));
  const path: CaseStatus[] = ['received', 'reviewing'];
  const final: CaseStatus =
    d.status === 'rejected' ? 'rejected' : seen.has('result-mailed') ? 'result-mailed' : 'approved';
  if (seen.has('supplement-requested')) path.push('supplement-requested', 'supplement-received');
  path.push(final === 'result-mailed' ? 'approved' : final);
  if (final === 'result-mailed') path.push('result-mailed');
  return html`<ol class="steps">${path.map((s) => {
    const cls = s === d.status ? 'now' : seen.has(s) ? 'done' : '';
    // Not decided yet: the last step says 办结 without guessing the outcome.
    const label = s === 'approved' && !seen.has(s) ? '办结' : PUBLIC_STATUS_ZH[s];
    return html`<li class="${cls}">${label}</li>`;
  })}</ol>`;
}

/** The verified document: facts, status, PDF hashes, the PDF check and (网络送达) the result fetch. */
export function verifiedPage(d: VerifiedDocument, token: string, message: string | null = null): string {
  const hashes = d.pdfSha256.length
    ? d.pdfSha256.map((h) => html`<dd><code>${h}</code></dd>`)
    : html`<dd class="muted">该文书为打印件，无电子文件</dd>`;
  const pickup = d.pickupEnabled
    ? html`<section class="card"><h2>网络送达 · 下载办理结果</h2>
      ${d.resultReady ? html`<p class="ok">办理结果已可下载。</p>` : html`<p class="muted">办理结果尚未出具，出具后可凭取件码下载。</p>`}
      ${message ? html`<p class="bad" role="alert">${message}</p>` : ''}
      <form id="pickup-form" method="post" action="/v/${d.documentNo}/result"><input type="hidden" name="token" value="${token}">
      <label for="code">取件码（收件凭证上的 8 位数字）</label><input id="code" name="code" type="text" inputmode="numeric" autocomplete="off" maxlength="8" required>
      <button type="submit">下载办理结果</button></form></section>`
    : '';
  return shell(
    '核验结果',
    html`<section class="card"><h1 class="ok">✓ 文书真实有效</h1>
    <p class="muted">该文书由跨省通办窗口出具，并已上报办理地部门。</p>
    <dl><dt>文书类型</dt><dd>${KIND_ZH[d.kind]}</dd><dt>文书编号</dt><dd>${d.documentNo}</dd>
    <dt>申请人</dt><dd>${maskName(d.applicantName)}</dd><dt>办理事项</dt><dd>${d.matterName}</dd>
    <dt>办理部门</dt><dd>${d.departmentName}</dd><dt>收件窗口</dt><dd>${d.windowCode}</dd>
    <dt>出具日期</dt><dd>${chinaTime(d.issuedAt).slice(0, 10)}</dd><dt>当前状态</dt><dd id="status">${PUBLIC_STATUS_ZH[d.status]}</dd></dl></section>
    <section class="card"><h2>办理进度</h2>${steps(d)}</section>
    <section class="card"><h2>电子文件 SHA-256</h2><dl><dt>PDF</dt>${hashes}</dl>
    <form id="check-form" method="post" action="/v/${d.documentNo}/check"><input type="hidden" name="token" value="${token}">
    <label for="pdf">上传 PDF，核对是否为未经改动的原文件</label><input id="pdf" name="pdf" type="file" accept="application/pdf">
    <button type="submit">核对文件</button><p id="check-result" role="status"></p></form></section>
    ${pickup}`,
  );
}
