// A4 notices from the notice model and the templates in resources/templates.
import { reprintMark } from '@common/printing/documents';
import type { NoticeData } from '@common/printing/notice-data';
import { barcodeDataOf } from '@common/printing/receipt-layout';
import { code128Svg, qrSvg } from './barcodes';
import { escapeHtml as e, type Templates, type TemplateVars } from './templates';

type Fact = [label: string, value: string] | [label: string, value: string, 'wide'];

/** Rows of a two-column facts table; a 'wide' fact takes a whole row. */
export function factRows(facts: Fact[]): string {
  const rows: string[] = [];
  let pending: Fact | null = null;
  const cell = (f: Fact) => `<th>${e(f[0])}</th><td>${e(f[1])}</td>`;
  for (const f of facts) {
    if (f[2] === 'wide') {
      if (pending) rows.push(`<tr>${cell(pending)}<th></th><td></td></tr>`);
      pending = null;
      rows.push(`<tr><th>${e(f[0])}</th><td colspan="3">${e(f[1])}</td></tr>`);
    } else if (pending) {
      rows.push(`<tr>${cell(pending)}${cell(f)}</tr>`);
      pending = null;
    } else pending = f;
  }
  if (pending) rows.push(`<tr>${cell(pending)}<th></th><td></td></tr>`);
  return rows.join('\n');
}

