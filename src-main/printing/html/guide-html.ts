// The 操作指南 of a matter as an A4 page (decision 0132): the same sections the screen shows, with
// 以办理地部门告知为准 beside every section resting on an unverified catalogue element.
import { UNVERIFIED_NOTE, type MatterGuide } from '@common/guide';
import { escapeHtml as e } from './templates';

const CSS = `
@page { size: 210mm 297mm; margin: 14mm 16mm; }
body { font-size: 10.5pt; line-height: 1.5; }
h1 { font-size: 16pt; text-align: center; margin: 0 0 2mm; }
.meta { text-align: center; color: #444; font-size: 9pt; margin-bottom: 4mm; }
h2 { font-size: 11.5pt; margin: 3mm 0 1mm; border-bottom: 0.3mm solid #999; }
h2 .unverified { color: #a00; font-size: 9pt; font-weight: 400; margin-left: 2mm; }
p { margin: 0.5mm 0; }
p.item { margin-left: 5mm; }
.foot { margin-top: 5mm; font-size: 8.5pt; color: #555; }
`;

/** The guide's body HTML and its stylesheet. */
export function guideBodyHtml(guide: MatterGuide, hallName: string): { body: string; css: string } {
  const sections = guide.sections
    .map((s) => {
      const mark = s.unverified ? `<span class="unverified">（${e(UNVERIFIED_NOTE)}）</span>` : '';
      const lines = s.lines
        .map((l) => (l.startsWith('· ') ? `<p class="item">${e(l)}</p>` : `<p>${e(l)}</p>`))
        .join('');
      return `<section><h2>${e(s.title)}${mark}</h2>${lines}</section>`;
    })
    .join('');
  const body = `<h1>${e(guide.matterName)} · 操作指南</h1>
<div class="meta">${e(guide.department)} · ${e(guide.acceptanceMode)} · 事项编码 ${e(guide.matterCode)} · 目录版本 ${e(guide.catalogueVersion)}</div>
${sections}
<div class="foot">${e(hallName)}跨省通办窗口据事项目录生成。${
    guide.verified ? '' : `标注“${e(UNVERIFIED_NOTE)}”的内容尚未与办理地实施清单核对，以办理地部门告知为准。`
  }</div>`;
  return { body, css: CSS };
}
