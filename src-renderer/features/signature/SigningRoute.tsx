import { Spin } from 'antd';
import { lazy, Suspense, useSyncExternalStore, type ReactNode } from 'react';
import { signingTicketOf } from './signing-url';

// Loaded only on the customer display: the staff screens do not carry the signature pad.
const SigningScreen = lazy(() => import('./SigningScreen').then((m) => ({ default: m.SigningScreen })));

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
    <Suspense fallback={<Spin fullscreen />}>
      <SigningScreen key={ticket} ticket={ticket} />
    </Suspense>
  );
}
