import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '@common/result';
import { errorMessage } from '../../i18n/errors';
import { RecoveryCodeCard } from './RecoveryCodeCard';
import { showRecoveryCode } from './store';

/** 系统设置 → 安全: an administrator shows the recovery code again with their password. */
export function RecoveryCodeSection() {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState<string | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);
  const [busy, setBusy] = useState(false);

  const show = async () => {
    setBusy(true);
    setError(null);
    const result = await showRecoveryCode(password);
    setBusy(false);
    setPassword('');
    if (result.ok) setCode(result.value.recoveryCode);
    else setError(result.error);
  };

  return (
    <Card title={t('security.sectionTitle')} style={{ marginTop: 24 }}>
      <Typography.Paragraph type="secondary">{t('security.sectionIntro')}</Typography.Paragraph>
      {code ? (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Alert type="info" showIcon role="status" title={t('security.sectionShown')} />
          <RecoveryCodeCard code={code} />
          <Button onClick={() => setCode(null)}>{t('security.sectionHide')}</Button>
        </Space>
      ) : (
        <Form layout="vertical" name="recovery-code" onFinish={() => void show()}>
          <Form.Item label={t('security.sectionPassword')} htmlFor="recovery-code-password">
            <Input.Password
              id="recovery-code-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoComplete="current-password"
              style={{ maxWidth: 320 }}
            />
          </Form.Item>
          {error && (
            <Alert
              type="error"
              showIcon
              title={error.code === 'invalid-credentials' ? t('security.wrongPassword') : errorMessage(error)}
              style={{ marginBottom: 16 }}
            />
          )}
          <Button htmlType="submit" disabled={password === ''} loading={busy}>
            {t('security.sectionShow')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
