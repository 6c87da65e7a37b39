import { App, Button, Card, Col, Form, Input, InputNumber, Row } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '@common/contract';
import { hallSchema } from '@common/hall';
import { schemaRule } from '../../forms/rules';
import { showFieldErrors } from '../../forms/server-errors';
import { errorMessage } from '../../i18n/errors';
import { useSettingsStore } from './store';

const hallField = hallSchema.shape;

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
