import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHolidayFiles, type HolidayCalendar } from '@common/printing/holiday-data';

/** Loads and validates every resources/holidays/cn-YYYY.json; throws with the file name on a broken file. */
export function loadHolidayCalendar(resourcesDir: string): HolidayCalendar {
  const dir = join(resourcesDir, 'holidays');
  return parseHolidayFiles(readdirSync(dir).map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') })));
}
