import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '@common/contract';
import { hallSchema } from '@common/hall';
import { schemaRule } from '../../forms/rules';
import { showFieldErrors } from '../../forms/server-errors';
import { errorMessage } from '../../i18n/errors';
import { CameraSettingsSection } from '../camera/CameraSettingsSection';
import { PrintSettingsSection } from '../printing/PrintSettingsSection';
import { ReaderSettingsSection } from '../identity/ReaderSettingsSection';
import { CatalogueUpdatesSection } from './CatalogueUpdatesSection';
import { RecoveryCodeSection } from '../security/RecoveryCodeSection';
import { GatewaySection } from './GatewaySection';
import { useSettingsStore } from './store';

const hallField = hallSchema.shape;

/** The bounds of `securityPolicySchema`, shown in the inputs and their messages. */
const POLICY_BOUNDS = {
  maxFailedLogins: { min: 3, max: 10 },
  lockoutMinutes: { min: 1, max: 1440 },
  idleLockMinutes: { min: 1, max: 120 },
} as const;

/** Administrators edit the hall and the sign-in/idle-lock policy. */
export function SettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Settings>();
  const settings = useSettingsStore((s) => s.settings);
  const loadError = useSettingsStore((s) => s.loadError);
  const load = useSettingsStore((s) => s.load);
  const save = useSettingsStore((s) => s.save);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    void load();
  }, [load]);

  const submit = async (values: Settings) => {
    setSaving(true);
    const result = await save(values);
    setSaving(false);
    if (result.ok) void message.success(t('settings.saved'));
    else if (!showFieldErrors(form, result.error)) void message.error(errorMessage(result.error));
  };

  if (loadError)
    return <Alert type="error" showIcon title={t('settings.loadFailed')} description={errorMessage(loadError)} />;
  if (!settings) return <Spin />;

  const policyField = (key: keyof typeof POLICY_BOUNDS) => {
    const { min, max } = POLICY_BOUNDS[key];
    return (
      <Form.Item
        label={t(`settings.${key}`)}
        name={['security', key]}
        rules={[{ required: true, type: 'integer', min, max, message: t('fields.number-range', { min, max }) }]}
      >
        <InputNumber min={min} max={max} precision={0} style={{ width: '100%' }} />
      </Form.Item>
    );
  };

  return (
    <>
      <Form form={form} name="settings" layout="vertical" initialValues={settings} onFinish={submit}>
        <Card title={t('settings.hallSection')} style={{ marginBottom: 24 }}>
          <Row gutter={16}>
            <Col span={24}>
              <Form.Item
                label={t('setup.hallName')}
                name={['hall', 'name']}
                rules={[schemaRule(hallField.name)]}
                required
              >
                <Input />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item
                label={t('setup.divisionCode')}
                name={['hall', 'divisionCode']}
                rules={[schemaRule(hallField.divisionCode)]}
                required
              >
                <Input maxLength={6} inputMode="numeric" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item
                label={t('setup.windowNo')}
                name={['hall', 'windowNo']}
                rules={[schemaRule(hallField.windowNo)]}
                required
              >
                <Input maxLength={8} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item
                label={t('setup.windowCode')}
                name={['hall', 'windowCode']}
                rules={[schemaRule(hallField.windowCode)]}
                extra={t('setup.windowCodeHelp')}
                required
              >
                <Input maxLength={10} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card title={t('settings.securitySection')} style={{ marginBottom: 24 }}>
          <Row gutter={16}>
            <Col span={8}>{policyField('maxFailedLogins')}</Col>
            <Col span={8}>{policyField('lockoutMinutes')}</Col>
            <Col span={8}>{policyField('idleLockMinutes')}</Col>
          </Row>
        </Card>
        <Button type="primary" htmlType="submit" size="large" loading={saving}>
          {t('settings.save')}
        </Button>
      </Form>
      <RecoveryCodeSection />
      <GatewaySection />
      <CatalogueUpdatesSection />
      <ReaderSettingsSection />
      <PrintSettingsSection />
      <CameraSettingsSection />
    </>
  );
}
