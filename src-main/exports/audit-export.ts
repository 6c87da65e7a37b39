// Audit review export: every entry matching the filters (oldest first, with its hashes so the
// chain can be re-checked outside the app) and the result of verifying the whole chain.
import type ExcelJS from 'exceljs';
import type { AuditLog } from '../audit/audit-log';
import { AUDIT_ACTION_LABELS_ZH, type AuditVerification } from '@common/audit';
import { SUPERVISOR_AUDIT_ACTION_LABELS_ZH } from '@common/supervisor/audit-actions';
import { excelChinaDate } from '@common/supervisor/ledger';
import type { ExportResult } from '@common/supervisor/views';
import type { StaffActor } from '../ledger/day-close';
import { CsvFile } from './export-csv';
import { loadExcel, XLSX_DATE_FORMAT } from './export-xlsx';
import type { AuditExportRow, AuditFilter, ExportsRepo } from './exports-repo';
import type { ExportsService } from './exports-service';
import { yieldToEventLoop } from '../db/statements';

const COLUMNS: [string, number][] = [
  ['序号', 9],
  ['时间', 18],
  ['操作人', 12],
  ['操作', 18],
  ['操作代码', 24],
  ['对象', 44],
  ['详情', 60],
  ['前一条哈希', 20],
  ['本条哈希', 20],
];

const LABELS: Record<string, string> = { ...AUDIT_ACTION_LABELS_ZH, ...SUPERVISOR_AUDIT_ACTION_LABELS_ZH };

async function* auditRows(repo: ExportsRepo, filter: AuditFilter): AsyncGenerator<AuditExportRow[]> {
  for (let after = 0; ;) {
    const page = repo.auditPage(filter, after, 1000);
    if (!page.length) return;
    yield page;
    after = (page[page.length - 1] as AuditExportRow).seq;
    await yieldToEventLoop();
  }
}

const values = (r: AuditExportRow) =>
  [
    r.seq,
    r.at,
    r.actor_name,
    LABELS[r.action] ?? r.action,
    r.action,
    r.target ?? '',
    r.details,
    r.prev_hash,
    r.hash,
  ] as const;

/** Writes audit exports. */
export class AuditExport {
  constructor(private readonly d: { repo: ExportsRepo; audit: AuditLog; exports: ExportsService }) {}

  async export(
    actor: StaffActor,
    filter: AuditFilter,
    format: 'xlsx' | 'csv',
  ): Promise<ExportResult & { verification: AuditVerification }> {
    const verification = this.d.audit.verify();
    const params = { ...filter, chainOk: verification.ok, chainCount: verification.count };
    const stamp = filter.from || filter.to ? `${filter.from ?? '开始'}_${filter.to ?? '至今'}` : '全部';
    const result = await this.d.exports.produce(actor, 'audit', format, `审计日志_${stamp}`, params, (file) =>
      format === 'csv' ? this.csv(file, filter) : this.xlsx(file, filter, verification),
    );
    return { ...result, verification };
  }

  private async csv(file: string, filter: AuditFilter): Promise<number> {
    const csv = new CsvFile(
      file,
      COLUMNS.map(([h]) => h),
    );
    let n = 0;
    try {
      for await (const page of auditRows(this.d.repo, filter)) {
        for (const r of page) {
          n += 1;
          await csv.write([...values(r)]);
        }
      }
    } finally {
      await csv.close();
    }
    return n;
  }

  private async xlsx(file: string, filter: AuditFilter, v: AuditVerification): Promise<number> {
    const Excel = await loadExcel();
    const wb = new Excel.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
    const frozen: Partial<ExcelJS.WorksheetView>[] = [{ state: 'frozen', ySplit: 1 }];
    const check = wb.addWorksheet('校验结果', { views: frozen });
    check.columns = [
      { header: '项目', width: 20 },
      { header: '结果', width: 70 },
    ];
    check.getRow(1).font = { bold: true };
    const facts: [string, string | number][] = [
      ['审计链校验', v.ok ? '完整（未发现篡改）' : '发现异常'],
      ['条目总数', v.count],
      ['链尾哈希', v.headHash ?? '—'],
      ['首个异常条目', v.firstBroken ? `第 ${v.firstBroken.seq} 条（${v.firstBroken.reason}）` : '—'],
      ['筛选：操作人', filter.actor ?? '全部'],
      ['筛选：操作', filter.action ?? '全部'],
      ['筛选：对象', filter.target ?? '全部'],
      ['筛选：日期', `${filter.from ?? '—'} 至 ${filter.to ?? '—'}`],
    ];
    for (const f of facts) check.addRow(f).commit();
    check.commit();
    const sheet = wb.addWorksheet('审计日志', { views: frozen });
    sheet.columns = COLUMNS.map(([header, width], i) => ({
      header,
      width,
      ...(i === 1 ? { style: { numFmt: `${XLSX_DATE_FORMAT}:ss` } } : {}),
    }));
    sheet.getRow(1).font = { bold: true };
    let n = 0;
    for await (const page of auditRows(this.d.repo, filter)) {
      for (const r of page) {
        n += 1;
        const row = [...values(r)] as (string | number | Date)[];
        row[1] = excelChinaDate(r.at);
        sheet.addRow(row).commit();
      }
    }
    sheet.commit();
    await wb.commit();
    return n;
  }
}
