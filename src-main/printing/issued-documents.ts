// 扫码核验: each notice the window issues is recorded with the SHA-256 of the bytes issued and the
// verifier of its QR token, and queued for the gateway in the same transaction (outbox kind 'document',
// pushed after the case; cases the gateway never receives — 一次性告知/不予收件 — keep theirs here).
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { DocumentKind } from '@common/printing/documents';
import { ISSUED_DOCUMENT_KINDS, type IssuedDocumentKind } from '@tongban/protocol/sync/documents';
import { statement } from '../db/statements';
import { enqueueRecord } from '../sync/outbox';
import type { QrSigner } from './qr-signer';

/** One issued copy. */
export interface IssuedDocument {
  printId: string;
  caseId: string;
  documentNo: string;
  kind: DocumentKind;
  format: string;
  copy: number;
  /** SHA-256 of the PDF file issued; null when the copy went straight to a printer. */
  pdfSha256: string | null;
  /** The token in the document's QR code (its SHA-256 goes to the gateway). */
  verifyToken: string;
  /** Whether the document carries a 取件码 (an acceptance receipt of a 网络送达 case). */
  withPickupCode: boolean;
  at: string;
}

const isIssued = (kind: DocumentKind): kind is IssuedDocumentKind =>
  (ISSUED_DOCUMENT_KINDS as readonly string[]).includes(kind);

/** Records issued documents and queues them for the gateway. */
export class IssuedDocuments {
  constructor(
    private readonly db: Database.Database,
    private readonly qr: QrSigner,
  ) {}

  /** Records one issued copy; waybills are not verification documents. Returns whether it was queued. */
  record(d: IssuedDocument): boolean {
    if (!isIssued(d.kind)) return false;
    return this.db.transaction(() => {
      statement(
        this.db,
        `INSERT OR IGNORE INTO issued_documents
           (print_id, case_id, document_no, kind, format, copy, pdf_sha256, verifier, pickup_verifier, issued_at)
         VALUES (@printId, @caseId, @documentNo, @kind, @format, @copy, @pdfSha256, @verifier, @pickupVerifier, @at)`,
      ).run({
        printId: d.printId,
        caseId: d.caseId,
        documentNo: d.documentNo,
        kind: d.kind,
        format: d.format,
        copy: d.copy,
        pdfSha256: d.pdfSha256,
        verifier: createHash('sha256').update(d.verifyToken).digest('hex'),
        pickupVerifier: d.withPickupCode ? this.qr.pickupVerifier(d.documentNo) : null,
        at: d.at,
      });
      return enqueueRecord(this.db, d.caseId, 'document', d.printId, d.at);
    })();
  }
}
