// The window documents under each 受理模式 (收受分离): who speaks, which title, and no 复议 claim unless the
// department delegated 受理 (委托受理) and configured its 复议机关 and court.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentTitleZh } from '@common/printing/documents';
import type { NoticeData } from '@common/printing/notice-data';
import { acceptanceReceiptLayout } from '@common/printing/receipt-layout';
import { noticeBodyHtml } from './notice-html';
import { Templates } from './templates';

const templates = new Templates(join(__dirname, '..', '..', '..', 'resources', 'templates'));
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&[a-z#0-9]+;/g, '')
    .replace(/\s+/g, '');

function notice(kind: NoticeData['kind'], mode: NoticeData['mode'], extra: Partial<NoticeData> = {}): NoticeData {
  return {
    kind,
    mode,
    title: documentTitleZh(kind, mode),
    documentNo: '50010112-20261130-0001F',
    caseId: 'c1',
    copy: 1,
    reprint: false,
    hall: {
      name: '万州区政务服务中心',
      windowNo: '12',
      windowLabel: '万州区政务服务中心12号窗口',
      address: '重庆市万州区北山大道1000号',
      phone: '023-58221234',
    },
    matter: {
      code: 'CQ-KSTB-0001',
      name: '某许可事项',
      situation: '一般情形',
      type: '行政许可',
      implementationCode: null,
    },
    applicant: {
      name: '张三',
      idType: '居民身份证',
      idMasked: '5001**********0014',
      phoneMasked: '138****8000',
      relationship: null,
    },
    agent: null,
    organisation: null,
    decidedDate: '2026-11-30',
    decidedDateZh: '2026年11月30日',
    promised: { days: 20, dueDate: '2026-12-28', dueDateZh: '2026年12月28日', verified: true, catalogueVerified: true },
    fee: '不收费',
    delivery: '窗口领取：万州区政务服务中心12号窗口',
    locality: {
      name: '四川省成都市锦江区',
      department: '成都市锦江区行政审批局',
      online: true,
      address: '成都市锦江区某路1号',
      phone: '028-00000000',
    },
    remedy: { reviewBody: '成都市锦江区人民政府', court: '成都市锦江区人民法院', verified: true },
    guidance: null,
    transfer: '网上流转',
    materials: [{ no: 1, name: '申请书', handling: '原件留存待寄递', copies: 1, pages: 2, transfer: '原件寄递' }],
    missing: [{ no: 1, name: '营业执照', reason: '未提供' }],
    rejectReason: '申请事项依法不需要取得行政许可',
    clerk: '李四',
    hotline: '12345',
    caseQr: 'qr',
    pickupCode: null,
    ratingUrl: 'https://example.invalid/rate',
    ...extra,
  };
}

describe('window documents by 受理模式', () => {
  it('异地代收代办: a 收件凭证 in the window’s name; the department 受理s, the time limit runs from its 受理', () => {
    const s = text(noticeBodyHtml(templates, notice('acceptance-receipt', '异地代收代办'), ''));
    expect(s).toContain('收件凭证');
    expect(s).toContain('是否受理由该部门依法决定');
    expect(s).toContain('自办理地部门受理之日起20个工作日');
    expect(s).toContain('万州区政务服务中心（收件专用章）');
    expect(s).not.toContain('予以受理');
    expect(s).not.toContain('第三十二条');
  });

  it('委托受理: 受理通知书 in the department’s name, citing 行政许可法 §32 第一款第（五）项', () => {
    const s = text(noticeBodyHtml(templates, notice('acceptance-receipt', '委托受理'), ''));
    expect(s).toContain('受理通知书');
    expect(s).toContain('本窗口受业务办理地成都市锦江区行政审批局委托');
    expect(s).toContain('第三十二条第一款第（五）项');
    expect(s).toContain('决定予以受理');
    expect(s).toContain('成都市锦江区行政审批局（受理专用章·委托万州区政务服务中心办理）');
    expect(s).toContain('自受理之日起20个工作日');
  });

  it('委托受理: 不予受理通知书 names the department’s configured 复议机关 and court', () => {
    const s = text(noticeBodyHtml(templates, notice('rejection-notice', '委托受理'), ''));
    expect(s).toContain('不予受理通知书');
    expect(s).toContain('决定不予受理');
    expect(s).toContain('六十日内向成都市锦江区人民政府申请行政复议');
    expect(s).toContain('六个月内向成都市锦江区人民法院提起行政诉讼');
  });

  it('委托受理: an unverified 复议机关 and court are printed with 以办理地部门告知为准 beside them', () => {
    const base = notice('rejection-notice', '委托受理');
    const d = { ...base, remedy: { ...(base.remedy as NonNullable<typeof base.remedy>), verified: false } };
    const s = text(noticeBodyHtml(templates, d, ''));
    expect(s).toContain('向成都市锦江区人民政府（以办理地部门告知为准）申请行政复议');
    expect(s).toContain('向成都市锦江区人民法院（以办理地部门告知为准）提起行政诉讼');
  });

  it('不予收件告知书: reasons and where to apply (the department’s address and phone), no decision, no 复议', () => {
    const s = text(noticeBodyHtml(templates, notice('rejection-notice', '异地代收代办'), ''));
    expect(s).toContain('不予收件告知书');
    expect(s).toContain('本窗口不能收件');
    expect(s).toContain('办理地点四川省成都市锦江区成都市锦江区行政审批局');
    expect(s).toContain('部门地址成都市锦江区某路1号');
    for (const claim of ['不予受理', '复议', '诉讼', '本窗口决定', '决定不予']) expect(s, claim).not.toContain(claim);
  });

  it('补正材料一次性告知书: §32 第一款第（四）项 only when the window 受理s on the department’s behalf', () => {
    const own = text(noticeBodyHtml(templates, notice('incomplete-notice', '异地代收代办'), ''));
    expect(own).toContain('补正材料一次性告知书');
    expect(own).toContain('一次性告知');
    expect(own).not.toContain('第三十二条');
    expect(own).not.toContain('予以受理');
    const delegated = text(noticeBodyHtml(templates, notice('incomplete-notice', '委托受理'), ''));
    expect(delegated).toContain('第三十二条第一款第（四）项');
  });

  it('unverified time limit and fee print 以办理地部门告知为准 instead of stating them as fact', () => {
    const d = notice('acceptance-receipt', '异地代收代办', {
      promised: {
        days: 20,
        dueDate: '2026-12-28',
        dueDateZh: '2026年12月28日',
        verified: true,
        catalogueVerified: false,
      },
      fee: '工本费20元（以办理地部门告知为准）',
    });
    const s = text(noticeBodyHtml(templates, d, ''));
    expect(s).toContain('自办理地部门受理之日起20个工作日（以办理地部门告知为准）');
    expect(s).toContain('工本费20元（以办理地部门告知为准）');
    const receipt = acceptanceReceiptLayout(d, 48)
      .ops.flatMap((op) => (op.op === 'text' ? op.lines : []))
      .join('')
      .replace(/\s+/g, '');
    expect(receipt).toContain('以办理地部门告知为准');
    expect(receipt).toContain('收件凭证');
  });

  it('全程网办: the window records its help; the department 受理s online', () => {
    const s = text(noticeBodyHtml(templates, notice('acceptance-receipt', '全程网办'), ''));
    expect(s).toContain('网上申办帮办凭证');
    expect(s).toContain('协助您通过网上政务服务平台提交');
    expect(s).not.toContain('予以受理');
  });
});
