import { SafetyCertificateOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Form, Input, Space, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SEAL_P12_MAX_BYTES, type SealStatus } from '@common/printing/seal';
import { call } from '../../api/call';
import { showFieldErrors } from '../../forms/server-errors';
import { errorMessage } from '../../i18n/errors';

interface Fields {
  password: string;
}

/** Bytes of a picked file as base64 (no data: prefix). */
async function base64Of(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** 电子印章证书 (administrators): the certificate that signs A4 PDFs, its expiry, and its import (PKCS#12). */
export function SealCertificateCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Fields>();
  const [status, setStatus] = useState<SealStatus | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void call('seal:status', {}).then((r) => (r.ok ? setStatus(r.value) : setError(errorMessage(r.error))));
  }, []);

  const submit = async ({ password }: Fields) => {
    if (!file) return;
    setBusy(true);
    const r = await call('seal:import', { p12Base64: await base64Of(file), password: password ?? '' });
    setBusy(false);
    form.setFieldValue('password', '');
    if (!r.ok) {
      // A bad file is named in a message (the server's Chinese text); a wrong password under its field.
      if (!showFieldErrors(form, r.error))
        void message.error(r.error.code === 'invalid-input' ? r.error.message : errorMessage(r.error));
      return;
    }
    setStatus(r.value);
    setFile(null);
    void message.success(t('seal.imported'));
  };

  const cert = status?.certificate ?? null;
  const state = status?.state;
  return (
    <div id="seal-certificate" style={{ marginTop: 16 }}>
      <Typography.Title level={5}>
        <SafetyCertificateOutlined aria-hidden /> {t('seal.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('seal.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} />}
      {status && !status.imported && <Alert type="warning" showIcon title={t('seal.training')} />}
      {cert && (
        <>
          <Alert
            type={state === 'valid' ? 'success' : state === 'expiring' ? 'warning' : 'error'}
            showIcon
            title={t(`seal.${state as 'valid' | 'expiring' | 'expired'}`, { days: status?.daysLeft ?? 0 })}
            style={{ marginBottom: 8 }}
          />
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('seal.subject')}>{cert.subject}</Descriptions.Item>
            <Descriptions.Item label={t('seal.organization')}>{cert.organization ?? ''}</Descriptions.Item>
            <Descriptions.Item label={t('seal.issuer')}>{cert.issuer}</Descriptions.Item>
            <Descriptions.Item label={t('seal.validity')}>
              {cert.notBefore.slice(0, 10)} – {cert.notAfter.slice(0, 10)}
            </Descriptions.Item>
            <Descriptions.Item label={t('seal.fingerprint')}>
              <Typography.Text className="mono" style={{ fontSize: 'var(--fs-small)' }}>
                {cert.fingerprint}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        </>
      )}
      <Form<Fields>
        form={form}
        name="seal-import"
        layout="inline"
        style={{ marginTop: 12 }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item label={t('seal.file')}>
          <Space>
            <Upload
              accept=".p12,.pfx,application/x-pkcs12"
              showUploadList={false}
              beforeUpload={(f) => {
                if (f.size > SEAL_P12_MAX_BYTES) void message.error(t('seal.tooLarge'));
                else setFile(f);
                return false;
              }}
            >
              <Button icon={<UploadOutlined aria-hidden />}>{t('seal.choose')}</Button>
            </Upload>
            {file && <Typography.Text>{file.name}</Typography.Text>}
          </Space>
        </Form.Item>
        <Form.Item label={t('seal.password')} name="password">
          <Input.Password autoComplete="off" style={{ width: 200 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} disabled={!file}>
          {status?.imported ? t('seal.replace') : t('seal.import')}
        </Button>
      </Form>
    </div>
  );
}
