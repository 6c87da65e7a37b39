// Thermal receipt layout: a notice becomes a list of printer operations whose text lines are
// already wrapped to the paper's columns by display width. The ESC/POS encoder and the HTML
// preview both render these same operations.
import { displayWidth, labelledLines, leftRightLines, wrapToWidth } from './display-width';
import { reprintMark } from './documents';
import { promisedText, type NoticeData } from './notice-data';
import { clerkRoleOf, dateLabelOf, issuerOf, sealNameOf, subtitleOf, whoDecidesText } from './notice-wording';

/** One printer operation. `size: 2` is double width and height (a line then holds half the columns). */
export type ReceiptOp =
  | { op: 'text'; lines: string[]; align: 'left' | 'center'; bold?: boolean; size?: 1 | 2 }
  | { op: 'rule' }
  | { op: 'code128'; data: string; caption: string }
  | { op: 'qr'; data: string; caption: string }
  | { op: 'feed'; lines: number }
  | { op: 'cut' };

/** A laid-out receipt for a paper width in columns (48 at 80 mm, 32 at 58 mm). */
export interface ReceiptLayout {
  columns: number;
  ops: ReceiptOp[];
}

/** The receipt number as a barcode: hyphens dropped so digits pack densely (parseReceiptNumber accepts it). */
export function barcodeDataOf(documentNo: string): string {
  return documentNo.replace(/-/g, '');
}

class Builder {
  readonly ops: ReceiptOp[] = [];
  constructor(readonly columns: number) {}
  centre(text: string, opts: { bold?: boolean; size?: 1 | 2 } = {}): this {
    const lines = wrapToWidth(text, Math.floor(this.columns / (opts.size ?? 1)));
    this.ops.push({ op: 'text', lines, align: 'center', ...opts });
    return this;
  }
  para(text: string): this {
    this.ops.push({ op: 'text', lines: wrapToWidth(text, this.columns), align: 'left' });
    return this;
  }
  field(label: string, value: string): this {
    this.ops.push({ op: 'text', lines: labelledLines(`${label}：`, value, this.columns), align: 'left' });
    return this;
  }
  lines(lines: string[], bold = false): this {
    this.ops.push({ op: 'text', lines, align: 'left', bold });
    return this;
  }
  push(...ops: ReceiptOp[]): this {
    this.ops.push(...ops);
    return this;
  }
}

function header(b: Builder, d: NoticeData): void {
  if (d.reprint) b.centre(`【${reprintMark(d.copy)}】`, { bold: true });
  // Double size only when the title fits one line at double width (补正材料一次性告知书 does not at 58 mm).
  b.centre(d.title, { bold: true, size: displayWidth(d.title) * 2 <= b.columns ? 2 : 1 });
  b.centre(subtitleOf(d).replace(/^（|）$/g, ''));
  b.centre(d.hall.windowLabel);
  b.push({ op: 'rule' });
  b.field('文书编号', d.documentNo);
  b.push({ op: 'code128', data: barcodeDataOf(d.documentNo), caption: d.documentNo });
}

function parties(b: Builder, d: NoticeData): void {
  b.field('事项名称', d.matter.name).field('办理情形', d.matter.situation);
  if (d.organisation) {
    b.field('申请单位', d.organisation.name).field('统一社会信用代码', d.organisation.creditCode);
    b.field('经办人', d.applicant.name).field('经办人证件', d.applicant.idMasked);
    return;
  }
  b.field('申请人', d.applicant.name)
    .field('证件号码', d.applicant.idMasked)
    .field('联系电话', d.applicant.phoneMasked);
  b.field('代办人', d.agent ? `${d.agent.name}（${d.agent.relationship ?? '代办'}） ${d.agent.idMasked}` : '无');
}

function materials(b: Builder, d: NoticeData): void {
  b.push({ op: 'rule' }).centre('已收材料', { bold: true });
  if (!d.materials.length) b.para('（无）');
  for (const m of d.materials) {
    const lead = `${m.no}. `;
    const body = wrapToWidth(m.name, b.columns - displayWidth(lead));
    b.lines(body.map((line, i) => (i === 0 ? lead : ' '.repeat(displayWidth(lead))) + line));
    b.lines(leftRightLines(' '.repeat(displayWidth(lead)) + m.handling, `${m.copies}份 ${m.pages}页`, b.columns));
  }
}

