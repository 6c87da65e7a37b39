// The official public-holiday calendar (国务院办公厅 annual 放假调休 arrangements) as versioned data; shared by the
// window (printing, due dates) and the gateway (supervision working-day counts).
import { z } from 'zod';

const isoDate = z.iso.date();

/** One year's arrangement file (resources/holidays/cn-YYYY.json). */
export const holidayYearSchema = z
  .object({
    schemaVersion: z.literal(1),
    year: z.number().int().min(2000).max(2100),
    /** Revision of this file; bump it when the data is corrected. */
    dataVersion: z.string().regex(/^\d{4}\.\d+$/),
    /** true: transcribed from the published 国务院办公厅 notice; false: derived from the statutory rules. */
    verified: z.boolean(),
    source: z.string().min(1),
    note: z.string().optional(),
    /** Days off (放假), as inclusive ranges. */
    holidays: z.array(z.object({ name: z.string().min(1), from: isoDate, to: isoDate }).strict()).min(1),
    /** Weekend days that are working days (调休上班). */
    workdays: z.array(z.object({ name: z.string().min(1), date: isoDate }).strict()),
  })
  .strict()
  .superRefine((data, ctx) => {
    const inYear = (d: string) => d.startsWith(`${data.year}-`);
    data.holidays.forEach((h, i) => {
      if (h.from > h.to)
        ctx.addIssue({ code: 'custom', path: ['holidays', i, 'to'], message: 'range ends before it starts' });
      if (!inYear(h.from) || !inYear(h.to))
        ctx.addIssue({ code: 'custom', path: ['holidays', i], message: `range outside ${data.year}` });
    });
    data.workdays.forEach((w, i) => {
      if (!inYear(w.date))
        ctx.addIssue({ code: 'custom', path: ['workdays', i, 'date'], message: `date outside ${data.year}` });
      const day = new Date(`${w.date}T00:00:00Z`).getUTCDay();
      if (day !== 0 && day !== 6)
        ctx.addIssue({
          code: 'custom',
          path: ['workdays', i, 'date'],
          message: 'a 调休 working day must fall on a weekend',
        });
    });
  });

/** One year's arrangement. */
export type HolidayYear = z.infer<typeof holidayYearSchema>;

/** How far a year's data can be trusted. */
export type YearCoverage = 'verified' | 'derived' | 'none';

/** A holiday calendar built from the year files: lookups by ISO date. */
export interface HolidayCalendar {
  /** e.g. '2025@2025.1,2026@2026.1,2027@2027.1' — printed nowhere, recorded for traceability. */
  version: string;
  holidays: ReadonlyMap<string, string>;
  workdays: ReadonlyMap<string, string>;
  years: ReadonlyMap<number, YearCoverage>;
}

/** Each ISO date of an inclusive range. */
export function datesInRange(from: string, to: string): string[] {
  const out: string[] = [];
  const d = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`).getTime();
  while (d.getTime() <= end) {
    out.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}

/** Builds a calendar from validated year files; throws when two files describe the same year. */
export function buildHolidayCalendar(years: readonly HolidayYear[]): HolidayCalendar {
  const holidays = new Map<string, string>();
  const workdays = new Map<string, string>();
  const coverage = new Map<number, YearCoverage>();
  for (const y of [...years].sort((a, b) => a.year - b.year)) {
    if (coverage.has(y.year)) throw new Error(`holiday data for ${y.year} given twice`);
    coverage.set(y.year, y.verified ? 'verified' : 'derived');
    for (const h of y.holidays) for (const d of datesInRange(h.from, h.to)) holidays.set(d, h.name);
    for (const w of y.workdays) workdays.set(w.date, w.name);
  }
  const version = [...years]
    .sort((a, b) => a.year - b.year)
    .map((y) => `${y.year}@${y.dataVersion}`)
    .join(',');
  return { version, holidays, workdays, years: coverage };
}

/**
 * Builds the calendar from the year files' names and texts (resources/holidays/cn-YYYY.json); the window and the
 * gateway read the folder themselves. Throws with the file name on a broken file; other names are ignored.
 */
export function parseHolidayFiles(files: readonly { name: string; text: string }[]): HolidayCalendar {
  const years = files
    .filter((f) => /^cn-\d{4}\.json$/.test(f.name))
    .map(({ name, text }) => {
      const parsed = holidayYearSchema.safeParse(JSON.parse(text));
      if (!parsed.success)
        throw new Error(
          `holiday file ${name} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        );
      if (`cn-${parsed.data.year}.json` !== name) throw new Error(`holiday file ${name} describes ${parsed.data.year}`);
      return parsed.data;
    });
  return buildHolidayCalendar(years);
}
