import type Database from 'better-sqlite3-multiple-ciphers';
import { DEFAULT_PRINT_SETTINGS, printSettingsSchema, type PrintSettings } from '@common/printing/print-settings';

interface Row {
  thermal_target: string;
  thermal_width: number;
  a4_target: string;
  label_target: string;
  label_size: string;
  documents: string;
  pool_low_watermark: number;
}

/** SQL for the per-window print settings. */
export class PrintSettingsRepo {
  constructor(private readonly db: Database.Database) {}

  /** The window's settings, or the defaults when none were saved. */
  get(windowCode: string): PrintSettings {
    const row = this.db.prepare<[string], Row>('SELECT * FROM printer_settings WHERE window_code = ?').get(windowCode);
    if (!row) return DEFAULT_PRINT_SETTINGS;
    return printSettingsSchema.parse({
      printers: {
        thermal: row.thermal_target,
        thermalWidth: row.thermal_width,
        a4: row.a4_target,
        label: row.label_target,
        labelSize: row.label_size,
      },
      documents: { ...DEFAULT_PRINT_SETTINGS.documents, ...(JSON.parse(row.documents) as object) },
      waybillPool: { lowWatermark: row.pool_low_watermark },
    });
  }

  set(windowCode: string, s: PrintSettings, userId: number, at: string): void {
    this.db
      .prepare(
        `INSERT INTO printer_settings (window_code, thermal_target, thermal_width, a4_target, label_target, label_size, documents, pool_low_watermark, updated_at, updated_by)
         VALUES (@windowCode, @thermal, @thermalWidth, @a4, @label, @labelSize, @documents, @lowWatermark, @at, @userId)
         ON CONFLICT (window_code) DO UPDATE SET thermal_target = excluded.thermal_target, thermal_width = excluded.thermal_width,
           a4_target = excluded.a4_target, label_target = excluded.label_target, label_size = excluded.label_size, documents = excluded.documents,
           pool_low_watermark = excluded.pool_low_watermark, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      )
      .run({
        windowCode,
        ...s.printers,
        documents: JSON.stringify(s.documents),
        lowWatermark: s.waybillPool.lowWatermark,
        at,
        userId,
      });
  }
}
