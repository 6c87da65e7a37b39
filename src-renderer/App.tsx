import { Button, Result, Spin } from 'antd';
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { LoginScreen } from './features/auth/LoginScreen';
import { useAuthStore } from './features/auth/store';
import { useAppInfoStore } from './features/setup/store';
import { TrainingBanner } from './features/training/TrainingBanner';
import { errorMessage } from './i18n/errors';

// Only the sign-in screen is in the first bundle: the workspace, the first-run screen and the
// lock screen load after it (an old hall PC shows the login form in a fraction of the time).
const loadWorkspace = () => import('./features/shell/MainLayout');
const MainLayout = lazy(() => loadWorkspace().then((m) => ({ default: m.MainLayout })));

/** Fetches the workspace once the first screen is idle, so signing in does not wait for it. */
function prefetchWorkspace(): () => void {
  const idle = window.requestIdleCallback ?? ((fn: () => void) => window.setTimeout(fn, 200));
  const cancel = window.cancelIdleCallback ?? window.clearTimeout;
  // After a second, when idle: the first screen's own work (and typing into it) comes first.
  let handle: number | undefined;
  const timer = window.setTimeout(() => (handle = idle(() => void loadWorkspace())), 1000);
  return () => {
    window.clearTimeout(timer);
    if (handle !== undefined) cancel(handle);
  };
}
const SetupScreen = lazy(() => import('./features/setup/SetupScreen').then((m) => ({ default: m.SetupScreen })));
const ChangePasswordScreen = lazy(() =>
  import('./features/auth/ChangePasswordScreen').then((m) => ({ default: m.ChangePasswordScreen })),
);
const LockScreen = lazy(() => import('./features/auth/LockScreen').then((m) => ({ default: m.LockScreen })));

/** First run, sign-in, or the main layout with the lock screen over it when locked. */
export function App() {
  const { t } = useTranslation();
  const info = useAppInfoStore((s) => s.info);
  const loadError = useAppInfoStore((s) => s.loadError);
  const loadInfo = useAppInfoStore((s) => s.load);
  const restored = useAuthStore((s) => s.restored);
  const restore = useAuthStore((s) => s.restore);
  const session = useAuthStore((s) => s.session);

  useEffect(() => {
    void loadInfo();
    void restore();
  }, [loadInfo, restore]);
  const firstScreenShown = Boolean(info && restored);
  useEffect(() => (firstScreenShown ? prefetchWorkspace() : undefined), [firstScreenShown]);

  if (loadError) {
    return (
      <Result
        status="error"
        title={t('app.startFailed')}
        subTitle={errorMessage(loadError)}
        extra={
          <Button type="primary" onClick={() => void loadInfo()}>
            {t('app.retry')}
          </Button>
        }
      />
    );
  }
  const loading = <Spin fullscreen description={t('app.loading')} />;
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
      {/* The pages stay mounted under the lock screen so work in progress survives. */}
      <MainLayout locked={session.locked} />
      {session.locked && <LockScreen />}
    </Suspense>
  );
}
