// EMS waybills: the window's pool of EMS-allocated numbers (imported from a file; never invented),
// numbers of pre-printed waybills scanned or typed by the clerk, and the waybills recorded
// against cases with their tracking state.
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Actor, AuditLog } from '../audit/audit-log';
import type { CasesRepo } from '../cases/cases-repo';
import { AppError } from '@common/errors';
import type { Hall } from '@common/hall';
import type { PrintSettings } from '@common/printing/print-settings';
import type {
  PoolImportProblem,
  PoolImportReport,
  WaybillAssignInput,
  WaybillAssignResult,
  WaybillParty,
  WaybillPoolStatus,
  WaybillState,
  WaybillView,
} from '@common/printing/waybill';
import type { Application } from '@tongban/protocol/cases/application';
import { validateContactPhone, validateEmsNumber } from '@tongban/protocol/validators';
import { divisionOfAddress, type DivisionNames } from '@common/printing/address-division';
import type { Viewer } from './case-documents';
import type { StoredWaybill, WaybillRepo } from './waybill-repo';
import { toWaybillView } from './waybill-views';
import { canSeeCase, notFound, visibleCase } from '../cases/case-access';

/** Staff recording waybills. */
export type WaybillStaff = Actor & Viewer & { id: number };

/** Dependencies of the waybill service. */
export interface WaybillServiceDeps {
  db: Database.Database;
  repo: WaybillRepo;
  cases: CasesRepo;
  audit: AuditLog;
  hall: () => Hall;
  settings: () => PrintSettings;
  /** Division names, to read the destination division from an address. */
  divisions: () => DivisionNames;
  now: () => Date;
}

const MAX_IMPORT_LINES = 20_000;

/** Pool import, number assignment and tracking states. */
export class WaybillService {
  constructor(private readonly d: WaybillServiceDeps) {}

  pool(): WaybillPoolStatus {
    const available = this.d.repo.availableCount();
    const lowWatermark = this.d.settings().waybillPool.lowWatermark;
    return { available, lowWatermark, low: available <= lowWatermark };
  }

  /**
   * Imports numbers (one per line; blank lines and '#' comments skipped). Valid numbers are
   * imported and every invalid line is reported with its line number: one mistyped line must not
   * hold up a batch EMS allocated, and the report tells the administrator exactly what to fix.
   */
  importPool(staff: WaybillStaff, text: string, source = 'import'): PoolImportReport {
    const lines = text.split(/\r?\n/);
    if (lines.length > MAX_IMPORT_LINES)
      throw new AppError('invalid-input', 'too many lines', {
        fields: [{ path: 'text', code: 'too-many-lines' }],
        max: MAX_IMPORT_LINES,
      });
    const invalid: PoolImportProblem[] = [];
    const valid: string[] = [];
    const seen = new Set<string>();
    lines.forEach((raw, i) => {
      const line = raw.trim();
      if (!line || line.startsWith('#')) return;
      const checked = validateEmsNumber(line);
      const problem = (code: PoolImportProblem['code']) => invalid.push({ line: i + 1, text: line.slice(0, 40), code });
      if (!checked.ok) {
        const code = checked.errors[0]?.code;
        return problem(code === 'ems-checksum' || code === 'ems-service' ? code : 'ems-format');
      }
      const no = checked.value.number;
      if (seen.has(no)) return problem('duplicate-in-file');
      if (this.d.repo.get(no)) return problem('already-recorded');
      seen.add(no);
      valid.push(no);
    });
    const at = this.d.now().toISOString();
    let imported = 0;
    this.d.db.transaction(() => {
      for (const no of valid) if (this.d.repo.addToPool(no, source, at, staff.id)) imported++;
      this.d.audit.append({
        actor: staff,
        action: 'waybill.pool-import',
        details: { imported, alreadyInPool: valid.length - imported, invalid: invalid.length },
      });
    })();
    return { imported, alreadyInPool: valid.length - imported, invalid, pool: this.pool() };
  }

