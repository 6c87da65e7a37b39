import { Alert, Spin, Tabs } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReadinessItem } from '@common/readiness';
import { errorMessage } from '../../i18n/errors';
import { CameraSettingsSection } from '../camera/CameraSettingsSection';
import { PrintSettingsSection } from '../printing/PrintSettingsSection';
import { ReaderSettingsSection } from '../identity/ReaderSettingsSection';
import { FaceThresholdSection } from '../identity/FaceThresholdSection';
import { CatalogueUpdatesSection } from './CatalogueUpdatesSection';
import { RecoveryCodeSection } from '../security/RecoveryCodeSection';
import { BackupsSection } from '../supervisor/BackupsSection';
import { GatewaySection } from './GatewaySection';
import { HallSection, SecuritySection } from './HallSecuritySections';
import { OfficeHoursSection } from './OfficeHoursSection';
import { ReadinessSection } from './ReadinessSection';
import { VerifyBaseSection } from './VerifyBaseSection';
import { useSettingsStore } from './store';

type Tab = 'readiness' | ReadinessItem['tab'];

/** 系统设置 in tabs, each part with its own save; 上线检查 first, naming what is still a placeholder. */
export function SettingsPage() {
  const { t } = useTranslation();
  const settings = useSettingsStore((s) => s.settings);
  const loadError = useSettingsStore((s) => s.loadError);
  const load = useSettingsStore((s) => s.load);
  const [tab, setTab] = useState<Tab>('readiness');

  useEffect(() => {
    void load();
  }, [load]);

  if (loadError)
    return <Alert type="error" showIcon title={t('settings.loadFailed')} description={errorMessage(loadError)} />;
  if (!settings) return <Spin />;

  const items = [
    { key: 'readiness', children: <ReadinessSection onOpen={setTab} /> },
    {
      key: 'hall',
      children: (
        <>
          <HallSection />
          <OfficeHoursSection />
        </>
      ),
    },
    {
      key: 'devices',
      children: (
        <>
          <PrintSettingsSection />
          <ReaderSettingsSection />
          <FaceThresholdSection />
          <CameraSettingsSection />
        </>
      ),
    },
    {
      key: 'sync',
      children: (
        <>
          <GatewaySection />
          <VerifyBaseSection />
          <CatalogueUpdatesSection />
        </>
      ),
    },
    {
      key: 'security',
      children: (
        <>
          <SecuritySection />
          <RecoveryCodeSection />
        </>
      ),
    },
    { key: 'backup', children: <BackupsSection /> },
  ].map((i) => ({ ...i, label: t(`settings.tabs.${i.key}`) }));

  // Inactive tabs are not rendered: each loads its settings when opened, as saved by then.
  return <Tabs activeKey={tab} onChange={(key) => setTab(key as Tab)} items={items} destroyOnHidden />;
}
