import { App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Spin, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IdentitySettings } from '@common/contract/identity';
import { READER_DRIVERS } from '@common/identity/settings';
import { call } from '../../api/call';
import { showFieldErrors } from '../../forms/server-errors';
import { errorMessage } from '../../i18n/errors';
import { useAuthStore } from '../auth/store';

/** 读卡器 (administrators): the reader driver of this window, its fields, and polling. */
export function ReaderSettingsSection() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const admin = useAuthStore((s) => s.session?.user.role === 'admin');
  const [form] = Form.useForm<IdentitySettings>();
  const [settings, setSettings] = useState<IdentitySettings | null>(null);
  const [saving, setSaving] = useState(false);
  const driver = Form.useWatch(['reader', 'driver'], form) ?? settings?.reader.driver;

  useEffect(() => {
    if (admin) void call('identity:getSettings', {}).then((r) => r.ok && setSettings(r.value));
  }, [admin]);

  if (!admin) return null;
  if (!settings) return <Spin />;

  const submit = async () => {
    const values = form.getFieldsValue(true) as IdentitySettings;
    setSaving(true);
    const result = await call('identity:updateSettings', values);
    setSaving(false);
    if (result.ok) {
      setSettings(result.value);
      void message.success(t('identity.settings.saved'));
    } else if (!showFieldErrors(form, result.error)) void message.error(errorMessage(result.error));
  };

  return (
    <Card title={t('identity.settings.section')} style={{ marginTop: 24 }}>
      <p className="muted">{t('identity.settings.intro')}</p>
      <Form form={form} name="readerSettings" layout="vertical" initialValues={settings} onFinish={() => void submit()}>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item label={t('identity.settings.driver')} name={['reader', 'driver']}>
              <Select options={READER_DRIVERS.map((d) => ({ value: d, label: t(`identity.reader.drivers.${d}`) }))} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item
              label={t('identity.settings.polling')}
              name={['reader', 'polling', 'enabled']}
              valuePropName="checked"
            >
              <Switch />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item label={t('identity.settings.pollingInterval')} name={['reader', 'polling', 'intervalMs']}>
              <InputNumber min={300} max={10_000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {driver === 'http' && (
            <>
              <Col span={12}>
                <Form.Item label={t('identity.settings.httpUrl')} name={['reader', 'http', 'url']}>
                  <Input maxLength={200} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item label={t('identity.settings.httpMethod')} name={['reader', 'http', 'method']}>
                  <Select options={['GET', 'POST'].map((m) => ({ value: m, label: m }))} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item label={t('identity.settings.timeoutMs')} name={['reader', 'http', 'timeoutMs']}>
                  <InputNumber min={500} max={30_000} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item label={t('identity.settings.httpBody')} name={['reader', 'http', 'body']}>
                  <Input.TextArea rows={2} maxLength={2000} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item label={t('identity.settings.resultCodePath')} name={['reader', 'http', 'resultCodePath']}>
                  <Input maxLength={100} />
                </Form.Item>
              </Col>
            </>
          )}
          {driver === 'sdtapi' && (
            <>
              <Col span={12}>
                <Form.Item label={t('identity.settings.libraryPath')} name={['reader', 'sdtapi', 'libraryPath']}>
                  <Input maxLength={260} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item label={t('identity.settings.timeoutMs')} name={['reader', 'sdtapi', 'timeoutMs']}>
                  <InputNumber min={1000} max={30_000} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item label={t('identity.settings.port')} name={['reader', 'sdtapi', 'port']}>
                  <Select
                    options={[
                      { value: 'auto', label: t('identity.settings.portAuto') },
                      ...Array.from({ length: 16 }, (_, i) => ({ value: 1001 + i, label: `USB ${1001 + i}` })),
                      ...Array.from({ length: 16 }, (_, i) => ({ value: i + 1, label: `COM${i + 1}` })),
                    ]}
                  />
                </Form.Item>
              </Col>
            </>
          )}
        </Row>
        <Button type="primary" htmlType="submit" loading={saving}>
          {t('identity.settings.save')}
        </Button>
      </Form>
    </Card>
  );
}
