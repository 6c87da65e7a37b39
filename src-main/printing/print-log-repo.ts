import type Database from 'better-sqlite3-multiple-ciphers';
import {
  PRINT_FORMATS,
  printerRoleOf,
  type DocumentKind,
  type PrintFormat,
  type PrintLogEntry,
  type PrintState,
} from '@common/printing/documents';
import { statement } from '../db/statements';

/** A new print attempt, written before the job is sent. */
export interface PendingPrint {
  printId: string;
  caseId: string;
  kind: DocumentKind;
  documentRef: string;
  documentNo: string;
  format: PrintFormat;
  printer: string;
  userId: number;
  userName: string;
  at: string;
  copy: number;
}

interface Row {
  print_id: string;
  case_id: string;
  document_kind: DocumentKind;
  document_no: string;
  format: PrintFormat;
  printer: string;
  user_id: number;
  user_name: string;
  user_display_name: string | null;
  printed_at: string;
  copy_no: number;
  reprint: number;
  state: PrintState;
  error_code: string | null;
  output_path: string | null;
}

const toEntry = (r: Row): PrintLogEntry => ({
  printId: r.print_id,
  caseId: r.case_id,
  kind: r.document_kind,
  documentNo: r.document_no,
  format: r.format,
  printer: r.printer,
  userId: r.user_id,
  userName: r.user_name,
  userDisplayName: r.user_display_name ?? r.user_name,
  at: r.printed_at,
  copy: r.copy_no,
  reprint: r.reprint === 1,
  state: r.state,
  errorCode: r.error_code,
  outputPath: r.output_path,
});

/** SQL for the print log. */
export class PrintLogRepo {
  constructor(private readonly db: Database.Database) {}

  /**
   * The copy number the next successful print of a document on `format`'s kind of paper gets: the
   * highest copy printed on that kind of paper + 1 (the panel reads the log the same way: nextCopyOf). The thermal slip and the A4 notice are different things to hand
   * over, so the first A4 notice after a slip is copy 1, not a 补打; a second slip (80 or 58 mm) is.
   */
  nextCopy(caseId: string, kind: DocumentKind, documentRef: string, format: PrintFormat): number {
    const sameRole = PRINT_FORMATS.filter((f) => printerRoleOf(f) === printerRoleOf(format));
    const row = statement<[string, string, string, string], { n: number }>(
      this.db,
      "SELECT coalesce(max(copy_no), 0) AS n FROM print_log WHERE case_id = ? AND document_kind = ? AND document_ref = ? AND state = 'printed' AND format IN (SELECT value FROM json_each(?))",
    ).get(caseId, kind, documentRef, JSON.stringify(sameRole)) as { n: number };
    return row.n + 1;
  }

  insertPending(p: PendingPrint): void {
    this.db
      .prepare(
        `INSERT INTO print_log (print_id, case_id, document_kind, document_ref, document_no, format, printer, user_id, user_name, printed_at, copy_no, reprint, state)
         VALUES (@printId, @caseId, @kind, @documentRef, @documentNo, @format, @printer, @userId, @userName, @at, @copy, @reprint, 'pending')`,
      )
      .run({ ...p, reprint: p.copy > 1 ? 1 : 0 });
  }

  finish(
    printId: string,
    outcome: { state: 'printed' | 'failed'; errorCode?: string; outputPath?: string; sha256?: string; at: string },
  ): void {
    this.db
      .prepare(
        'UPDATE print_log SET state = ?, error_code = ?, output_path = ?, content_sha256 = ?, finished_at = ? WHERE print_id = ?',
      )
      .run(
        outcome.state,
        outcome.errorCode ?? null,
        outcome.outputPath ?? null,
        outcome.sha256 ?? null,
        outcome.at,
        printId,
      );
  }

  /** Newest first; optionally one case's, optionally one user's. */
  list(filter: { caseId?: string; userId?: number; limit: number }): PrintLogEntry[] {
    const where: string[] = [];
    if (filter.caseId) where.push('case_id = @caseId');
    if (filter.userId !== undefined) where.push('user_id = @userId');
    return this.db
      .prepare<Record<string, unknown>, Row>(
        `SELECT *, (SELECT display_name FROM users WHERE users.id = print_log.user_id) AS user_display_name FROM print_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT @limit`,
      )
      .all({ caseId: filter.caseId, userId: filter.userId, limit: filter.limit })
      .map(toEntry);
  }
}
