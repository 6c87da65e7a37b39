// Exports: files are written to <dataDir>/exports (a `.partial` name until complete), recorded with
// their SHA-256, audited, and downloaded by id (base64, up to 20 MB) — never by a path from the UI.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuditLog } from '../audit/audit-log';
import { AppError } from '@common/errors';
import type { Hall } from '@common/hall';
import type { LedgerEntry, LedgerScope } from '@common/supervisor/ledger';
import { daysInRange } from '@common/supervisor/ledger';
import type { ExportDownload, ExportResult } from '@common/supervisor/views';
import type { ChromiumPrinter } from '../printing';
import type { Templates } from '../printing/html/templates';
import type { StaffActor } from '../ledger/day-close';
import { writeLedgerCsv } from './export-csv';
import { LEDGER_PDF_MAX_ROWS, ledgerReportHtml } from './export-pdf';
import type { LedgerHeading } from './export-summary';
import { writeLedgerXlsx } from './export-xlsx';
import type { ProgressTask } from '../events/progress';
import type { ExportsRepo } from './exports-repo';
import type { LedgerRepo } from '../ledger/ledger-repo';
import type { LedgerService } from '../ledger/ledger-service';
import { ledgerPages, scanScope } from '../ledger/ledger-source';

/** Largest file `exports:download` returns inline (base64 over IPC or HTTP). */
export const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

/** Media types of the export formats. */
export const MEDIA_TYPES: Record<ExportResult['format'], string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
};

/** What the exports need from the rest of the app. */
export interface ExportsDeps {
  repo: ExportsRepo;
  ledgerRepo: LedgerRepo;
  ledger: LedgerService;
  audit: AuditLog;
  dataDir: string;
  resourcesDir: string;
  templates: () => Templates;
  chromium: () => ChromiumPrinter;
  hall: () => Hall;
  now: () => Date;
}

