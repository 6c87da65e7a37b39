import { Alert } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UpdateView } from '@common/contract';
import { api, call } from '../../api/call';

/** 有新版本: a newer release of the window is available, downloaded (installs at the next 日结 or restart) or installing. */
export function UpdateBanner() {
  const { t } = useTranslation();
  const [view, setView] = useState<UpdateView | null>(null);
  useEffect(() => {
    let live = true;
    void call('updates:status', {}).then((r) => {
      if (live && r.ok) setView(r.value);
    });
    const stop = api.on('updates:status', (v) => setView(v));
    return () => {
      live = false;
      stop();
    };
  }, []);
  if (!view || view.state === 'idle' || !view.version) return null;
  const detail =
    view.state === 'installing'
      ? t('update.installing')
      : view.state === 'downloaded'
        ? t('update.downloaded')
        : view.installs
          ? t('update.downloading')
          : t('update.reportOnly');
  return (
    <Alert
      role="status"
      type={view.state === 'installing' ? 'warning' : 'info'}
      showIcon
      title={t('update.title', { version: view.version })}
      description={detail}
      style={{ marginBottom: 16 }}
    />
  );
}
