import { useSyncExternalStore, type ReactNode } from 'react';
import { ratingTicketOf } from './ratings-url';
import { RatingScreen } from './RatingScreen';

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

/** Shows the customer rating screen on `#/rate?ticket=…` (no sign-in), else the staff app. */
export function RatingRoute({ children }: { children: ReactNode }) {
  const ticket = useSyncExternalStore(subscribe, () => ratingTicketOf());
  return ticket === null ? children : <RatingScreen key={ticket} ticket={ticket} />;
}
