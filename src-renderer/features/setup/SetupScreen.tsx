import { Alert, Button, Col, Divider, Form, Input, Row, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { displayNameSchema, usernameSchema } from '@common/accounts';
import { suggestWindowCode } from '@common/hall';
import type { AppErrorData } from '@common/result';
import { passwordRule, sameAsRule, schemaRule } from '../../forms/rules';
import { showFieldErrors } from '../../forms/server-errors';
import { errorMessage } from '../../i18n/errors';
import { HallFields } from '../../forms/HallFields';
import { CenteredFrame } from '../shell/CenteredFrame';
import { RecoveryCodeStep } from './RecoveryCodeStep';
import { SetupRestore } from './SetupRestore';
import { useAppInfoStore } from './store';

interface SetupFields {
  hall: { name: string; divisionCode: string; windowNo: string; windowCode: string };
  admin: { username: string; displayName: string; password: string; confirmPassword: string };
}

/** First run: records the hall and window, and creates the first administrator. */
export function SetupScreen() {
  const { t } = useTranslation();
  const [form] = Form.useForm<SetupFields>();
  const initialize = useAppInfoStore((s) => s.initialize);
  const restoreStaged = useAppInfoStore((s) => s.restoreStaged);
  const recoveryCode = useAppInfoStore((s) => s.recoveryCodeToKeep);
  const [error, setError] = useState<AppErrorData | null>(null);
  const [submitting, setSubmitting] = useState(false);
  // The window code follows the suggestion until the administrator types one of their own.
  const windowCodeEdited = useRef(false);

  const onValuesChange = (changed: Partial<SetupFields>) => {
    if (changed.hall?.windowCode !== undefined) windowCodeEdited.current = true;
    if (windowCodeEdited.current || !(changed.hall?.divisionCode !== undefined || changed.hall?.windowNo !== undefined))
      return;
    const { divisionCode = '', windowNo = '' } = form.getFieldValue('hall') as Partial<SetupFields['hall']>;
    if (/^\d{6}$/.test(divisionCode.trim()) && windowNo.trim()) {
      form.setFieldValue(['hall', 'windowCode'], suggestWindowCode(divisionCode.trim(), windowNo.trim()));
    }
  };

  const submit = async ({ hall, admin }: SetupFields) => {
    setSubmitting(true);
    setError(null);
    const { confirmPassword: _confirm, ...adminAccount } = admin;
    const result = await initialize({ hall, admin: adminAccount });
    setSubmitting(false);
    if (result.ok) return;
    const placed = showFieldErrors(form, result.error, { password: ['admin', 'password'] });
    if (!placed) setError(result.error);
  };

  const usernameOf = () => form.getFieldValue(['admin', 'username']) as string | undefined;

  if (recoveryCode)
    return (
      <CenteredFrame width={720}>
        <RecoveryCodeStep code={recoveryCode} />
      </CenteredFrame>
    );
  return (
    <CenteredFrame width={720}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('setup.title')}
      </Typography.Title>
      {!restoreStaged && <Typography.Paragraph type="secondary">{t('setup.intro')}</Typography.Paragraph>}
      <Form
        form={form}
        name="setup"
        layout="vertical"
        onFinish={submit}
        onValuesChange={onValuesChange}
        hidden={restoreStaged}
      >
        <Divider titlePlacement="start">{t('setup.hallSection')}</Divider>
        <HallFields setup />
        <Divider titlePlacement="start">{t('setup.adminSection')}</Divider>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              label={t('setup.username')}
              name={['admin', 'username']}
              rules={[schemaRule(usernameSchema)]}
              required
            >
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              label={t('setup.displayName')}
              name={['admin', 'displayName']}
              rules={[schemaRule(displayNameSchema)]}
              required
            >
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              label={t('setup.password')}
              name={['admin', 'password']}
              rules={[passwordRule(usernameOf)]}
              extra={t('setup.passwordHelp')}
              required
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              label={t('setup.confirmPassword')}
              name={['admin', 'confirmPassword']}
              dependencies={[['admin', 'password']]}
              rules={[sameAsRule(['admin', 'password'])]}
              required
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </Col>
        </Row>
        {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" size="large" block loading={submitting}>
          {t('setup.submit')}
        </Button>
      </Form>
      <SetupRestore />
    </CenteredFrame>
  );
}
