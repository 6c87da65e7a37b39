// SQL for exports: the exports table, keyset pages of the audit log, staff names.
import type Database from 'better-sqlite3-multiple-ciphers';
import type { ExportResult } from '@common/supervisor/views';
import { chinaDayStartIso, nextDate } from '@common/time';
import { Statements } from '../db/statements';
import type { AuditRow } from '../audit/audit-log';

/** Filters of an audit export (no paging: the export covers every match). */
export interface AuditFilter {
  actor?: string;
  action?: string;
  target?: string;
  from?: string;
  to?: string;
}

/** One audit row as stored, hashes included, so the export can be checked outside the app. */
export type AuditExportRow = AuditRow;

interface ExportRow {
  export_id: string;
  kind: ExportResult['kind'];
  format: ExportResult['format'];
  file_name: string;
  size: number;
  sha256: string;
  row_count: number;
  created_at: string;
}

/** SQL for exports. */
export class ExportsRepo {
  private readonly s: Statements;

  constructor(db: Database.Database) {
    this.s = new Statements(db);
  }

  insert(e: {
    exportId: string;
    kind: string;
    format: string;
    fileName: string;
    size: number;
    sha256: string;
    rows: number;
    params: unknown;
    createdBy: number;
    createdAt: string;
  }): void {
    this.s
      .get(
        `INSERT INTO exports (export_id, kind, format, file_name, size, sha256, row_count, params, created_by, created_at)
            VALUES (@exportId, @kind, @format, @fileName, @size, @sha256, @rows, @params, @createdBy, @createdAt)`,
      )
      .run({ ...e, params: JSON.stringify(e.params) });
  }

  get(exportId: string): Omit<ExportResult, 'path' | 'mediaType'> | null {
    const r = this.s.get<[string], ExportRow>('SELECT * FROM exports WHERE export_id = ?').get(exportId);
    return r ? toExport(r) : null;
  }

  list(limit: number): Omit<ExportResult, 'path' | 'mediaType'>[] {
    return this.s
      .get<[number], ExportRow>('SELECT * FROM exports ORDER BY created_at DESC, rowid DESC LIMIT ?')
      .all(limit)
      .map(toExport);
  }

  userName(id: number): string | null {
    return (
      this.s.get<[number], { display_name: string }>('SELECT display_name FROM users WHERE id = ?').get(id)
        ?.display_name ?? null
    );
  }

  /** One keyset page of the audit log matching the filter, oldest first. */
  auditPage(f: AuditFilter, afterSeq: number, limit: number): AuditExportRow[] {
    const filters: [string, string, unknown][] = [
      ['actor_name = @actor', 'actor', f.actor],
      ['action = @action', 'action', f.action],
      ['target = @target', 'target', f.target],
      ['at >= @fromIso', 'fromIso', f.from && chinaDayStartIso(f.from)],
      ['at < @toIso', 'toIso', f.to && chinaDayStartIso(nextDate(f.to))],
    ];
    const active = filters.filter(([, , v]) => v !== undefined && v !== '');
    const params = Object.fromEntries([
      ['afterSeq', afterSeq],
      ['limit', limit],
      ...active.map(([, k, v]) => [k, v]),
    ]) as Record<string, unknown>;
    const where = ['seq > @afterSeq', ...active.map(([c]) => c)].join(' AND ');
    return this.s
      .get<[Record<string, unknown>], AuditExportRow>(
        `SELECT * FROM audit_log WHERE ${where} ORDER BY seq LIMIT @limit`,
      )
      .all(params);
  }
}

const toExport = (r: ExportRow): Omit<ExportResult, 'path' | 'mediaType'> => ({
  exportId: r.export_id,
  kind: r.kind,
  format: r.format,
  fileName: r.file_name,
  size: r.size,
  sha256: r.sha256,
  rows: r.row_count,
  createdAt: r.created_at,
});
