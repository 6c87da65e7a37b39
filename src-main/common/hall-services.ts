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
