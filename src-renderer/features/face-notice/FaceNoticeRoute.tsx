import { Suspense, useSyncExternalStore, type ReactNode } from 'react';
import { lazyWithProviders } from '../../first/lazy-with-providers';
import { FirstLoading } from '../../first/StartScreens';

// Loaded only on the customer display: the staff screens (and their first screen) do not carry it.
const FaceNoticeScreen = lazyWithProviders(() => import('./FaceNoticeScreen').then((m) => m.FaceNoticeScreen));

/** The customer display's address of a notice ticket (same pairing as 好差评 and 电子签名). */
export function faceNoticeUrl(ticket: string, origin = window.location.origin): string {
  return `${origin}/#/face-notice?ticket=${encodeURIComponent(ticket)}`;
}

/** The notice ticket of `#/face-notice?ticket=…`, or null on any other address. */
export function faceNoticeTicketOf(hash = window.location.hash): string | null {
  if (!hash.startsWith('#/face-notice')) return null;
  const query = hash.indexOf('?');
  return query < 0 ? '' : (new URLSearchParams(hash.slice(query + 1)).get('ticket') ?? '');
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

/** Shows the applicant's face-image notice on `#/face-notice?ticket=…` (no sign-in), else the rest of the app. */
export function FaceNoticeRoute({ children }: { children: ReactNode }) {
  const ticket = useSyncExternalStore(subscribe, () => faceNoticeTicketOf());
  if (ticket === null) return children;
  return (
    <Suspense fallback={<FirstLoading description={false} />}>
      <FaceNoticeScreen key={ticket} ticket={ticket} />
    </Suspense>
  );
}
