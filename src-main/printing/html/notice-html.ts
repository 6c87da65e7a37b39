// A4 notices from the notice model and the templates in resources/templates.
import { reprintMark } from '@common/printing/documents';
import { promisedLimitText, type NoticeData } from '@common/printing/notice-data';
import {
  clerkRoleOf,
  dateLabelOf,
  guidanceLines,
  issuedForDepartment,
  issuerOf,
  remedyText,
  sealNameOf,
  subtitleOf,
  whoDecidesText,
} from '@common/printing/notice-wording';
import { barcodeDataOf } from '@common/printing/receipt-layout';
import { code128Svg, qrSvg } from './barcodes';
import { powerOfAttorneyVars, receiptSignatureBlock } from './signature-html';
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

/** The article a 受理-body's notice rests on; only a 委托受理 window speaks as the 受理 body (§32). */
function legalBasis(d: NoticeData): string {
  if (!issuedForDepartment(d) || d.matter.type !== '行政许可')
    return d.kind === 'incomplete-notice' ? '按照政务服务“一次性告知”制度的规定，' : '';
  if (d.kind === 'incomplete-notice') return '根据《中华人民共和国行政许可法》第三十二条第一款第（四）项的规定，';
  if (d.kind === 'acceptance-receipt') return '根据《中华人民共和国行政许可法》第三十二条第一款第（五）项的规定，';
  return '根据《中华人民共和国行政许可法》第三十二条第一款的规定，';
}

function acceptanceIntro(d: NoticeData): string {
  const lead = `您于${d.decidedDateZh}在${d.hall.windowLabel}提交的“${d.matter.name}”（${d.matter.situation}）跨省通办申请`;
  switch (d.mode) {
    case '委托受理':
      return `${lead}，经审查，申请材料齐全、符合法定形式。本窗口受业务办理地${d.locality.department}委托，${legalBasis(d)}决定予以受理。现将有关事项告知如下：`;
    case '全程网办':
      return `${lead}，已由本窗口协助您通过网上政务服务平台提交至业务办理地${d.locality.department}。是否受理及审批决定由该部门依法作出，受理结果将在网上办事平台告知。现将帮办情况记录如下：`;
    default:
      return `${lead}材料，本窗口已按“异地代收代办”方式收件，经形式审查和身份核验后流转至业务办理地${d.locality.department}，是否受理由该部门依法决定。现将收件情况告知如下：`;
  }
}

function incompleteIntro(d: NoticeData): string {
  const lead = `您于${d.decidedDateZh}在${d.hall.windowLabel}申请办理“${d.matter.name}”（${d.matter.situation}）`;
  if (issuedForDepartment(d))
    return `${lead}，经审查，您提交的申请材料不齐全或者不符合法定形式。${legalBasis(d)}现一次性告知您需要补正的全部内容如下：`;
  return `${lead}，经本窗口形式审查，申请材料尚不齐全或者不符合要求，本窗口暂不能收件流转。${legalBasis(d)}现一次性告知您需要补正的全部内容如下：`;
}

function rejectionIntro(d: NoticeData): string {
  const lead = `您于${d.decidedDateZh}在${d.hall.windowLabel}提交的“${d.matter.name}”（${d.matter.situation}）跨省通办申请`;
  const reason = stripEnd(d.rejectReason ?? '该申请不属于本窗口可以收件的范围');
  if (issuedForDepartment(d))
    return `${lead}，经审查，${reason}。${legalBasis(d)}本窗口受业务办理地${d.locality.department}委托，决定不予受理。`;
  return `${lead}，因${reason}，本窗口不能收件。本告知书只说明本窗口不能代为收件的原因，不是对您申请事项的审查决定；您可以按下列指引向有权办理的机关提出申请。`;
}

function commonVars(d: NoticeData, seal: string, subtitle = subtitleOf(d)): TemplateVars {
  return {
    reprintTag: d.reprint ? `<span class="reprint-tag">${e(reprintMark(d.copy))}</span>` : '',
    barcode: code128Svg(barcodeDataOf(d.documentNo), { maxWidthMm: 48, heightMm: 10, label: d.documentNo }),
    title: d.title,
    titleClass: Array.from(d.title).length > 5 ? 'doc-title long' : 'doc-title',
    subtitle,
    documentNo: d.documentNo,
    applicantName: d.organisation?.name ?? d.applicant.name,
    dateZh: d.decidedDateZh,
    windowLabel: d.hall.windowLabel,
    matterName: d.matter.name,
    situation: d.matter.situation,
    department: d.locality.department,
    caseQr: qrSvg(d.caseQr, 24),
    caseQrCaption: d.kind === 'material-transfer' ? '扫码核验办件' : '扫码查询办件<br>（防伪验证）',
    // The 好差评 code is for the applicant; the transfer sheet goes between departments.
    ratingFigure:
      d.kind === 'material-transfer' || d.kind === 'power-of-attorney'
        ? ''
        : `<figure>${qrSvg(d.ratingUrl, 24)}<figcaption>扫码评价（好差评）</figcaption></figure>`,
    clerkRole: clerkRoleOf(d),
    clerk: d.clerk,
    hotline: d.hotline,
    hallPhone: d.hall.phone ? `\u3000窗口电话：${d.hall.phone}` : '',
    issuer: issuerOf(d),
    sealName: sealNameOf(d),
    seal,
    footerLeft: `${d.hall.windowLabel}${d.hall.address ? ` · ${d.hall.address}` : ''}`,
    footerRight: `第${d.copy}份${d.reprint ? '（补打）' : ''} · ${d.documentNo}`,
  };
}

