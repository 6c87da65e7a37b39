import { App, Button, Card, Col, Form, InputNumber, Row } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '@common/contract';
import { showFieldErrors } from '../../forms/server-errors';
import { errorMessage } from '../../i18n/errors';
import { HallFields } from '../../forms/HallFields';
import { useSettingsStore } from './store';

/** The bounds of `securityPolicySchema`, shown in the inputs and their messages. */
const POLICY_BOUNDS = {
  maxFailedLogins: { min: 3, max: 10 },
  lockoutMinutes: { min: 1, max: 1440 },
  idleLockMinutes: { min: 1, max: 120 },
} as const;

/** Saves one part of the settings (the other part as loaded) and reports the outcome. */
function useSavePart<K extends keyof Settings>(part: K) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const settings = useSettingsStore((s) => s.settings) as Settings;
  const save = useSettingsStore((s) => s.save);
  const [saving, setSaving] = useState(false);
  const submit = async (form: ReturnType<typeof Form.useForm<Settings>>[0], values: Pick<Settings, K>) => {
    setSaving(true);
    const result = await save({ ...settings, [part]: values[part] });
    setSaving(false);
    if (result.ok) void message.success(t('settings.saved'));
    else if (!showFieldErrors(form, result.error)) void message.error(errorMessage(result.error));
  };
  return { settings, saving, submit };
}

/** 窗口信息: the hall's name, division, window number and code, with its own save. */
export function HallSection() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Settings>();
  const { settings, saving, submit } = useSavePart('hall');
  return (
    <Form form={form} name="hall" layout="vertical" initialValues={settings} onFinish={(v) => void submit(form, v)}>
      <Card title={t('settings.hallSection')}>
        <HallFields />
        <Button type="primary" htmlType="submit" loading={saving}>
          {t('settings.saveHall')}
        </Button>
      </Card>
    </Form>
  );
}

/** 安全: sign-in lockout and idle lock, with its own save. */
export function SecuritySection() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Settings>();
  const { settings, saving, submit } = useSavePart('security');
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
    <Form form={form} name="security" layout="vertical" initialValues={settings} onFinish={(v) => void submit(form, v)}>
      <Card title={t('settings.securitySection')}>
        <Row gutter={16}>
          <Col span={8}>{policyField('maxFailedLogins')}</Col>
          <Col span={8}>{policyField('lockoutMinutes')}</Col>
          <Col span={8}>{policyField('idleLockMinutes')}</Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={saving}>
          {t('settings.saveSecurity')}
        </Button>
      </Card>
    </Form>
  );
}
