// The working-day calendar in PostgreSQL (working_calendar), rewritten from resources/holidays at gateway start so
// the dashboard's 承诺时限 and overdue counts use the same 放假调休 data as the window's printed due dates.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { parseHolidayFiles, type HolidayCalendar } from '@tongban/protocol/calendar/holiday-data';
import { withTransaction } from '../db/pool';

/** Loads and validates every cn-YYYY.json of `resourcesDir`/holidays (the one parser: parseHolidayFiles). */
export function loadHolidayCalendar(resourcesDir: string): HolidayCalendar {
  const dir = join(resourcesDir, 'holidays');
  return parseHolidayFiles(readdirSync(dir).map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') })));
}

/**
 * Rewrites working_calendar's working flags and seq from `calendar` (weekend rule outside the data), in one
 * transaction; a no-op when nothing changed. Facts already computed keep their due dates.
 */
export async function syncWorkingCalendar(pool: pg.Pool, calendar: HolidayCalendar): Promise<number> {
  const holidays = [...calendar.holidays.keys()];
  const workdays = [...calendar.workdays.keys()];
  return withTransaction(pool, async (client) => {
    await client.query('LOCK TABLE working_calendar IN EXCLUSIVE MODE');
    const { rowCount } = await client.query(
      `WITH wanted AS (
         SELECT day, CASE WHEN day = ANY($2::date[]) THEN true WHEN day = ANY($1::date[]) THEN false
                          ELSE extract(isodow FROM day) < 6 END AS working
         FROM working_calendar
       ), numbered AS (
         SELECT day, working, count(*) FILTER (WHERE working) OVER (ORDER BY day)::int AS seq FROM wanted
       )
       UPDATE working_calendar w SET working = n.working, seq = n.seq
       FROM numbered n WHERE n.day = w.day AND (w.working IS DISTINCT FROM n.working OR w.seq <> n.seq)`,
      [holidays, workdays],
    );
    return rowCount ?? 0;
  });
}
