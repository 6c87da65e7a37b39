import { Suspense, useEffect } from 'react';
import { LoginScreen } from './features/auth/LoginScreen';
import { useAuthStore } from './features/auth/store';
import { useAppInfoStore } from './features/setup/store';
import { TrainingBanner } from './features/training/TrainingBanner';
import { FirstLoading, StartFailed } from './first/StartScreens';
import { lazyWithProviders } from './first/lazy-with-providers';
import { errorMessage } from './i18n/errors';
import { loadAllTranslations } from './i18n';

// Only the first screen (loading, sign-in, start failed) is in the first bundle, in plain React: antd, its
// providers, every page's strings and the workspace load after it (docs/decisions/0240, 0241).
const loadWorkspace = () => import('./Workspace');
const Workspace = lazyWithProviders(() => loadWorkspace().then((m) => m.Workspace));

/** Fetches the workspace (with antd and every page's strings) once the first screen is idle, so signing in does not wait for it. */
function prefetchWorkspace(): () => void {
  const idle = window.requestIdleCallback ?? ((fn: () => void) => window.setTimeout(fn, 200));
  const cancel = window.cancelIdleCallback ?? window.clearTimeout;
  // After a second, when idle: the first screen's own work (and typing into it) comes first.
  let handle: number | undefined;
  const timer = window.setTimeout(
    () =>
      (handle = idle(() => {
        void loadWorkspace();
        void import('./Providers');
        void loadAllTranslations();
      })),
    1000,
  );
  return () => {
    window.clearTimeout(timer);
    if (handle !== undefined) cancel(handle);
  };
}
const SetupScreen = lazyWithProviders(() => import('./features/setup/SetupScreen').then((m) => m.SetupScreen));
const ChangePasswordScreen = lazyWithProviders(() =>
  import('./features/auth/ChangePasswordScreen').then((m) => m.ChangePasswordScreen),
);

let asked = false;

/**
 * Asks the first screen's two questions (app:info, auth:session) once: main.tsx before the first render on the
 * staff window, else App when it mounts (the customer display's routes never ask: their session may not).
 */
export function askFirstScreen(): void {
  if (asked) return;
  asked = true;
  void useAppInfoStore.getState().load();
  void useAuthStore.getState().restore();
}

/** First run, sign-in, or the workspace with the lock screen over it when locked. */
export function App() {
  const info = useAppInfoStore((s) => s.info);
  const loadError = useAppInfoStore((s) => s.loadError);
  const loadInfo = useAppInfoStore((s) => s.load);
  const restored = useAuthStore((s) => s.restored);
  const session = useAuthStore((s) => s.session);
  // Usually asked already by main.tsx before the first render; 重试 asks app:info again.
  useEffect(askFirstScreen, []);
  const firstScreenShown = Boolean(info && restored);
  useEffect(() => (firstScreenShown ? prefetchWorkspace() : undefined), [firstScreenShown]);

  if (loadError) return <StartFailed message={errorMessage(loadError)} onRetry={() => void loadInfo()} />;
  const loading = <FirstLoading />;
  if (!info || !restored) return loading;
  if (!info.initialized)
    return (
      <Suspense fallback={loading}>
        <SetupScreen />
      </Suspense>
    );
  if (!session)
    return (
      <>
        <TrainingBanner />
        <LoginScreen />
      </>
    );
  if (session.mustChangePassword && !session.locked)
    return (
      <Suspense fallback={loading}>
        <TrainingBanner />
        <ChangePasswordScreen />
      </Suspense>
    );
  return (
    <Suspense fallback={loading}>
      <TrainingBanner />
      <Workspace locked={session.locked} />
    </Suspense>
  );
}
