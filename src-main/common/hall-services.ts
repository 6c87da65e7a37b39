// 陪办 and 错时/延时服务 (work plan 二(六), issue #17): schemas and views, pure.
import { z } from 'zod';
import { validateContactPhone } from '@tongban/protocol/validators/contact-phone';
import { validatePersonName } from '@tongban/protocol/validators/person-name';

/** 错时服务 (at hours shifted from the usual ones: lunch break, weekend) or 延时服务 (after closing). */
export const APPOINTMENT_KINDS = ['staggered', 'extended'] as const;
/** An appointment kind. */
export type AppointmentKind = (typeof APPOINTMENT_KINDS)[number];
/** Chinese names of appointment kinds. */
export const APPOINTMENT_KIND_LABELS_ZH: Record<AppointmentKind, string> = {
  staggered: '错时服务',
  extended: '延时服务',
};
/** States of an appointment. */
export const APPOINTMENT_STATES = ['booked', 'served', 'cancelled'] as const;
/** An appointment state. */
export type AppointmentState = (typeof APPOINTMENT_STATES)[number];

/** An appointment as lists show it: name and phone masked. */
export interface AppointmentView {
  appointmentId: string;
  serviceDate: string;
  serviceTime: string;
  kind: AppointmentKind;
  matterCode: string | null;
  matterName: string | null;
  applicantNameMasked: string;
  applicantPhoneMasked: string;
  note: string | null;
  state: AppointmentState;
  caseId: string | null;
  bookedByName: string;
  bookedAt: string;
}

/** What the case opened from an appointment starts with (full values, only for the clerk serving it). */
export interface AppointmentApplicant {
  appointmentId: string;
  matterCode: string | null;
  applicantName: string;
  applicantPhone: string;
}

const note = z.string().trim().max(200, 'too-long').optional();

/** Booking an appointment (window clerk or township helper). */
export const bookAppointmentSchema = z
  .object({
    serviceDate: z.iso.date('date-format'),
    serviceTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time-format'),
    kind: z.enum(APPOINTMENT_KINDS),
    matterCode: z.string().trim().max(20).optional(),
    applicantName: z
      .string()
      .trim()
      .refine((s) => validatePersonName(s).ok, 'person-name-invalid'),
    applicantPhone: z
      .string()
      .trim()
      .refine((s) => validateContactPhone(s).ok, 'phone-format'),
    note,
  })
  .strict();
/** A booking. */
export type BookAppointment = z.infer<typeof bookAppointmentSchema>;

/** 陪办: who accompanied the applicant of a case, and to which window or department. */
export interface AccompanimentView {
  id: number;
  caseId: string;
  staffName: string;
  destination: string;
  note: string | null;
  recordedByName: string;
  recordedAt: string;
}

/** Recording a 陪办; the accompanying staff member is the caller unless another account is named. */
export const recordAccompanimentSchema = z
  .object({
    caseId: z.uuid(),
    staffUserId: z.number().int().positive().optional(),
    destination: z.string().trim().min(2, 'too-short').max(100, 'too-long'),
    note,
  })
  .strict();

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time-format');

/** One period of office hours: from (inclusive) to (exclusive), 'HH:MM'. */
export const officePeriodSchema = z
  .object({ from: hhmm, to: hhmm })
  .strict()
  .refine((p) => p.from < p.to, { message: 'period-order', path: ['to'] });
/** A period of office hours. */
export type OfficePeriod = z.infer<typeof officePeriodSchema>;

/** Chinese names of the weekdays, in the order of OfficeHours.weekdays (星期一 first). */
export const WEEKDAY_LABELS_ZH = ['星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'] as const;

/**
 * The hall's office hours (系统设置): per weekday, 星期一 first; an empty day has none. Statutory holidays have
 * none; an adjusted working day (调休上班) keeps the hours of 星期一 (holiday data: resources/holidays).
 */
export const officeHoursSchema = z
  .object({ weekdays: z.array(z.array(officePeriodSchema).max(4)).length(7) })
  .strict()
  .superRefine((hours, ctx) =>
    hours.weekdays.forEach((periods, day) => {
      const sorted = [...periods].sort((a, b) => a.from.localeCompare(b.from));
      sorted.forEach((p, i) => {
        if (i > 0 && p.from < sorted[i - 1]!.to)
          ctx.addIssue({ code: 'custom', message: 'periods-overlap', path: ['weekdays', day] });
      });
    }),
  );
/** Office hours per weekday. */
export type OfficeHours = z.infer<typeof officeHoursSchema>;

const WORKDAY: OfficePeriod[] = [
  { from: '09:00', to: '12:00' },
  { from: '13:30', to: '17:30' },
];
/** Until an administrator sets them: 9:00–12:00 and 13:30–17:30, 星期一 to 星期五. */
export const DEFAULT_OFFICE_HOURS: OfficeHours = {
  weekdays: [WORKDAY, WORKDAY, WORKDAY, WORKDAY, WORKDAY, [], []],
};

/** What office hours need of the holiday calendar (HolidayCalendar). */
export interface HolidayDays {
  holidays: ReadonlyMap<string, string>;
  workdays: ReadonlyMap<string, string>;
}

/** The office hours of a date: none on a holiday, 星期一's on an adjusted working day, else its weekday's. */
export function officePeriodsOn(hours: OfficeHours, calendar: HolidayDays, date: string): OfficePeriod[] {
  if (calendar.holidays.has(date)) return [];
  if (calendar.workdays.has(date)) return hours.weekdays[0] ?? [];
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
  return [...(hours.weekdays[weekday] ?? [])].sort((a, b) => a.from.localeCompare(b.from));
}

/** The period of office hours `time` falls in on `date`, or null when it is outside them. */
export function officePeriodAt(
  hours: OfficeHours,
  calendar: HolidayDays,
  date: string,
  time: string,
): OfficePeriod | null {
  return officePeriodsOn(hours, calendar, date).find((p) => p.from <= time && time < p.to) ?? null;
}

/** A day's periods as typed in 系统设置: '09:00-12:00, 13:30-17:30'; '' is none; null when it does not parse. */
export function parseOfficePeriods(text: string): OfficePeriod[] | null {
  const parts = text.split(/[,，、;；\s]+/).filter(Boolean);
  const periods: OfficePeriod[] = [];
  for (const part of parts) {
    const m = /^(\d{1,2}):(\d{2})[-–—~～至](\d{1,2}):(\d{2})$/.exec(part);
    if (!m) return null;
    const pad = (h: string, mm: string) => `${h.padStart(2, '0')}:${mm}`;
    periods.push({ from: pad(m[1]!, m[2]!), to: pad(m[3]!, m[4]!) });
  }
  return periods;
}

/** A day's periods as 系统设置 shows them. */
export function formatOfficePeriods(periods: readonly OfficePeriod[]): string {
  return periods.map((p) => `${p.from}-${p.to}`).join(', ');
}
