import { LockOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '@common/result';
import { requiredRule } from '../../forms/rules';
import { errorMessage } from '../../i18n/errors';
import { useAuthStore } from './store';

/** Covers the main layout while the session is locked; only the same user's password opens it. */
export function LockScreen() {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ password: string }>();
  const user = useAuthStore((s) => s.session?.user);
  const unlock = useAuthStore((s) => s.unlock);
  const logout = useAuthStore((s) => s.logout);
  const [error, setError] = useState<AppErrorData | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async ({ password }: { password: string }) => {
    setSubmitting(true);
    setError(null);
    const result = await unlock(password);
    setSubmitting(false);
    if (!result.ok) {
      form.setFieldValue('password', '');
      setError(result.error);
    }
  };

  return (
    <div className="lock-overlay" role="dialog" aria-modal="true" aria-labelledby="lock-title">
      <Card style={{ width: 400 }} styles={{ body: { padding: 32 } }}>
        <div style={{ textAlign: 'center', marginBottom: 16 }}>
          <LockOutlined style={{ fontSize: 36, color: '#1f4e8c' }} aria-hidden />
          <Typography.Title id="lock-title" level={3} style={{ margin: '12px 0 8px' }}>
            {t('lock.title')}
          </Typography.Title>
          <Typography.Text type="secondary">
            {t('lock.intro', { name: user?.displayName ?? '', role: user ? t(`roles.${user.role}`) : '' })}
          </Typography.Text>
        </div>
        <Form form={form} name="unlock" layout="vertical" requiredMark={false} onFinish={submit} size="large">
          <Form.Item label={t('lock.password')} name="password" rules={[requiredRule()]}>
            <Input.Password autoComplete="current-password" autoFocus />
          </Form.Item>
          {error && (
            <Alert
              type="error"
              showIcon
              title={error.code === 'invalid-credentials' ? t('errors.wrongPassword') : errorMessage(error)}
              style={{ marginBottom: 16 }}
            />
          )}
          <Button type="primary" htmlType="submit" block loading={submitting}>
            {t('lock.submit')}
          </Button>
          <Button type="link" block style={{ marginTop: 8 }} onClick={() => void logout()}>
            {t('lock.switchUser')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
