import { ApiOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Row, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n/datetime';
import { errorMessage } from '../../i18n/errors';
import { showFieldErrors } from '../../forms/server-errors';
import { requiredRule } from '../../forms/rules';
import { BADGE } from '../shell/SyncBadge';
import { useSyncStore } from '../shell/sync-store';

/** Whether the text is an http(s) URL, as the contract requires. */
function isHttpUrl(text: string): boolean {
  try {
    return /^https?:$/.test(new URL(text.trim()).protocol);
  } catch {
    return false;
  }
}

interface GatewayFields {
  gatewayUrl: string;
  code: string;
}

/** 部门网关: where this PC sends its cases, enrolled with a one-time code; shows the device and the last sync. */
export function GatewaySection() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<GatewayFields>();
  const view = useSyncStore((s) => s.view);
  const load = useSyncStore((s) => s.load);
  const configure = useSyncStore((s) => s.configure);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (view?.gatewayUrl && !form.getFieldValue('gatewayUrl')) form.setFieldValue('gatewayUrl', view.gatewayUrl);
  }, [form, view?.gatewayUrl]);

  const enrol = async ({ gatewayUrl, code }: GatewayFields) => {
    setBusy(true);
    setProblem(null);
    const result = await configure(gatewayUrl.trim(), code.trim());
    setBusy(false);
    if (result.ok) {
      form.setFieldValue('code', '');
      return void message.success(t('gateway.enrolled'));
    }
    if (result.error.code === 'unavailable') return setProblem(t('gateway.unreachable'));
    if (!showFieldErrors(form, result.error)) setProblem(errorMessage(result.error));
  };
  const submit = (values: GatewayFields) => {
    if (!view?.deviceId) return void enrol(values);
    modal.confirm({
      title: t('gateway.reenrol'),
      content: t('gateway.reenrolConfirm'),
      okText: t('gateway.reenrol'),
      cancelText: t('intake.actions.cancel'),
      onOk: () => enrol(values),
    });
  };
  const time = (iso: string | null | undefined) => (iso ? formatDateTime(iso) : '—');

  return (
    <Card title={t('gateway.section')} style={{ marginTop: 24 }}>
      <Typography.Paragraph type="secondary">{t('gateway.intro')}</Typography.Paragraph>
      <Row gutter={24}>
        <Col span={12}>
          <Descriptions
            bordered
            size="small"
            column={1}
            items={[
              {
                key: 'state',
                label: t('gateway.state'),
                children: view ? t(BADGE[view.state].label, { count: view.pending }) : '—',
              },
              {
                key: 'device',
                label: t('gateway.deviceId'),
                children: view?.deviceId ? <span className="mono">{view.deviceId}</span> : '—',
              },
              { key: 'url', label: t('gateway.url'), children: view?.gatewayUrl ?? '—' },
              { key: 'district', label: t('gateway.district'), children: view?.district ?? '—' },
              { key: 'enrolled', label: t('gateway.enrolledAt'), children: time(view?.enrolledAt) },
              { key: 'last', label: t('gateway.lastSuccess'), children: time(view?.lastSuccessAt) },
            ]}
          />
        </Col>
        <Col span={12}>
          <Form form={form} name="gateway" layout="vertical" onFinish={submit}>
            <Form.Item
              label={t('gateway.url')}
              name="gatewayUrl"
              rules={[
                requiredRule(),
                {
                  validator: async (_r, v: unknown) => {
                    if (v && !isHttpUrl(String(v))) throw new Error(t('gateway.urlInvalid'));
                  },
                },
              ]}
            >
              <Input placeholder={t('gateway.urlPlaceholder')} autoComplete="off" />
            </Form.Item>
            <Form.Item
              label={t('gateway.code')}
              name="code"
              rules={[requiredRule(), { min: 4, message: t('fields.enrolment-code-invalid') }]}
            >
              <Input autoComplete="off" />
            </Form.Item>
            {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
            <Button type="primary" htmlType="submit" icon={<ApiOutlined aria-hidden />} loading={busy}>
              {view?.deviceId ? t('gateway.reenrol') : t('gateway.submit')}
            </Button>
          </Form>
        </Col>
      </Row>
    </Card>
  );
}
