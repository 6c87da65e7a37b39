import { KeyOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '@common/result';
import { passwordRule, requiredRule, sameAsRule } from '../../forms/rules';
import { showFieldErrors } from '../../forms/server-errors';
import { errorMessage } from '../../i18n/errors';
import { useAuthStore } from './store';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmNewPassword: string;
}

/**
 * Shown instead of the workspace while the signed-in user still has a password an administrator set
 * (created or reset): nothing else opens until they choose their own (main refuses other commands too).
 */
export function ChangePasswordScreen() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const user = useAuthStore((s) => s.session?.user);
  const changePassword = useAuthStore((s) => s.changePassword);
  const logout = useAuthStore((s) => s.logout);
  const [error, setError] = useState<AppErrorData | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async ({ currentPassword, newPassword }: Values) => {
    setSubmitting(true);
    setError(null);
    const result = await changePassword(currentPassword, newPassword);
    setSubmitting(false);
    if (result.ok) return;
    if (result.error.code === 'invalid-credentials')
      form.setFields([{ name: 'currentPassword', value: '', errors: [t('errors.wrongPassword')] }]);
    else if (!showFieldErrors(form, result.error)) setError(result.error);
  };

  return (
    <div className="lock-overlay" role="dialog" aria-modal="true" aria-labelledby="first-password-title">
      <Card style={{ width: 440 }} styles={{ body: { padding: 32 } }}>
        <div style={{ textAlign: 'center', marginBottom: 16 }}>
          <KeyOutlined style={{ fontSize: 36, color: '#1f4e8c' }} aria-hidden />
          <Typography.Title id="first-password-title" level={3} style={{ margin: '12px 0 8px' }}>
            {t('firstPassword.title')}
          </Typography.Title>
          <Typography.Text type="secondary">
            {t('firstPassword.intro', { name: user?.displayName ?? '' })}
          </Typography.Text>
        </div>
        <Form form={form} name="firstPassword" layout="vertical" requiredMark={false} onFinish={submit}>
          <Form.Item label={t('firstPassword.current')} name="currentPassword" rules={[requiredRule()]}>
            <Input.Password autoComplete="current-password" autoFocus />
          </Form.Item>
          <Form.Item
            label={t('firstPassword.new')}
            name="newPassword"
            rules={[passwordRule(() => user?.username)]}
            extra={t('setup.passwordHelp')}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label={t('firstPassword.confirm')}
            name="confirmNewPassword"
            dependencies={['newPassword']}
            rules={[sameAsRule('newPassword')]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} />}
          <Button type="primary" htmlType="submit" block loading={submitting}>
            {t('firstPassword.submit')}
          </Button>
          <Button type="link" block style={{ marginTop: 8 }} onClick={() => void logout()}>
            {t('lock.switchUser')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
