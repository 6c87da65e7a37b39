/**
 * The customer-facing rating screen is a route of this same app: `#/rate?ticket=…`.
 *
 * Browser host: every request needs the host cookie, and a staff session is bound to that
 * cookie, so the customer display must be a SEPARATE browser (or browser profile), paired once by
 * a one-time pairing address a signed-in clerk creates (`http://127.0.0.1:PORT/?pair=…`, decision
 * 0117; its session reaches the rating commands only); it then opens this URL with no staff
 * sign-in. (A second tab or window of the clerk's own profile shares the clerk's session, and
 * `ratings:submit` refuses callers holding a staff session.) The pairing address keeps the
 * fragment across its redirect, so `…/?pair=TOKEN#/rate?ticket=…` pairs and rates in one step.
 * Electron: the main process opens a second window (own session partition) on this URL.
 */
export function ratingUrl(ticket: string, origin = window.location.origin): string {
  return `${origin}/#/rate?ticket=${encodeURIComponent(ticket)}`;
}

/** The ticket of the current location when it is the rating route, else null ('' for a route without a ticket). */
export function ratingTicketOf(hash = window.location.hash): string | null {
  if (!hash.startsWith('#/rate')) return null;
  const query = hash.indexOf('?');
  return query < 0 ? '' : (new URLSearchParams(hash.slice(query + 1)).get('ticket') ?? '');
}
