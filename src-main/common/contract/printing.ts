import { z } from 'zod';
import {
  DOCUMENT_KINDS,
  PRINT_FORMATS,
  type PrintLogEntry,
  type PrintPreview,
  type PrintResult,
} from '../printing/documents';
import {
  printSettingsSchema,
  type PrinterStatus,
  type PrintSettings,
  type SystemPrinter,
} from '../printing/print-settings';
import {
  waybillAssignSchema,
  WAYBILL_STATES,
  type PoolImportReport,
  type WaybillAssignResult,
  type WaybillPoolStatus,
  type WaybillView,
} from '../printing/waybill';
import { SEAL_P12_MAX_BYTES, type SealStatus } from '../printing/seal';
import { COUNTER_ROLES } from '../roles';
import { command, rolesOnly } from './define';

const none = z.object({}).strict();
const COUNTER = rolesOnly(...COUNTER_ROLES);
const STAFF = rolesOnly('clerk', 'helper', 'supervisor', 'admin');
const ADMIN = rolesOnly('admin');

const documentRequest = z
  .object({
    caseId: z.uuid(),
    kind: z.enum(DOCUMENT_KINDS),
    format: z.enum(PRINT_FORMATS),
    /** Required for kind 'waybill'. */
    waybillNo: z.string().trim().min(1).max(32).optional(),
  })
  .strict()
  .refine((r) => r.kind !== 'waybill' || r.waybillNo !== undefined, { path: ['waybillNo'], message: 'required' });

/** Outcome of checking a scanned case QR code. */
export type QrVerification =
  { ok: true; documentNo: string; caseId: string } | { ok: false; reason: 'malformed' | 'bad-signature' };

/** Printing commands: documents, the print log, printers, EMS waybills. */
export const printingCommands = {
  'print:document': command<PrintResult>()(documentRequest, COUNTER),
  'print:preview': command<PrintPreview>()(
    z
      .object({
        caseId: z.uuid(),
        kind: z.enum(DOCUMENT_KINDS),
        format: z.enum(PRINT_FORMATS),
        waybillNo: z.string().trim().min(1).max(32).optional(),
        as: z.enum(['html', 'pdf']).default('html'),
      })
      .strict()
      .refine((r) => r.kind !== 'waybill' || r.waybillNo !== undefined, { path: ['waybillNo'], message: 'required' }),
    COUNTER,
  ),
  'print:log': command<PrintLogEntry[]>()(
    z.object({ caseId: z.uuid().optional(), limit: z.number().int().min(1).max(500).default(100) }).strict(),
    STAFF,
  ),
  'print:verifyQr': command<QrVerification>()(z.object({ text: z.string().max(300) }).strict(), STAFF),
  'printers:get': command<PrintSettings>()(none, STAFF),
  'printers:update': command<PrintSettings>()(printSettingsSchema, ADMIN, 512 * 1024),
  'printers:status': command<PrinterStatus[]>()(none, STAFF),
  'printers:test': command<{ output: 'printer' | 'pdf'; pdfPath?: string }>()(
    z.object({ role: z.enum(['thermal', 'a4', 'label']) }).strict(),
    STAFF,
  ),
  'printers:list': command<SystemPrinter[]>()(none, ADMIN),
  'waybills:importPool': command<PoolImportReport>()(
    z
      .object({
        text: z
          .string()
          .min(1)
          .max(1024 * 1024),
      })
      .strict(),
    ADMIN,
    1100 * 1024,
  ),
  'waybills:pool': command<WaybillPoolStatus>()(none, STAFF),
  'waybills:assign': command<WaybillAssignResult>()(waybillAssignSchema, COUNTER),
  'waybills:setState': command<WaybillView>()(
    z.object({ waybillNo: z.string().trim().min(1).max(32), state: z.enum(WAYBILL_STATES) }).strict(),
    COUNTER,
  ),
  'waybills:list': command<WaybillView[]>()(z.object({ caseId: z.uuid() }).strict(), STAFF),
  /** 电子印章 (decision 0160): the seal certificate's status, and its import by an administrator. */
  'seal:status': command<SealStatus>()(none, ADMIN),
  'seal:import': command<SealStatus>()(
    z
      .object({
        p12Base64: z
          .string()
          .min(4)
          .max(Math.ceil(SEAL_P12_MAX_BYTES / 3) * 4)
          .regex(/^[A-Za-z0-9+/]+=*$/, 'seal-unreadable'),
        password: z.string().max(200),
      })
      .strict(),
    ADMIN,
    128 * 1024,
  ),
};
