// Browser host only: a signed-in staff page asks the host for a one-time address that pairs the customer
// rating screen (another browser profile) with this host. The session it opens reaches the rating
// commands only (decision 0117). Electron has no such address: it is null there.

/** Whether this page runs in the browser host (not Electron), where the customer screen must be paired. */
export const needsCustomerScreenPairing = (): boolean => !window.tongban;

/** A one-time pairing address (valid 10 minutes), or null when the host refused (not signed in, locked). */
export async function pairCustomerScreen(): Promise<{ url: string; expiresAt: string } | null> {
  try {
    const res = await fetch('/api/customer-screen/pair', { method: 'POST', credentials: 'same-origin' });
    return res.ok ? ((await res.json()) as { url: string; expiresAt: string }) : null;
  } catch {
    return null;
  }
}
