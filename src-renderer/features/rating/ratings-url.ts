/**
 * The customer-facing rating screen is a route of this same app: `#/rate?ticket=…`.
 *
 * Browser host: every request needs the host cookie, and a staff session is bound to that
 * cookie, so the customer display must be a SEPARATE browser (or browser profile) that opened
 * the start address (`http://127.0.0.1:PORT/?token=…`) once; it then opens this URL with no
 * staff sign-in. (A second tab or window of the clerk's own profile shares the clerk's session,
 * and `ratings:submit` refuses callers holding a staff session.) The start address keeps the
 * fragment across its redirect, so `…/?token=TOKEN#/rate?ticket=…` also works in one step.
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
