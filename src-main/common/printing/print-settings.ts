// Per-window print settings: which printer each format goes to, and the hall's document profile.
import { z } from 'zod';

/** Where a format is sent. */
export type PrinterTarget =
  | { kind: 'none' }
  | { kind: 'pdf' }
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'device'; path: string }
  | { kind: 'system'; name: string };

const TCP = /^tcp:\/\/([A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:]{2,39}\])(?::(\d{1,5}))?\/?$/;
// Device files only (no arbitrary paths): /dev/usb/lp0, /dev/ttyUSB0, Windows COM/LPT ports.
const DEVICE = /^(\/dev\/[A-Za-z0-9_./-]{1,64}|(?:COM|LPT)\d{1,2}|\\\\\.\\[A-Za-z0-9_-]{1,32})$/;
const SYSTEM = /^system:(.{1,127})$/;

/** Parses a printer target: 'none', 'pdf', 'tcp://host:port', a device path, or 'system:<name>'. */
export function parsePrinterTarget(text: string): PrinterTarget | null {
  const s = text.trim();
  if (s === 'none') return { kind: 'none' };
  if (s === 'pdf') return { kind: 'pdf' };
  const tcp = TCP.exec(s);
  if (tcp) {
    const port = tcp[2] === undefined ? 9100 : Number(tcp[2]);
    return port >= 1 && port <= 65535 ? { kind: 'tcp', host: (tcp[1] as string).replace(/^\[|\]$/g, ''), port } : null;
  }
  if (DEVICE.test(s) && !s.includes('..')) return { kind: 'device', path: s };
  const system = SYSTEM.exec(s);
  if (system && !/\p{Cc}/u.test(system[1] as string)) return { kind: 'system', name: (system[1] as string).trim() };
  return null;
}

const target = (allowed: PrinterTarget['kind'][], code: string) =>
  z
    .string()
    .trim()
    .max(160, 'too-long')
    .refine((s) => {
      const t = parsePrinterTarget(s);
      return t !== null && allowed.includes(t.kind);
    }, code);

/** The default 好差评 address: a placeholder until the hall configures its rating page. */
export const RATING_URL_PLACEHOLDER = 'https://hcp.example.invalid/rate?window={windowCode}&doc={documentNo}';

/** Print settings of one window. */
export const printSettingsSchema = z
  .object({
    printers: z
      .object({
        thermal: target(['none', 'tcp', 'device', 'system'], 'thermal-target'),
        thermalWidth: z.union([z.literal(80), z.literal(58)]),
        a4: target(['pdf', 'system'], 'sheet-target'),
        label: target(['pdf', 'system'], 'sheet-target'),
        /** The label stock in the label printer. */
        labelSize: z.enum(['label-76x130', 'label-100x150']),
      })
      .strict(),
    documents: z
      .object({
        /** Hall address and phone: printed on notices and as the default waybill sender. */
        hallAddress: z.string().trim().max(200, 'too-long'),
        hallPhone: z.string().trim().max(24, 'too-long'),
        hotline: z.string().trim().min(3).max(24),
        /** 好差评 page; {windowCode} and {documentNo} are filled in. */
        ratingUrl: z
          .string()
          .trim()
          .max(300, 'too-long')
          .regex(/^https:\/\/[\x21-\x7e]+$/, 'url-format'),
        /** The hall's electronic seal as a PNG data URL; null prints the shipped 样章 placeholder. */
        sealPng: z
          .string()
          .max(400_000, 'too-long')
          .regex(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/, 'seal-format')
          .nullable(),
      })
      .strict(),
    waybillPool: z.object({ lowWatermark: z.number().int().min(0).max(100_000) }).strict(),
  })
  .strict();

/** Print settings of one window. */
export type PrintSettings = z.infer<typeof printSettingsSchema>;

/** What a new installation starts with: no thermal printer, A4 and labels saved as PDF files. */
export const DEFAULT_PRINT_SETTINGS: PrintSettings = {
  printers: { thermal: 'none', thermalWidth: 80, a4: 'pdf', label: 'pdf', labelSize: 'label-76x130' },
  documents: { hallAddress: '', hallPhone: '', hotline: '12345', ratingUrl: RATING_URL_PLACEHOLDER, sealPng: null },
  waybillPool: { lowWatermark: 20 },
};

/** Status of one configured printer, as `printers:status` reports it. */
export interface PrinterStatus {
  role: 'thermal' | 'a4' | 'label';
  target: string;
  state:
    'ready' | 'paper-near-end' | 'paper-out' | 'cover-open' | 'error' | 'unreachable' | 'unknown' | 'not-configured';
  /** true when the printer (or the PDF folder) answered or was found, false when not, null when not configured. */
  reachable: boolean | null;
  detail: string | null;
}

/** A printer the operating system knows. */
export interface SystemPrinter {
  name: string;
  isDefault: boolean;
}
