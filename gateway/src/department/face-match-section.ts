// 人证比对 on the department's case page (issue #12, decision 0154). The gateway recomputes the SHA-256 of
// the frame from the pushed bytes: "人像哈希已核验" when it equals the recorded one, a red warning when not.
// The frame is served by a same-origin route scoped to the department (the page's CSP allows nothing else).
import { createHash } from 'node:crypto';
import type { CaseManifest } from '@tongban/protocol/sync/manifest';
import { faceFrameVerified, type ManifestFaceMatch } from '@tongban/protocol/sync/manifest-face-match';
import { chinaTime, html, type Html } from './html';

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
const ROLE_ZH: Record<ManifestFaceMatch['role'], string> = { applicant: '申请人', agent: '代办人' };
const num = (n: number | null) => (n === null ? '—' : n.toFixed(3));

/** Whether the frame's bytes hash to the recorded SHA-256 (null: no frame carried). */
export function faceFrameOk(f: ManifestFaceMatch): boolean | null {
  return faceFrameVerified(f, sha256, (b64) => Buffer.from(b64, 'base64'));
}

/** The face comparison of one person on a manifest, for the frame route. */
export function findFaceMatch(m: CaseManifest, role: string): ManifestFaceMatch | null {
  return m.faceMatches?.find((f) => f.role === role) ?? null;
}

/** The 人证比对 section: figures, model, advisory liveness, the frame and whether its hash holds. */
export function faceMatchSection(m: CaseManifest, purged: boolean): Html {
  const list = m.faceMatches ?? [];
  if (list.length === 0) return html``;
  return html`<h2>人证比对</h2>${list.map((f) => {
    const ok = purged ? null : faceFrameOk(f);
    const verdict =
      ok === false
        ? html`<p class="alert face-warning" role="alert">人像哈希核验未通过：现场人像与窗口记录的 SHA-256 不符。请勿以此人像为准，并与受理窗口核实。</p>`
        : ok
          ? html`<p class="signature-verified"><strong>人像哈希已核验</strong> <span class="muted">（现场人像的 SHA-256 已由部门网关重新计算，一致）</span></p>`
          : html``;
    const image = purged
      ? html`<p class="muted">已按保存期限清除</p>`
      : f.frame === null
        ? html`<p class="muted">现场人像未随案推送</p>`
        : html`<img class="face-frame" src="/dept/cases/${m.caseId}/face-matches/${f.role}" alt="${ROLE_ZH[f.role]}现场人像" width="240">`;
    const result = f.result === 'pass' ? '人证一致' : f.overridden ? '比对未通过，经主管核准' : '比对未通过';
    return html`<section class="face-block"><h3>${ROLE_ZH[f.role]}：${result}</h3>
      ${verdict}
      <dl class="facts">
        <dt>相似度</dt><dd>${num(f.similarity)}</dd>
        <dt>阈值</dt><dd>${num(f.threshold)}</dd>
        <dt>模型</dt><dd>${f.model} ${f.modelVersion}</dd>
        <dt>活体参考</dt><dd>真实度 ${num(f.realScore)} · 活体 ${num(f.liveScore)} <span class="muted">（仅供参考）</span></dd>
        <dt>比对时间</dt><dd>${chinaTime(new Date(f.capturedAt))}</dd>
        <dt>人像 SHA-256</dt><dd><code>${f.frameSha256}</code></dd>
      </dl>${image}</section>`;
  })}`;
}
