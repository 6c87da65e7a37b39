// 电子签名 on printed documents (decision 0155): the signature images on the 收件凭证, and the 授权委托书
// with the applicant's (委托人) and the agent's (受托人) signatures.
import type { NoticeData } from '@common/printing/notice-data';
import { CHINA_OFFSET_MINUTES } from '@common/time';
import type { PrintedSignature } from '@common/signatures/views';
import {
  SIGNATURE_DOCUMENT_LABELS_ZH,
  SIGNER_LABELS_ZH,
  type SignatureDocument,
} from '@tongban/protocol/sync/manifest-signature';
import { escapeHtml as e } from './templates';

/** `YYYY-MM-DD HH:mm` in China time. */
const chinaDateTime = (iso: string) =>
  new Date(Date.parse(iso) + CHINA_OFFSET_MINUTES * 60_000).toISOString().slice(0, 16).replace('T', ' ');

function signatureFigure(s: PrintedSignature, label: string): string {
  const docs = s.documents.map((d: SignatureDocument) => SIGNATURE_DOCUMENT_LABELS_ZH[d]).join('、');
  if (s.purged)
    return `<div class="e-signature"><span>${e(label)}</span><span>已电子签名（签名图像已按保存期限清除）</span><span class="meta">${e(docs)} · ${e(chinaDateTime(s.signedAt))}</span></div>`;
  return `<div class="e-signature"><span>${e(label)}</span><img alt="${e(`${s.signerName}的电子签名`)}" src="${e(s.image)}"><span class="meta">${e(docs)} · ${e(chinaDateTime(s.signedAt))}</span></div>`;
}

/** The signatures on the 收件凭证: who signed which documents, with the image; empty when none. */
export function receiptSignatureBlock(d: NoticeData): string {
  const list = d.signatures?.list ?? [];
  if (!list.length) return '';
  return `<div class="e-signatures">${list.map((s) => signatureFigure(s, `${SIGNER_LABELS_ZH[s.signer]}电子签名：`)).join('')}</div>`;
}

/** The 授权委托书 body: the text the applicant signed (or will sign on paper), and the two signatures. */
export function powerOfAttorneyVars(d: NoticeData): { poaText: string; poaSignatures: string } {
  const text = d.signatures?.powerOfAttorneyText ?? '';
  const lines = text
    .split('\n')
    .filter((l) => l && !l.startsWith('【'))
    .map((l) => `<p>${e(l)}</p>`)
    .join('');
  const list = d.signatures?.list ?? [];
  const applicant = list.find((s) => s.signer === 'applicant' && s.documents.includes('power-of-attorney'));
  const agent = list.find((s) => s.signer === 'agent');
  const slot = (s: PrintedSignature | undefined, label: string) =>
    s ? signatureFigure(s, label) : `<span>${e(label)}<span class="blank"></span></span>`;
  return {
    poaText: lines || '<p>（委托内容见委托人提交的纸质授权委托书）</p>',
    poaSignatures: `${slot(applicant, '委托人（签名）：')}${slot(agent, '受托人（签名）：')}`,
  };
}
