/**
 * The customer-facing signing page is a route of this same app, `#/sign?ticket=…`, opened on the customer
 * display exactly like the 好差评 screen (decision 0117's pairing in the browser host; see ratings-url.ts).
 */
export function signingUrl(ticket: string, origin = window.location.origin): string {
  return `${origin}/#/sign?ticket=${encodeURIComponent(ticket)}`;
}

/** The ticket of the current location when it is the signing route, else null ('' for no ticket). */
export function signingTicketOf(hash = window.location.hash): string | null {
  if (!hash.startsWith('#/sign')) return null;
  const query = hash.indexOf('?');
  return query < 0 ? '' : (new URLSearchParams(hash.slice(query + 1)).get('ticket') ?? '');
}
