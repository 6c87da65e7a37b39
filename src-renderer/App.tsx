import { Button, Result, Spin } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { LockScreen } from './features/auth/LockScreen';
import { LoginScreen } from './features/auth/LoginScreen';
import { useAuthStore } from './features/auth/store';
import { SetupScreen } from './features/setup/SetupScreen';
import { useAppInfoStore } from './features/setup/store';
import { MainLayout } from './features/shell/MainLayout';
import { errorMessage } from './i18n/errors';

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
  if (!info || !restored) return <Spin fullscreen description={t('app.loading')} />;
  if (!info.initialized) return <SetupScreen />;
  if (!session) return <LoginScreen />;
  return (
    <>
      {/* The pages stay mounted under the lock screen so work in progress survives. */}
      <MainLayout locked={session.locked} />
      {session.locked && <LockScreen />}
    </>
  );
}
