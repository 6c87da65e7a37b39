import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildHolidayCalendar, holidayYearSchema, type HolidayCalendar } from '@common/printing/holiday-data';

/** Loads and validates every resources/holidays/cn-YYYY.json; throws with the file name on a broken file. */
export function loadHolidayCalendar(resourcesDir: string): HolidayCalendar {
  const dir = join(resourcesDir, 'holidays');
  const years = readdirSync(dir)
    .filter((f) => /^cn-\d{4}\.json$/.test(f))
    .map((file) => {
      const parsed = holidayYearSchema.safeParse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
      if (!parsed.success)
        throw new Error(
          `holiday file ${file} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        );
      if (`cn-${parsed.data.year}.json` !== file) throw new Error(`holiday file ${file} describes ${parsed.data.year}`);
      return parsed.data;
    });
  return buildHolidayCalendar(years);
}
