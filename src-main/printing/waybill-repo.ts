import type Database from 'better-sqlite3-multiple-ciphers';
import type { WaybillRecord } from '@common/printing/waybill-label';
import type { WaybillState } from '@common/printing/waybill';

/** A waybill as stored, with its bookkeeping. */
export interface StoredWaybill extends WaybillRecord {
  numberSource: 'pool' | 'manual';
  state: WaybillState;
  sentAt: string;
  signedAt: string | null;
}

interface Row {
  waybill_no: string;
  case_id: string;
  direction: WaybillRecord['direction'];
  number_source: 'pool' | 'manual';
  sender_name: string;
  sender_phone: string;
  sender_address: string;
  sender_organization: string | null;
  recipient_name: string;
  recipient_phone: string;
  recipient_address: string;
  recipient_organization: string | null;
  recipient_division: string | null;
  contents: WaybillRecord['contents'];
  pieces: number;
  weight_grams: number;
  payment: WaybillRecord['payment'];
  state: WaybillState;
  created_at: string;
  sent_at: string;
  signed_at: string | null;
}

const fromRow = (r: Row): StoredWaybill => ({
  waybillNo: r.waybill_no,
  caseId: r.case_id,
  direction: r.direction,
  numberSource: r.number_source,
  sender: {
    name: r.sender_name,
    phone: r.sender_phone,
    address: r.sender_address,
    organization: r.sender_organization,
  },
  recipient: {
    name: r.recipient_name,
    phone: r.recipient_phone,
    address: r.recipient_address,
    organization: r.recipient_organization,
    divisionCode: r.recipient_division,
  },
  contents: r.contents,
  pieces: r.pieces,
  weightGrams: r.weight_grams,
  payment: r.payment,
  state: r.state,
  createdAt: r.created_at,
  sentAt: r.sent_at,
  signedAt: r.signed_at,
});

/** SQL for the EMS number pool and the waybills recorded against cases. */
export class WaybillRepo {
  constructor(private readonly db: Database.Database) {}

  availableCount(): number {
    return (
      this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM waybill_pool WHERE used_by_case IS NULL').get() as {
        n: number;
      }
    ).n;
  }

  /** Adds a number to the pool; false when it is already there. */
  addToPool(no: string, source: string, at: string, userId: number): boolean {
    return (
      this.db
        .prepare(
          'INSERT INTO waybill_pool (waybill_no, source, imported_at, imported_by) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
        )
        .run(no, source, at, userId).changes === 1
    );
  }

  /** The oldest unused pool number (first imported, first used). */
  nextAvailable(): string | null {
    return (
      this.db
        .prepare<[], { waybill_no: string }>(
          'SELECT waybill_no FROM waybill_pool WHERE used_by_case IS NULL ORDER BY imported_at, waybill_no LIMIT 1',
        )
        .get()?.waybill_no ?? null
    );
  }

  poolEntry(no: string): { usedByCase: string | null } | null {
    const row = this.db
      .prepare<[string], { used_by_case: string | null }>('SELECT used_by_case FROM waybill_pool WHERE waybill_no = ?')
      .get(no);
    return row ? { usedByCase: row.used_by_case } : null;
  }

  markUsed(no: string, caseId: string, at: string): void {
    this.db
      .prepare('UPDATE waybill_pool SET used_by_case = ?, used_at = ? WHERE waybill_no = ? AND used_by_case IS NULL')
      .run(caseId, at, no);
  }

  insert(w: StoredWaybill, userId: number): void {
    this.db
      .prepare(
        `INSERT INTO waybills (waybill_no, case_id, direction, number_source, sender_name, sender_phone, sender_address, sender_organization,
           recipient_name, recipient_phone, recipient_address, recipient_organization, recipient_division, contents, pieces, weight_grams,
           payment, state, created_by, created_at, sent_at, signed_at, updated_at)
         VALUES (@waybillNo, @caseId, @direction, @numberSource, @senderName, @senderPhone, @senderAddress, @senderOrganization,
           @recipientName, @recipientPhone, @recipientAddress, @recipientOrganization, @recipientDivision, @contents, @pieces, @weightGrams,
           @payment, @state, @userId, @createdAt, @sentAt, @signedAt, @createdAt)`,
      )
      .run({
        waybillNo: w.waybillNo,
        caseId: w.caseId,
        direction: w.direction,
        numberSource: w.numberSource,
        senderName: w.sender.name,
        senderPhone: w.sender.phone,
        senderAddress: w.sender.address,
        senderOrganization: w.sender.organization,
        recipientName: w.recipient.name,
        recipientPhone: w.recipient.phone,
        recipientAddress: w.recipient.address,
        recipientOrganization: w.recipient.organization,
        recipientDivision: w.recipient.divisionCode,
        contents: w.contents,
        pieces: w.pieces,
        weightGrams: w.weightGrams,
        payment: w.payment,
        state: w.state,
        userId,
        createdAt: w.createdAt,
        sentAt: w.sentAt,
        signedAt: w.signedAt,
      });
  }

  get(no: string): StoredWaybill | null {
    const row = this.db.prepare<[string], Row>('SELECT * FROM waybills WHERE waybill_no = ?').get(no);
    return row ? fromRow(row) : null;
  }

  listByCase(caseId: string): StoredWaybill[] {
    return this.db
      .prepare<[string], Row>('SELECT * FROM waybills WHERE case_id = ? ORDER BY created_at, waybill_no')
      .all(caseId)
      .map(fromRow);
  }

  setState(no: string, state: WaybillState, at: string): void {
    this.db
      .prepare(
        "UPDATE waybills SET state = ?, signed_at = CASE WHEN ? = 'signed' THEN ? ELSE signed_at END, updated_at = ? WHERE waybill_no = ?",
      )
      .run(state, state, at, at, no);
  }
}
