import { Suspense, useSyncExternalStore, type ReactNode } from 'react';
import { lazyWithProviders } from '../../first/lazy-with-providers';
import { FirstLoading } from '../../first/StartScreens';
import { ratingTicketOf } from './ratings-url';

// Loaded only on the customer display: the staff sign-in screen does not carry it.
const RatingScreen = lazyWithProviders(() => import('./RatingScreen').then((m) => m.RatingScreen));

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

/** Shows the customer rating screen on `#/rate?ticket=…` (no sign-in), else the staff app. */
export function RatingRoute({ children }: { children: ReactNode }) {
  const ticket = useSyncExternalStore(subscribe, () => ratingTicketOf());
  return ticket === null ? (
    children
  ) : (
    <Suspense fallback={<FirstLoading description={false} />}>
      <RatingScreen key={ticket} ticket={ticket} />
    </Suspense>
  );
}
