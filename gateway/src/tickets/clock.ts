// The gateway's ticket clock: the configured deadlines and the holiday calendar (resources/holidays, the same
// files the windows ship; the gateway build copies them next to the bundle).
import type { HolidayCalendar } from '@tongban/protocol/calendar/holiday-data';
import { RESOURCES_DIR } from '../paths';
import { loadHolidayCalendar } from '../supervision/calendar';
import { DEFAULT_TICKET_POLICY, type TicketPolicy } from './policy';
import type { TicketClock } from './repo';

let cached: HolidayCalendar | null = null;

/** The holiday calendar of resources/holidays (read once). */
export function gatewayCalendar(): HolidayCalendar {
  cached ??= loadHolidayCalendar(RESOURCES_DIR);
  return cached;
}

/** A ticket clock with `policy` (default: DEFAULT_TICKET_POLICY) and the wall clock unless `now` is given. */
export function ticketClock(
  policy: TicketPolicy = DEFAULT_TICKET_POLICY,
  now: () => Date = () => new Date(),
): TicketClock {
  return { policy, calendar: gatewayCalendar(), now };
}