function table(head: string[], rows: (string | number)[][], nameColumn = 1): string {
  if (!rows.length) return '<p class="summary">（无）</p>';
  const th = head.map((h) => `<th>${e(h)}</th>`).join('');
  const tr = rows
    .map((r) => `<tr>${r.map((c, i) => `<td class="${i === nameColumn ? 'name' : 'num'}">${e(c)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table class="items"><thead><tr>${th}</tr></thead><tbody>${tr}</tbody></table>`;
}

const stripEnd = (s: string) => s.trim().replace(/[。．.；;，,\s]+$/u, '');

function legalBasis(d: NoticeData): string {
  if (d.matter.type !== '行政许可') return d.kind === 'incomplete-notice' ? '按照政务服务“一次性告知”制度的规定，' : '';
  return d.kind === 'incomplete-notice'
    ? '根据《中华人民共和国行政许可法》第三十二条第一款第（四）项的规定，'
    : '根据《中华人民共和国行政许可法》第三十二条第一款的规定，';
}

function commonVars(d: NoticeData, seal: string, subtitle: string): TemplateVars {
  return {
    reprintTag: d.reprint ? `<span class="reprint-tag">${e(reprintMark(d.copy))}</span>` : '',
    barcode: code128Svg(barcodeDataOf(d.documentNo), { maxWidthMm: 48, heightMm: 10, label: d.documentNo }),
    title: d.title,
    titleClass: Array.from(d.title).length > 5 ? 'doc-title long' : 'doc-title',
    subtitle,
    documentNo: d.documentNo,
    applicantName: d.applicant.name,
    dateZh: d.decidedDateZh,
    windowLabel: d.hall.windowLabel,
    matterName: d.matter.name,
    situation: d.matter.situation,
    department: d.locality.department,
    caseQr: qrSvg(d.caseQr, 24),
    caseQrCaption: d.kind === 'material-transfer' ? '扫码核验办件' : '扫码查询办件<br>（防伪验证）',
    // The 好差评 code is for the applicant; the transfer sheet goes between departments.
    ratingFigure:
      d.kind === 'material-transfer'
        ? ''
        : `<figure>${qrSvg(d.ratingUrl, 24)}<figcaption>扫码评价（好差评）</figcaption></figure>`,
    clerkRole: d.kind === 'material-transfer' ? '移交人' : d.kind === 'acceptance-receipt' ? '受理人' : '经办人',
    clerk: d.clerk,
    hotline: d.hotline,
    hallPhone: d.hall.phone ? `\u3000窗口电话：${d.hall.phone}` : '',
    issuer: d.hall.name,
    sealName: d.kind === 'material-transfer' ? '材料流转专用章' : '受理专用章',
    seal,
    footerLeft: `${d.hall.windowLabel}${d.hall.address ? ` · ${d.hall.address}` : ''}`,
    footerRight: `第${d.copy}份${d.reprint ? '（补打）' : ''} · ${d.documentNo}`,
  };
}

function partyFacts(d: NoticeData): Fact[] {
  return [
    ['事项名称', d.matter.name],
    ['办理情形', d.matter.situation],
    ['申请人', d.applicant.name],
    ['证件号码', d.applicant.idMasked],
    ['联系电话', d.applicant.phoneMasked],
    ['代办人', d.agent ? `${d.agent.name}（${d.agent.relationship ?? '代办'}）` : '无'],
  ];
}

const materialsTable = (d: NoticeData) =>
  table(
    ['序号', '材料名称', '提交形式', '份数', '页数'],
    d.materials.map((m) => [m.no, m.name, m.handling, m.copies, m.pages]),
  );

/** The body of an A4 notice, by kind. */
export function noticeBodyHtml(t: Templates, d: NoticeData, seal: string): string {
  switch (d.kind) {
    case 'acceptance-receipt':
      return t.render('acceptance-notice', {
        ...commonVars(d, seal, '（跨省通办 · 异地代收）'),
        factRows: factRows([
          ...partyFacts(d),
          ['受理日期', d.decidedDateZh],
          [
            '承诺时限',
            d.promised ? (d.promised.days === 0 ? '即办' : `${d.promised.days}个工作日`) : '以业务办理地为准',
          ],
          ['预计办结', d.promised ? d.promised.dueDateZh : '以业务办理地为准'],
          ['收费', d.fee],
          ['结果送达', d.delivery, 'wide'],
          ['收件窗口', d.hall.windowLabel],
          ['业务办理地', `${d.locality.name} ${d.locality.department}`],
          ['材料流转', d.transfer, 'wide'],
        ]),
        materialsTable: materialsTable(d),
        estimateNote:
          d.promised && !d.promised.verified ? '所涉年度的节假日安排尚未公布，预计日期按法定节假日推算。' : '',
      });
    case 'incomplete-notice':
      return t.render('incomplete-notice', {
        ...commonVars(d, seal, '（补正材料通知书）'),
        legalBasis: legalBasis(d),
        missingCount: d.missing.length,
        missingTable: table(
          ['序号', '需补正的材料', '补正要求'],
          d.missing.map((m) => [m.no, m.name, m.reason]),
        ),
        factRows: factRows([
          ...partyFacts(d),
          ['告知日期', d.decidedDateZh],
          ['收件窗口', d.hall.windowLabel],
          ['业务办理地', `${d.locality.name} ${d.locality.department}`, 'wide'],
        ]),
        materialsTable: materialsTable(d),
      });
    case 'rejection-notice':
      return t.render('rejection-notice', {
        ...commonVars(d, seal, '（跨省通办）'),
        reason: stripEnd(d.rejectReason ?? '申请不符合受理条件'),
        legalBasis: legalBasis(d),
        factRows: factRows([
          ...partyFacts(d),
          ['决定日期', d.decidedDateZh],
          ['收件窗口', d.hall.windowLabel],
          ['不予受理理由', stripEnd(d.rejectReason ?? ''), 'wide'],
        ]),
      });
    case 'material-transfer': {
      const mailed = d.materials.filter((m) => m.transfer.includes('寄递')).length;
      return t.render('material-transfer', {
        ...commonVars(d, seal, '（跨省通办 · 收件地 → 业务办理地）'),
        factRows: factRows([
          ['事项名称', d.matter.name],
          ['办理情形', d.matter.situation],
          ['申请人', `${d.applicant.name}\u3000${d.applicant.idMasked}`],
          ['受理日期', d.decidedDateZh],
          ['移交单位', d.hall.windowLabel],
          ['接收单位', `${d.locality.name} ${d.locality.department}`],
          ['流转方式', d.transfer, 'wide'],
        ]),
        transferTable: table(
          ['序号', '材料名称', '提交形式', '份数', '页数', '流转方式'],
          d.materials.map((m) => [m.no, m.name, m.handling, m.copies, m.pages, m.transfer]),
        ),
        summary: `合计${d.materials.length}项材料，其中原件或复印件寄递${mailed}项，网上流转${d.materials.length - mailed}项。`,
        channelCell: d.transfer,
        contact: [d.hall.windowLabel, d.hall.phone].filter(Boolean).join('，'),
      });
    }
  }
}
