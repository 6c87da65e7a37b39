import { z } from 'zod';
import type { MatterGuide } from '../guide';
import {
  bookAppointmentSchema,
  recordAccompanimentSchema,
  type AccompanimentView,
  type AppointmentApplicant,
  type AppointmentView,
} from '../hall-services';
import { COUNTER_ROLES } from '../roles';
import { command, PUBLIC, rolesOnly, SIGNED_IN } from './define';
import type { AppInfo } from './foundation';

const matterCode = z.string().trim().min(1).max(20);
const COUNTER = rolesOnly(...COUNTER_ROLES);

/** 培训模式, 操作指南, 陪办 and 错时/延时服务 (issue #17). */
export const hallServiceCommands = {
  /** Opens the training (or the live) data folder for this window; chosen at sign-in. */
  'training:switch': command<AppInfo>()(z.object({ training: z.boolean() }).strict(), PUBLIC),
  /** The trainer (administrator) empties the training folder and reseeds it; everyone in training signs in again. */
  'training:reset': command<null>()(z.object({}).strict(), rolesOnly('admin')),
  'guide:get': command<MatterGuide>()(z.object({ matterCode }).strict(), SIGNED_IN),
  /** The guide as a PDF (A4), for printing or handing to the applicant. */
  'guide:pdf': command<{ pdfBase64: string }>()(z.object({ matterCode }).strict(), SIGNED_IN),
  'accompaniments:record': command<AccompanimentView>()(recordAccompanimentSchema, COUNTER),
  'accompaniments:list': command<AccompanimentView[]>()(z.object({ caseId: z.uuid() }).strict(), SIGNED_IN),
  'appointments:book': command<AppointmentView>()(bookAppointmentSchema, COUNTER),
  'appointments:day': command<AppointmentView[]>()(z.object({ date: z.iso.date() }).strict(), SIGNED_IN),
  'appointments:cancel': command<AppointmentView>()(z.object({ appointmentId: z.uuid() }).strict(), COUNTER),
  /** Starts serving an appointment: the applicant's full name and phone for the case opened from it. */
  'appointments:open': command<AppointmentApplicant>()(z.object({ appointmentId: z.uuid() }).strict(), COUNTER),
  /** Links the case filed for an appointment (it is then served and counted as 错时/延时 in the ledger). */
  'appointments:link': command<AppointmentView>()(
    z.object({ appointmentId: z.uuid(), caseId: z.uuid() }).strict(),
    COUNTER,
  ),
} as const;
