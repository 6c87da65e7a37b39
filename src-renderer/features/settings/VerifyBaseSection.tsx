import { QrcodeOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Form, Input, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VerifyBaseView } from '@common/contract/sync';
import { call } from '../../api/call';
import { showFieldErrors } from '../../forms/server-errors';
import { errorMessage } from '../../i18n/errors';

/** Whether the text is an http(s) address without query or fragment, as the contract requires. */
function isBaseUrl(text: string): boolean {
  try {
    return /^https?:$/.test(new URL(text.trim()).protocol) && !/[?#]/.test(text);
  } catch {
    return false;
  }
}

/** 扫码核验地址: the public address every document's QR code points at (empty = the gateway's address). */
export function VerifyBaseSection() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ baseUrl: string }>();
  const [view, setView] = useState<VerifyBaseView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void call('sync:getVerifyBase', {}).then((r) => {
      if (!r.ok) return setProblem(errorMessage(r.error));
      setView(r.value);
      form.setFieldValue('baseUrl', r.value.baseUrl ?? '');
    });
  }, [form]);

  const save = async ({ baseUrl }: { baseUrl: string }) => {
    setBusy(true);
    setProblem(null);
    const result = await call('sync:setVerifyBase', { baseUrl: baseUrl.trim() === '' ? null : baseUrl.trim() });
    setBusy(false);
    if (!result.ok) {
      if (!showFieldErrors(form, result.error)) setProblem(errorMessage(result.error));
      return;
    }
    setView(result.value);
    form.setFieldValue('baseUrl', result.value.baseUrl ?? '');
    void message.success(t('verifyBase.saved'));
  };

  return (
    <Card id="verify-base-card" title={t('verifyBase.section')} style={{ marginTop: 24 }}>
      <Typography.Paragraph type="secondary">{t('verifyBase.intro')}</Typography.Paragraph>
      <Descriptions
        bordered
        size="small"
        column={1}
        style={{ marginBottom: 16 }}
        items={[
          {
            key: 'effective',
            label: t('verifyBase.effective'),
            children: view?.effective ? (
              <Space>
                <span className="mono">{`${view.effective}/v/…`}</span>
                {view.baseUrl === null && (
                  <Typography.Text type="secondary">{t('verifyBase.fromGateway')}</Typography.Text>
                )}
              </Space>
            ) : (
              t('verifyBase.none')
            ),
          },
        ]}
      />
      {view?.placeholder && (
        <Alert type="warning" showIcon title={t('verifyBase.placeholderWarning')} style={{ marginBottom: 16 }} />
      )}
      <Form form={form} name="verify-base" layout="vertical" onFinish={(v) => void save(v)} style={{ maxWidth: 560 }}>
        <Form.Item
          label={t('verifyBase.label')}
          name="baseUrl"
          extra={t('verifyBase.help')}
          rules={[
            {
              validator: async (_r, v: unknown) => {
                if (v && !isBaseUrl(String(v))) throw new Error(t('fields.verify-url-invalid'));
              },
            },
          ]}
        >
          <Input placeholder={t('verifyBase.placeholder')} autoComplete="off" />
        </Form.Item>
        {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" icon={<QrcodeOutlined aria-hidden />} loading={busy}>
          {t('verifyBase.save')}
        </Button>
      </Form>
    </Card>
  );
}
