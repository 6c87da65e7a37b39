// SQL for 电子签名: one-time signing tickets and the stored signatures (migration *_signatures.sql).
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import { Statements } from '../db/statements';
import type { Signer } from '@tongban/protocol/sync/manifest-signature';

/** A signing ticket as stored (the token itself never is, only its SHA-256). */
export interface SignatureTicketRow {
  ticket_hash: string;
  case_id: string;
  signer: Signer;
  application: string;
  issued_by: number;
  issued_at: string;
  expires_at: string;
  used_at: string | null;
  outcome: 'signed' | 'superseded' | null;
}

/** A stored signature. */
export interface SignatureRow {
  signature_id: string;
  case_id: string;
  signer: Signer;
  signer_name: string;
  documents: string;
  text: string;
  text_sha256: string;
  content_sha256: string;
  points: string;
  png: Buffer;
  png_sha256: string;
  svg: string;
  signed_at: string;
  superseded_at: string | null;
  /** Set by retention: image, strokes, SVG and text cleared, hashes kept. */
  purged_at: string | null;
}

/** SHA-256 hex of a string (UTF-8) or bytes. */
export const sha256Hex = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** Tickets and signatures. */
export class SignaturesRepo {
  private readonly s: Statements;
  constructor(readonly db: Database.Database) {
    this.s = new Statements(db);
  }

  insertTicket(t: {
    hash: string;
    caseId: string;
    signer: Signer;
    application: string;
    issuedBy: number;
    issuedAt: string;
    expiresAt: string;
  }): void {
    this.s
      .get(
        `INSERT INTO signature_tickets (ticket_hash, case_id, signer, application, issued_by, issued_at, expires_at)
         VALUES (@hash, @caseId, @signer, @application, @issuedBy, @issuedAt, @expiresAt)`,
      )
      .run(t);
  }

  /** Earlier open tickets of the same case and signer stop working. */
  supersedeTickets(caseId: string, signer: Signer, at: string): void {
    this.s
      .get(
        "UPDATE signature_tickets SET used_at = ?, outcome = 'superseded' WHERE case_id = ? AND signer = ? AND used_at IS NULL",
      )
      .run(at, caseId, signer);
  }

  ticket(hash: string): SignatureTicketRow | null {
    return (
      this.s.get<[string], SignatureTicketRow>('SELECT * FROM signature_tickets WHERE ticket_hash = ?').get(hash) ??
      null
    );
  }

  /** Marks a ticket used; false when another submission got there first. */
  useTicket(hash: string, at: string): boolean {
    return (
      this.s
        .get("UPDATE signature_tickets SET used_at = ?, outcome = 'signed' WHERE ticket_hash = ? AND used_at IS NULL")
        .run(at, hash).changes === 1
    );
  }

  /** Stores a signature; the signer's earlier ones on the case are superseded. */
  insert(r: Omit<SignatureRow, 'superseded_at' | 'purged_at'>): void {
    this.s
      .get('UPDATE case_signatures SET superseded_at = ? WHERE case_id = ? AND signer = ? AND superseded_at IS NULL')
      .run(r.signed_at, r.case_id, r.signer);
    this.s
      .get(
        `INSERT INTO case_signatures (signature_id, case_id, signer, signer_name, documents, text, text_sha256,
           content_sha256, points, png, png_sha256, svg, signed_at)
         VALUES (@signature_id, @case_id, @signer, @signer_name, @documents, @text, @text_sha256,
           @content_sha256, @points, @png, @png_sha256, @svg, @signed_at)`,
      )
      .run(r);
  }

  /** The current (not superseded) signature of each signer of a case. */
  current(caseId: string): SignatureRow[] {
    return this.s
      .get<[string], SignatureRow>(
        'SELECT * FROM case_signatures WHERE case_id = ? AND superseded_at IS NULL ORDER BY signer',
      )
      .all(caseId);
  }

  get(signatureId: string): SignatureRow | null {
    return (
      this.s.get<[string], SignatureRow>('SELECT * FROM case_signatures WHERE signature_id = ?').get(signatureId) ??
      null
    );
  }
}
