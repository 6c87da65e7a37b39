// Calendar-day helpers in China time (UTC+8, no daylight saving), shared by the window and the gateway.

/** China has one time zone, UTC+8, with no daylight saving: business days are counted in it. */
export const CHINA_OFFSET_MINUTES = 480;

/** The instant (ISO, UTC) at which a China calendar day `YYYY-MM-DD` starts. */
export function chinaDayStartIso(date: string): string {
  const utcMidnight = Date.parse(`${date}T00:00:00.000Z`);
  return new Date(utcMidnight - CHINA_OFFSET_MINUTES * 60_000).toISOString();
}

/** The China calendar day `YYYY-MM-DD` of an instant. */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10);
}

/** The calendar day after `YYYY-MM-DD`. */
export function nextDate(date: string): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
