// The 工作台账 and its 协调事项 as tables (page, CSV, XLSX) and as the PDF ledger.
import { chinaTime } from '../department/html';
import { divisionText } from '../department/reference';
import type { CoordinationItem, LedgerRow } from './ledger';
import { ledgerPdf, type PdfTable } from './ledger-pdf';
import type { Table } from './tables';

const districtsText = (ds: string[]) =>
  ds.length === 0 ? '—' : ds.map((d) => divisionText(d).replace(/^\d{6} /, '')).join('、');

/** The matters table of the ledger. */
export function ledgerTable(rows: LedgerRow[]): Table {
  return {
    name: 'ledger',
    title: '事项台账',
    columns: [
      '序号',
      '事项编码',
      '事项名称',
      '责任单位',
      '受理模式',
      '承诺时限（工作日）',
      '开通区县数',
      '开通区县',
      '收件',
      '办结',
      '超期',
      '未结问题',
      '未办结协调事项',
    ],
    rows: rows.map((r, i) => [
      i + 1,
      r.code,
      r.name,
      r.unit,
      r.mode,
      r.promisedDays,
      r.districts.length,
      districtsText(r.districts),
      r.received,
      r.decided,
      r.overdue,
      r.openTickets,
      r.openItems,
    ]),
  };
}

/** The 协调事项 table. */
export function itemsTable(items: CoordinationItem[]): Table {
  return {
    name: 'items',
    title: '协调事项',
    columns: [
      '编号',
      '事项编码',
      '责任单位',
      '协调内容',
      '负责人',
      '办结期限',
      '办理结果',
      '状态',
      '记录人',
      '记录时间',
    ],
    rows: items.map((i) => [
      i.itemId,
      i.matterCode,
      i.unit,
      i.issue,
      i.owner,
      i.dueOn,
      i.outcome,
      i.resolvedAt ? '已办结' : '办理中',
      i.createdBy,
      chinaTime(i.createdAt),
    ]),
  };
}

/** The ledger as the official-looking PDF. */
export function ledgerAsPdf(
  period: string,
  scope: string,
  version: string,
  rows: LedgerRow[],
  items: CoordinationItem[],
  now: Date,
): Promise<Buffer> {
  const matters: PdfTable = {
    title: '一、事项台账',
    columns: [
      ['序号', 28],
      ['事项编码', 70],
      ['事项名称', 150],
      ['责任单位', 86],
      ['受理模式', 64],
      ['承诺时限（工作日）', 52],
      ['开通区县', 144],
      ['收件', 44],
      ['办结', 44],
      ['超期', 36],
      ['未结问题', 44],
    ],
    rows: rows.map((r, i) => [
      String(i + 1),
      r.code,
      r.name,
      r.unit,
      r.mode,
      r.promisedDays === null ? '—' : String(r.promisedDays),
      r.districts.length ? `${r.districts.length} 个：${districtsText(r.districts)}` : '—',
      String(r.received),
      String(r.decided),
      String(r.overdue),
      String(r.openTickets),
    ]),
  };
  const coordination: PdfTable = {
    title: '二、协调事项',
    columns: [
      ['编号', 32],
      ['事项编码', 70],
      ['责任单位', 90],
      ['协调内容', 220],
      ['负责人', 60],
      ['办结期限', 64],
      ['办理结果', 168],
      ['状态', 58],
    ],
    rows: items.map((i) => [
      String(i.itemId),
      i.matterCode,
      i.unit,
      i.issue,
      i.owner,
      i.dueOn,
      i.outcome ?? '',
      i.resolvedAt ? '已办结' : '办理中',
    ]),
  };
  return ledgerPdf(
    '跨省通办事项工作台账',
    [`统计期间：${period}    范围：${scope}    事项目录版本：${version}`, `生成时间：${chinaTime(now)}（北京时间）`],
    [matters, coordination],
  );
}