function closing(b: Builder, d: NoticeData): void {
  b.push({ op: 'rule' });
  b.field(clerkRoleOf(d), d.clerk).field('收件窗口', d.hall.windowLabel);
  b.field('咨询投诉', `${d.hotline}${d.hall.phone ? ` / ${d.hall.phone}` : ''}`);
  b.push({ op: 'feed', lines: 1 }, { op: 'qr', data: d.caseQr, caption: '扫码查询办件（防伪验证）' });
  b.push({ op: 'qr', data: d.ratingUrl, caption: '扫码评价（政务服务好差评）' });
  b.para('申请人签字：');
  b.push({ op: 'feed', lines: 2 }, { op: 'rule' });
  b.centre(`${issuerOf(d)}（${sealNameOf(d)}）`);
  b.centre(d.decidedDateZh);
  if (d.reprint) b.centre(reprintMark(d.copy), { bold: true });
  b.push({ op: 'feed', lines: 1 }, { op: 'cut' });
}

/** The 收件凭证 (or, under 委托受理, the 受理通知书) as a thermal receipt. */
export function acceptanceReceiptLayout(d: NoticeData, columns: number): ReceiptLayout {
  const b = new Builder(columns);
  header(b, d);
  parties(b, d);
  b.field(dateLabelOf(d), d.decidedDateZh).field('承诺时限', promisedText(d.promised, d.mode));
  b.field('收费', d.fee).field('结果送达', d.delivery);
  if (d.pickupCode) b.field('取件码', d.pickupCode);
  b.field('收件窗口', d.hall.windowLabel).field('业务办理地', `${d.locality.name} ${d.locality.department}`);
  b.field('材料流转', d.transfer);
  materials(b, d);
  b.push({ op: 'rule' });
  b.para(`${whoDecidesText(d)}办结日期以工作日计算，不含法定节假日。`);
  closing(b, d);
  return { columns, ops: b.ops };
}

/** The 补正材料一次性告知书 as a thermal receipt: every missing item at once (行政许可法 §32 第一款第（四）项). */
export function incompleteNoticeLayout(d: NoticeData, columns: number): ReceiptLayout {
  const b = new Builder(columns);
  header(b, d);
  parties(b, d);
  b.field('告知日期', d.decidedDateZh);
  b.push({ op: 'rule' }).centre('需补正的全部材料', { bold: true });
  for (const m of d.missing) {
    const lead = `${m.no}. `;
    b.lines(
      wrapToWidth(`${m.name}（${m.reason}）`, columns - displayWidth(lead)).map(
        (l, i) => (i === 0 ? lead : ' '.repeat(displayWidth(lead))) + l,
      ),
      true,
    );
  }
  b.push({ op: 'rule' });
  b.para(
    d.mode === '委托受理'
      ? '以上为需补正的全部内容，已一次性告知。请备齐后携带本告知书到本窗口继续办理，已提交的材料无需重复提交。'
      : `以上为需补正的全部内容，已一次性告知。请备齐后携带本告知书到本窗口继续办理，已提交的材料无需重复提交。补齐后本窗口即予收件并流转至业务办理地${d.locality.department}，是否受理由该部门决定。`,
  );
  materials(b, d);
  closing(b, d);
  return { columns, ops: b.ops };
}

/** A test page: ruler to check the column count, Chinese text, barcode, QR and cut. */
export function testPageLayout(
  input: { hallName: string; windowLabel: string; printedAt: string; target: string },
  columns: number,
): ReceiptLayout {
  const b = new Builder(columns);
  b.centre('打印机测试页', { bold: true, size: 2 });
  b.centre(input.hallName).centre(input.windowLabel);
  b.push({ op: 'rule' });
  b.lines(['1234567890'.repeat(Math.ceil(columns / 10)).slice(0, columns)]);
  b.lines(['中文测试：收件凭证补正材料一次性告知书'.slice(0, columns / 2)]);
  b.field('打印机', input.target).field('纸宽', `${columns}列`).field('时间', input.printedAt);
  b.push(
    { op: 'code128', data: '1234567890', caption: '1234567890' },
    { op: 'qr', data: 'TONGBAN-TEST', caption: '二维码测试' },
  );
  b.push({ op: 'feed', lines: 3 }, { op: 'cut' });
  return { columns, ops: b.ops };
}
