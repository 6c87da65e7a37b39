import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '@common/result';
import { requiredRule } from '../../forms/rules';
import { showFieldErrors } from '../../forms/server-errors';
import { errorMessage } from '../../i18n/errors';
import { useAppInfoStore } from '../setup/store';
import { CenteredFrame } from '../shell/CenteredFrame';
import { useAuthStore } from './store';
import { TrainingSwitch } from '../training/TrainingSwitch';

interface LoginFields {
  username: string;
  password: string;
}

/** Staff sign-in. */
export function LoginScreen() {
  const { t } = useTranslation();
  const [form] = Form.useForm<LoginFields>();
  const hall = useAppInfoStore((s) => s.info?.hall);
  const notice = useAuthStore((s) => s.notice);
  const login = useAuthStore((s) => s.login);
  const [error, setError] = useState<AppErrorData | null>(notice);
  const [submitting, setSubmitting] = useState(false);

  const submit = async ({ username, password }: LoginFields) => {
    setSubmitting(true);
    setError(null);
    const result = await login(username, password);
    setSubmitting(false);
    if (result.ok) return;
    form.setFieldValue('password', '');
    if (!(result.error.code === 'invalid-input' && showFieldErrors(form, result.error))) setError(result.error);
  };

  return (
    <CenteredFrame
      width={420}
      subtitle={hall ? `${hall.name} · ${t('shell.window', { no: hall.windowNo })}` : undefined}
    >
      <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 24, textAlign: 'center' }}>
        {t('login.title')}
      </Typography.Title>
      <Form form={form} name="login" layout="vertical" requiredMark={false} onFinish={submit} size="large">
        <Form.Item label={t('login.username')} name="username" rules={[requiredRule()]}>
          <Input autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item label={t('login.password')} name="password" rules={[requiredRule()]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" block loading={submitting}>
          {t('login.submit')}
        </Button>
      </Form>
      <TrainingSwitch />
    </CenteredFrame>
  );
}