  private defaults(
    input: WaybillAssignInput,
    app: Application,
    applicantPhone: string | null,
  ): { sender: WaybillParty; recipient: WaybillParty } {
    const doc = this.d.settings().documents;
    const hall = this.d.hall();
    const sender = input.sender ?? { name: hall.name, phone: doc.hallPhone, address: doc.hallAddress };
    if (!sender.phone || !sender.address)
      throw new AppError('invalid-input', 'no sender given and the hall address or phone is not set', {
        fields: [{ path: 'sender', code: 'sender-profile-missing' }],
      });
    let recipient = input.recipient;
    if (!recipient && input.direction === 'result-to-applicant') {
      recipient = { name: app.applicant.name, phone: applicantPhone ?? '', address: app.deliveryAddress };
    }
    if (!recipient)
      throw new AppError('invalid-input', 'the locality recipient is required', {
        fields: [{ path: 'recipient', code: 'required' }],
      });
    if (!recipient.address)
      throw new AppError('invalid-input', 'recipient address missing', {
        fields: [{ path: 'recipient.address', code: 'required' }],
      });
    const phone = validateContactPhone(recipient.phone);
    if (!phone.ok)
      throw new AppError('invalid-input', 'recipient phone invalid', {
        fields: [{ path: 'recipient.phone', code: phone.errors[0]?.code ?? 'phone-format' }],
      });
    return { sender, recipient };
  }

  /** Takes the next pool number (or checks the clerk's number) and records the waybill against the case. */
  assign(staff: WaybillStaff, input: WaybillAssignInput): WaybillAssignResult {
    const stored = visibleCase(staff, this.d.cases.get(input.caseId), (c) => c.clerkId);
    if (stored.outcome !== 'accepted')
      throw new AppError('document-not-applicable', 'only accepted cases send parcels', { outcome: stored.outcome });
    const { sender, recipient } = this.defaults(
      input,
      JSON.parse(stored.application) as Application,
      stored.applicantPhone,
    );
    let manual: string | null = null;
    if (input.manualNumber !== undefined) {
      const checked = validateEmsNumber(input.manualNumber);
      if (!checked.ok)
        throw new AppError('waybill-invalid', 'waybill number invalid', {
          fields: [{ path: 'manualNumber', code: checked.errors[0]?.code ?? 'ems-format' }],
        });
      manual = checked.value.number;
    }
    const at = this.d.now().toISOString();
    const waybill = this.d.db.transaction((): StoredWaybill => {
      const no = manual ?? this.d.repo.nextAvailable();
      if (!no) throw new AppError('waybill-pool-empty', 'the EMS number pool is empty', { pool: this.pool() });
      if (this.d.repo.get(no) || (this.d.repo.poolEntry(no)?.usedByCase ?? null) !== null)
        throw new AppError('waybill-taken', 'waybill number already used', { waybillNo: no });
      const w: StoredWaybill = {
        waybillNo: no,
        caseId: input.caseId,
        direction: input.direction,
        numberSource: manual ? 'manual' : 'pool',
        sender: {
          name: sender.name,
          phone: sender.phone,
          address: sender.address,
          organization: sender.organization ?? null,
        },
        recipient: {
          name: recipient.name,
          phone: recipient.phone,
          address: recipient.address,
          organization: recipient.organization ?? null,
          divisionCode: recipient.divisionCode ?? divisionOfAddress(recipient.address, this.d.divisions()),
        },
        contents: input.contents,
        pieces: input.pieces,
        weightGrams: input.weightGrams,
        payment: input.payment,
        state: 'sent',
        createdAt: at,
        sentAt: at,
        signedAt: null,
      };
      this.d.repo.insert(w, staff.id);
      this.d.repo.markUsed(no, input.caseId, at);
      this.d.audit.append({
        actor: staff,
        action: 'waybill.assign',
        target: `case:${input.caseId}`,
        details: { waybillNo: no, direction: input.direction, source: w.numberSource },
      });
      return w;
    })();
    return { waybill: toWaybillView(waybill), pool: this.pool() };
  }

  /** Records a tracking state: 已寄出 → 已签收 (a signed waybill cannot go back). */
  setState(staff: WaybillStaff, waybillNo: string, state: WaybillState): WaybillView {
    const no = waybillNo.trim().toUpperCase();
    const w = this.d.repo.get(no);
    const owner = w ? this.d.cases.get(w.caseId) : null;
    if (!w || !owner || !canSeeCase(staff, owner.clerkId)) throw notFound('waybill');
    if (w.state === state) return toWaybillView(w);
    if (w.state === 'signed')
      throw new AppError('conflict', 'a signed waybill cannot go back', { reason: 'already-signed' });
    this.d.db.transaction(() => {
      this.d.repo.setState(no, state, this.d.now().toISOString());
      this.d.audit.append({
        actor: staff,
        action: 'waybill.state',
        target: `case:${w.caseId}`,
        details: { waybillNo: no, from: w.state, to: state },
      });
    })();
    return toWaybillView(this.d.repo.get(no) as StoredWaybill);
  }

  list(viewer: Viewer, caseId: string): WaybillView[] {
    visibleCase(viewer, this.d.cases.get(caseId), (c) => c.clerkId);
    return this.d.repo.listByCase(caseId).map(toWaybillView);
  }
}
