import { Button, Checkbox, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RecoveryCodeCard } from '../security/RecoveryCodeCard';
import { useAppInfoStore } from './store';

/** After 初始化: the recovery code, shown once; the administrator confirms it is kept before going on. */
export function RecoveryCodeStep({ code }: { code: string }) {
  const { t } = useTranslation();
  const confirm = useAppInfoStore((s) => s.recoveryCodeKept);
  const [kept, setKept] = useState(false);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <RecoveryCodeCard code={code} />
      <Checkbox checked={kept} onChange={(e) => setKept(e.target.checked)}>
        {t('security.recoveryConfirm')}
      </Checkbox>
      <Button type="primary" size="large" disabled={!kept} onClick={confirm}>
        {t('security.recoveryContinue')}
      </Button>
    </Space>
  );
}
