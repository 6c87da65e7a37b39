import { Suspense, useSyncExternalStore, type ReactNode } from 'react';
import { lazyWithProviders } from '../../first/lazy-with-providers';
import { FirstLoading } from '../../first/StartScreens';
import { signingTicketOf } from './signing-url';

// Loaded only on the customer display: the staff screens do not carry the signature pad.
const SigningScreen = lazyWithProviders(() => import('./SigningScreen').then((m) => m.SigningScreen));

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

/** Shows the customer signing page on `#/sign?ticket=…` (no sign-in), else the rest of the app. */
export function SigningRoute({ children }: { children: ReactNode }) {
  const ticket = useSyncExternalStore(subscribe, () => signingTicketOf());
  return ticket === null ? (
    children
  ) : (
    <Suspense fallback={<FirstLoading description={false} />}>
      <SigningScreen key={ticket} ticket={ticket} />
    </Suspense>
  );
}
