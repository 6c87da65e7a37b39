// 陪办 and 错时/延时服务 (decision 0133): records beside the case, audited, counted by the ledger.
import type Database from 'better-sqlite3-multiple-ciphers';
import type { AuditLog } from '../audit/audit-log';
import type { Staff } from '../cases/intake-service';
import { uuidv7 } from '../cases/ids';
import { notFound, restrictedTo, visibleCase } from '../cases/case-access';
import type { CatalogueService } from '../catalogue/catalogue-service';
import { AppError } from '@common/errors';
import type {
  AccompanimentView,
  AppointmentApplicant,
  AppointmentView,
  BookAppointment,
  OfficePeriod,
} from '@common/hall-services';
import { chinaDate } from '@common/time';
import { maskName, maskPhone } from '@tongban/protocol/validators';

interface AppointmentRow {
  appointment_id: string;
  service_date: string;
  service_time: string;
  kind: AppointmentView['kind'];
  matter_code: string | null;
  matter_name: string | null;
  applicant_name: string;
  applicant_phone: string;
  note: string | null;
  state: AppointmentView['state'];
  case_id: string | null;
  booked_by: number;
  booked_by_name: string;
  booked_at: string;
}

const APPOINTMENT_SQL = `SELECT a.*, u.display_name AS booked_by_name FROM appointments a JOIN users u ON u.id = a.booked_by`;

function viewOf(r: AppointmentRow): AppointmentView {
  return {
    appointmentId: r.appointment_id,
    serviceDate: r.service_date,
    serviceTime: r.service_time,
    kind: r.kind,
    matterCode: r.matter_code,
    matterName: r.matter_name,
    applicantNameMasked: maskName(r.applicant_name),
    applicantPhoneMasked: maskPhone(r.applicant_phone),
    note: r.note,
    state: r.state,
    caseId: r.case_id,
    bookedByName: r.booked_by_name,
    bookedAt: r.booked_at,
  };
}

/** Appointments outside office hours and 陪办 records. */
export class HallServices {
  constructor(
    private readonly db: Database.Database,
    private readonly audit: AuditLog,
    private readonly catalogue: CatalogueService,
    private readonly now: () => Date,
    /** The office-hours period a date and time fall in, or null (settings + holiday data). */
    private readonly officePeriodAt: (date: string, time: string) => OfficePeriod | null = () => null,
  ) {}

  private row(staff: Staff, appointmentId: string): AppointmentRow {
    const row = this.db.prepare(`${APPOINTMENT_SQL} WHERE a.appointment_id = ?`).get(appointmentId) as
      AppointmentRow | undefined;
    // Helpers work with the appointments they booked; clerks and supervisors with every one of the hall.
    const own = restrictedTo(staff);
    if (!row || (own !== undefined && row.booked_by !== own)) throw notFound('case');
    return row;
  }