async function sha256Of(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** Writes and serves exports. */
export class ExportsService {
  readonly dir: string;

  constructor(private readonly d: ExportsDeps) {
    this.dir = join(d.dataDir, 'exports');
  }

  /** Runs `write` into a fresh file, then records and audits it. */
  async produce(
    actor: StaffActor,
    kind: ExportResult['kind'],
    format: ExportResult['format'],
    baseName: string,
    params: Record<string, unknown>,
    write: (file: string) => Promise<number>,
  ): Promise<ExportResult> {
    await mkdir(this.dir, { recursive: true });
    const exportId = randomUUID();
    const fileName = `${baseName}_${exportId.slice(0, 8)}.${format}`;
    const target = join(this.dir, fileName);
    const partial = `${target}.partial`;
    try {
      const rows = await write(partial);
      await rename(partial, target);
      const { size } = await stat(target);
      const sha256 = await sha256Of(target);
      const createdAt = this.d.now().toISOString();
      this.d.repo.insert({
        exportId,
        kind,
        format,
        fileName,
        size,
        sha256,
        rows,
        params,
        createdBy: actor.id,
        createdAt,
      });
      this.d.audit.append({
        actor,
        action: `${kind}.export`,
        target: `export:${exportId}`,
        details: { ...params, format, rows, size, sha256 },
      });
      return {
        exportId,
        kind,
        format,
        fileName,
        path: target,
        size,
        sha256,
        rows,
        mediaType: MEDIA_TYPES[format],
        createdAt,
      };
    } catch (err) {
      await rm(partial, { force: true });
      throw err;
    }
  }

  /** The ledger of a scope as XLSX (streamed), CSV (streamed) or PDF (≤ LEDGER_PDF_MAX_ROWS rows). */
  async ledger(
    actor: StaffActor,
    scope: LedgerScope,
    format: ExportResult['format'],
    task?: ProgressTask,
  ): Promise<ExportResult> {
    const scan = await scanScope(this.d.ledgerRepo, scope);
    task?.throwIfCancelled();
    // Rows written so far of the scope's total; a cancel stops between pages (the partial file is removed).
    const onRows = (n: number) => {
      task?.update(n, scan.total);
      task?.throwIfCancelled();
    };
    onRows(0);
    if (format === 'pdf' && scan.total > LEDGER_PDF_MAX_ROWS) {
      throw new AppError('payload-too-large', 'too many rows for a PDF; export XLSX or CSV', {
        reason: 'export-too-large',
        rows: scan.total,
        limit: LEDGER_PDF_MAX_ROWS,
      });
    }
    const summary = this.d.ledger.withLive(scan.totals, scope);
    const adjustments = this.d.ledger.adjustmentsDuring(scope);
    const heading = this.heading(actor, scope);
    const pages = () => ledgerPages(this.d.ledgerRepo, scope);
    const base = `收件台账_${scope.from === scope.to ? scope.from : `${scope.from}_${scope.to}`}`;
    const params = {
      from: scope.from,
      to: scope.to,
      windowCode: scope.windowCode ?? null,
      clerkId: scope.clerkId ?? null,
    };
    return this.produce(actor, 'ledger', format, base, params, async (file) => {
      if (format === 'xlsx') return writeLedgerXlsx(file, heading, summary, pages, adjustments, scan.fit, onRows);
      if (format === 'csv') return writeLedgerCsv(file, pages, onRows);
      const rows: LedgerEntry[] = [];
      for await (const page of pages()) rows.push(...page.slice(0, LEDGER_PDF_MAX_ROWS - rows.length));
      const html = ledgerReportHtml(this.d.templates(), this.d.resourcesDir, heading, summary, rows, adjustments);
      await writeFile(
        file,
        await this.d.chromium().toPdf({ html, page: { widthMm: 297, heightMm: 210 }, title: heading.title }),
      );
      return rows.length;
    });
  }

  heading(actor: StaffActor, scope: LedgerScope): LedgerHeading {
    const hall = this.d.hall();
    const closed = this.d.ledgerRepo.closedDays(scope.from, scope.to).length;
    const days = daysInRange(scope.from, scope.to);
    return {
      title: '跨省通办窗口收件台账',
      hallName: hall.name,
      from: scope.from,
      to: scope.to,
      windowLabel: scope.windowCode ?? '全部窗口',
      clerkLabel: scope.clerkId ? (this.d.repo.userName(scope.clerkId) ?? `#${scope.clerkId}`) : '全部',
      generatedAt: this.d.now(),
      // Signed as people know the supervisor (王建国), not by the login name.
      generatedBy: this.d.repo.userName(actor.id) ?? actor.name,
      closedLabel: days === 1 ? (closed ? '已日结' : '未日结') : `已日结 ${closed} 天 / 共 ${days} 天`,
    };
  }

  list(limit = 50): ExportResult[] {
    return this.d.repo
      .list(limit)
      .map((e) => ({ ...e, path: join(this.dir, e.fileName), mediaType: MEDIA_TYPES[e.format] }));
  }

  /** An export's bytes; larger files are refused (open them from the path instead). */
  async download(exportId: string): Promise<ExportDownload> {
    const e = this.d.repo.get(exportId);
    if (!e) throw new AppError('not-found', 'no such export');
    if (e.size > MAX_DOWNLOAD_BYTES)
      throw new AppError('payload-too-large', 'export too large to download inline', {
        reason: 'export-too-large',
        size: e.size,
        limit: MAX_DOWNLOAD_BYTES,
      });
    const bytes = await readFile(join(this.dir, e.fileName)).catch(() => null);
    if (!bytes) throw new AppError('not-found', 'export file missing', { reason: 'file-missing' });
    return {
      fileName: e.fileName,
      mediaType: MEDIA_TYPES[e.format],
      size: bytes.length,
      dataBase64: bytes.toString('base64'),
    };
  }
}