function partyFacts(d: NoticeData): Fact[] {
  const org = d.organisation;
  if (org)
    return [
      ['事项名称', d.matter.name],
      ['办理情形', d.matter.situation],
      ['申请单位', org.name],
      ['统一社会信用代码', org.creditCode],
      ['法定代表人', org.legalRepresentative ?? '—'],
      ['经办人', d.applicant.name],
      ['经办人证件', d.applicant.idMasked],
      ['联系电话', d.applicant.phoneMasked],
    ];
  return [
    ['事项名称', d.matter.name],
    ['办理情形', d.matter.situation],
    ['申请人', d.applicant.name],
    ['证件号码', d.applicant.idMasked],
    ['联系电话', d.applicant.phoneMasked],
    ['代办人', d.agent ? `${d.agent.name}（${d.agent.relationship ?? '代办'}）` : '无'],
  ];
}

/** Materials received: how each was taken and how it reaches the 办理地 (what travels by post). */
const materialsTable = (d: NoticeData) =>
  table(
    ['序号', '材料名称', '收取方式', '份数/页数', '流转方式'],
    d.materials.map((m) => [m.no, m.name, m.handling, `${m.copies}份/${m.pages}页`, m.transfer]),
  );

/** The body of an A4 notice, by kind. */
export function noticeBodyHtml(t: Templates, d: NoticeData, seal: string): string {
  switch (d.kind) {
    case 'acceptance-receipt':
      return t.render('acceptance-notice', {
        ...commonVars(d, seal),
        intro: acceptanceIntro(d),
        factRows: factRows([
          ...partyFacts(d),
          [dateLabelOf(d), d.decidedDateZh],
          ['预计办结', d.promised ? d.promised.dueDateZh : '以办理地部门告知为准'],
          ['承诺时限', promisedLimitText(d.promised, d.mode), 'wide'],
          ['收费', d.fee, 'wide'],
          ['结果送达', d.delivery, 'wide'],
          ...(d.pickupCode ? [['取件码', d.pickupCode, 'wide'] satisfies Fact] : []),
          ['业务办理地', `${d.locality.name} ${d.locality.department}`, 'wide'],
          ['材料流转', d.transfer, 'wide'],
        ]),
        materialsTable: materialsTable(d),
        whoDecides: whoDecidesText(d),
        timeNote: issuedForDepartment(d)
          ? '承诺办结时限自受理之日起以工作日计算（不含法定节假日）。'
          : '承诺时限自办理地部门受理之日起按工作日计算（不含法定节假日），预计办结日期按收件日推算，仅供参考。',
        estimateNote:
          d.promised && !d.promised.verified ? '所涉年度的节假日安排尚未公布，预计日期按法定节假日推算。' : '',
        docWord: issuedForDepartment(d) ? '通知书' : '凭证',
        signatureBlock: receiptSignatureBlock(d),
      });
    case 'power-of-attorney':
      return t.render('power-of-attorney', {
        ...commonVars(d, seal, '（跨省通办 · 代办）'),
        ...powerOfAttorneyVars(d),
      });
    case 'incomplete-notice':
      return t.render('incomplete-notice', {
        ...commonVars(d, seal),
        intro: incompleteIntro(d),
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
        afterNote: issuedForDepartment(d)
          ? '补正材料齐全、符合法定形式的，依法予以受理并出具受理通知书，承诺办结时限自受理之日起计算。'
          : `补正材料齐全后，本窗口即予收件并流转至业务办理地${d.locality.department}；是否受理由该部门依法决定，承诺办结时限自该部门受理之日起计算。`,
      });
    case 'rejection-notice': {
      const department = issuedForDepartment(d);
      return t.render('rejection-notice', {
        ...commonVars(d, seal),
        intro: rejectionIntro(d),
        factRows: factRows([
          ...partyFacts(d),
          ['告知日期', d.decidedDateZh],
          ['收件窗口', d.hall.windowLabel],
          [department ? '不予受理理由' : '不能收件的原因', stripEnd(d.rejectReason ?? ''), 'wide'],
          ...(department ? [] : guidanceLines(d).map(([k, v]): Fact => [k, v, 'wide'])),
        ]),
        // Only the 受理 body's refusal carries 复议/诉讼 rights; the window's 不予收件 decides nothing.
        remedyBlock:
          department && d.remedy
            ? `<div class="remedy"><strong>权利告知：</strong>${e(remedyText(d.remedy))}</div>`
            : '',
      });
    }
    case 'material-transfer': {
      const mailed = d.materials.filter((m) => m.transfer.includes('寄递')).length;
      const licensed = d.materials.filter((m) => m.transfer.includes('免提交原件')).length;
      return t.render('material-transfer', {
        ...commonVars(d, seal),
        factRows: factRows([
          ['事项名称', d.matter.name],
          ['办理情形', d.matter.situation],
          ['申请人', `${d.applicant.name}\u3000${d.applicant.idMasked}`],
          [dateLabelOf(d), d.decidedDateZh],
          ['移交单位', d.hall.windowLabel],
          ['接收单位', `${d.locality.name} ${d.locality.department}`],
          ['流转方式', d.transfer, 'wide'],
        ]),
        transferTable: table(
          ['序号', '材料名称', '提交形式', '份数', '页数', '流转方式'],
          d.materials.map((m) => [m.no, m.name, m.handling, m.copies, m.pages, m.transfer]),
        ),
        summary: `合计${d.materials.length}项材料，其中原件或复印件寄递${mailed}项，网上流转${d.materials.length - mailed - licensed}项${licensed ? `，电子证照免提交原件${licensed}项` : ''}。`,
        channelCell: d.transfer,
        contact: [d.hall.windowLabel, d.hall.phone].filter(Boolean).join('，'),
      });
    }
  }
}