  book(staff: Staff, input: BookAppointment): AppointmentView {
    if (input.serviceDate < chinaDate(this.now()))
      throw new AppError('invalid-input', 'the date has passed', {
        fields: [{ path: 'serviceDate', code: 'date-past' }],
      });
    // 错时/延时服务 is service outside office hours: a time inside them is a normal visit, not an appointment.
    const period = this.officePeriodAt(input.serviceDate, input.serviceTime);
    if (period)
      throw new AppError('invalid-input', 'the time is within office hours', {
        fields: [{ path: 'serviceTime', code: 'within-office-hours' }],
        officePeriod: period,
      });
    const matter = input.matterCode ? this.catalogue.findMatter(input.matterCode) : undefined;
    if (input.matterCode && !matter)
      throw new AppError('invalid-input', 'no such matter', {
        fields: [{ path: 'matterCode', code: 'matter-unknown' }],
      });
    const id = uuidv7(this.now().getTime());
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO appointments (appointment_id, service_date, service_time, kind, matter_code, matter_name,
             applicant_name, applicant_phone, note, booked_by, booked_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          input.serviceDate,
          input.serviceTime,
          input.kind,
          matter?.code ?? null,
          matter?.name ?? null,
          input.applicantName,
          input.applicantPhone,
          input.note ?? null,
          staff.id,
          this.now().toISOString(),
        );
      this.audit.append({
        actor: staff,
        action: 'appointment.book',
        target: `appointment:${id}`,
        details: { serviceDate: input.serviceDate, serviceTime: input.serviceTime, kind: input.kind },
      });
    })();
    return viewOf(this.row(staff, id));
  }

  /** The appointments of a day (cancelled ones last), masked. */
  day(staff: Staff, date: string): AppointmentView[] {
    const own = restrictedTo(staff);
    const rows = this.db
      .prepare(
        `${APPOINTMENT_SQL} WHERE a.service_date = ? AND (? IS NULL OR a.booked_by = ?)
         ORDER BY a.state = 'cancelled', a.service_time, a.appointment_id`,
      )
      .all(date, own ?? null, own ?? null) as AppointmentRow[];
    return rows.map(viewOf);
  }

  cancel(staff: Staff, appointmentId: string): AppointmentView {
    const row = this.row(staff, appointmentId);
    if (row.state !== 'booked') throw new AppError('conflict', 'not booked', { reason: `appointment-${row.state}` });
    this.db.transaction(() => {
      this.db.prepare(`UPDATE appointments SET state = 'cancelled' WHERE appointment_id = ?`).run(appointmentId);
      this.audit.append({
        actor: staff,
        action: 'appointment.cancel',
        target: `appointment:${appointmentId}`,
        details: {},
      });
    })();
    return viewOf(this.row(staff, appointmentId));
  }

  /** The full name and phone, for the case opened from the appointment (audited: personal data shown). */
  open(staff: Staff, appointmentId: string): AppointmentApplicant {
    const row = this.row(staff, appointmentId);
    if (row.state === 'cancelled') throw new AppError('conflict', 'cancelled', { reason: 'appointment-cancelled' });
    this.audit.append({
      actor: staff,
      action: 'appointment.open',
      target: `appointment:${appointmentId}`,
      details: {},
    });
    return {
      appointmentId,
      matterCode: row.matter_code,
      applicantName: row.applicant_name,
      applicantPhone: row.applicant_phone,
    };
  }

  /** Links the filed case: the appointment is served and the case counts as 错时/延时 in the ledger. */
  link(staff: Staff, appointmentId: string, caseId: string): AppointmentView {
    const row = this.row(staff, appointmentId);
    if (row.state === 'cancelled') throw new AppError('conflict', 'cancelled', { reason: 'appointment-cancelled' });
    if (row.case_id && row.case_id !== caseId)
      throw new AppError('conflict', 'linked', { reason: 'appointment-linked' });
    this.visibleCase(staff, caseId);
    this.db.transaction(() => {
      this.db
        .prepare(`UPDATE appointments SET state = 'served', case_id = ? WHERE appointment_id = ?`)
        .run(caseId, appointmentId);
      this.audit.append({
        actor: staff,
        action: 'appointment.serve',
        target: `case:${caseId}`,
        details: { appointmentId, kind: row.kind },
      });
    })();
    return viewOf(this.row(staff, appointmentId));
  }

  private visibleCase(staff: Staff, caseId: string): void {
    const found = this.db.prepare('SELECT clerk_id FROM cases WHERE case_id = ?').get(caseId) as
      { clerk_id: number } | undefined;
    visibleCase(staff, found, (c) => c.clerk_id);
  }

  /** Records a 陪办 of a case: who accompanied the applicant (the caller unless named) and where to. */
  accompany(
    staff: Staff,
    input: { caseId: string; staffUserId?: number | undefined; destination: string; note?: string | undefined },
  ): AccompanimentView {
    this.visibleCase(staff, input.caseId);
    const who = this.db
      .prepare('SELECT id, display_name FROM users WHERE id = ? AND disabled = 0')
      .get(input.staffUserId ?? staff.id) as { id: number; display_name: string } | undefined;
    if (!who)
      throw new AppError('invalid-input', 'no such staff member', {
        fields: [{ path: 'staffUserId', code: 'user-unknown' }],
      });
    const id = this.db.transaction(() => {
      const info = this.db
        .prepare(
          `INSERT INTO case_accompaniments (case_id, staff_id, staff_name, destination, note, recorded_by, recorded_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          input.caseId,
          who.id,
          who.display_name,
          input.destination,
          input.note ?? null,
          staff.id,
          this.now().toISOString(),
        );
      this.audit.append({
        actor: staff,
        action: 'case.accompany',
        target: `case:${input.caseId}`,
        details: { staffId: who.id, destination: input.destination },
      });
      return Number(info.lastInsertRowid);
    })();
    return this.accompaniments(staff, input.caseId).find((a) => a.id === id) as AccompanimentView;
  }

  accompaniments(staff: Staff, caseId: string): AccompanimentView[] {
    this.visibleCase(staff, caseId);
    const rows = this.db
      .prepare(
        `SELECT a.id, a.case_id, a.staff_name, a.destination, a.note, u.display_name AS recorded_by_name, a.recorded_at
         FROM case_accompaniments a JOIN users u ON u.id = a.recorded_by WHERE a.case_id = ? ORDER BY a.id`,
      )
      .all(caseId) as {
      id: number;
      case_id: string;
      staff_name: string;
      destination: string;
      note: string | null;
      recorded_by_name: string;
      recorded_at: string;
    }[];
    return rows.map((r) => ({
      id: r.id,
      caseId: r.case_id,
      staffName: r.staff_name,
      destination: r.destination,
      note: r.note,
      recordedByName: r.recorded_by_name,
      recordedAt: r.recorded_at,
    }));
  }
}
