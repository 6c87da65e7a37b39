// 电子签名 on the department's case page (issue #12, decision 0157). The gateway re-checks each signature's
// binding itself: the SHA-256 of the text the signer was shown, of the case's signed content as this very
// manifest carries it, and of the image. A signature moved from another case or kept after an edit fails
// and is shown with a warning; the text the signer saw is shown in full below the image.
import { createHash } from 'node:crypto';
import type { CaseManifest } from '@tongban/protocol/sync/manifest';
import {
  SIGNATURE_DOCUMENT_LABELS_ZH,
  SIGNER_LABELS_ZH,
  signatureBindingProblems,
  type ManifestSignature,
  type SignatureBindingProblem,
} from '@tongban/protocol/sync/manifest-signature';
import { chinaTime, html, type Html } from './html';

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
const PROBLEM_ZH: Record<SignatureBindingProblem, string> = {
  'text-hash': '签署文本与其哈希不符',
  'content-hash': '与本案申请内容不符（可能签名后内容被修改，或签名来自其他案件）',
  'png-hash': '签名图像与其哈希不符',
};

/** The binding problems of one signature on its own manifest (empty: verified). */
export function signatureProblems(m: CaseManifest, s: ManifestSignature): SignatureBindingProblem[] {
  return signatureBindingProblems(m, s, sha256, (b64) => Buffer.from(b64, 'base64'));
}

/** The signature with that id on a manifest, for the image route. */
export function findSignature(m: CaseManifest, signatureId: string): ManifestSignature | null {
  return m.signatures?.find((s) => s.signatureId === signatureId) ?? null;
}

/** The 电子签名 section: each signature's image, who signed what and when, and whether it binds. */
export function signatureSection(m: CaseManifest, purged: boolean): Html {
  const list = m.signatures ?? [];
  if (list.length === 0) return html``;
  return html`<h2>电子签名</h2>${list.map((s) => {
    const problems = signatureProblems(m, s);
    const verdict = problems.length
      ? html`<p class="alert signature-warning" role="alert">签名绑定核验未通过：${problems.map((p) => PROBLEM_ZH[p]).join('；')}。请勿以此签名为准，并与受理窗口核实。</p>`
      : html`<p class="signature-verified"><strong>签名绑定已核验</strong> <span class="muted">（文本与申请内容的 SHA-256 已由部门网关重新计算，一致）</span></p>`;
    const image = purged
      ? html`<p class="muted">已按保存期限清除</p>`
      : html`<img class="signature" src="/dept/cases/${m.caseId}/signatures/${s.signatureId}" alt="${SIGNER_LABELS_ZH[s.signer]}签名" width="300">`;
    return html`<section class="signature-block"><h3>${SIGNER_LABELS_ZH[s.signer]}签名：${s.documents.map((d) => SIGNATURE_DOCUMENT_LABELS_ZH[d]).join('、')}</h3>
      ${verdict}${image}
      <p class="muted">签署人 ${s.signerName} · 签署时间 ${chinaTime(new Date(s.signedAt))}</p>
      <details><summary>签署时显示的全文</summary><pre class="signed-text">${s.text}</pre></details></section>`;
  })}`;
}
