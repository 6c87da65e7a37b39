import { UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Card,
  Col,
  Divider,
  Form,
  Image,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Typography,
  Upload,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { printSettingsSchema, type PrintSettings, type SystemPrinter } from '@common/printing/print-settings';
import { schemaRule } from '../../forms/rules';
import { showFieldErrors } from '../../forms/server-errors';
import { errorMessage } from '../../i18n/errors';
import { PoolImport } from './PoolImport';
import { PrinterStatusTable } from './PrinterStatusTable';
import { SealCertificateCard } from './SealCertificateCard';
import { readAs } from './read-file';
import { usePrintingStore } from './store';

const printerField = printSettingsSchema.shape.printers.shape;
const documentField = printSettingsSchema.shape.documents.shape;
const SEAL_MAX_BYTES = 290 * 1024;

type Fields = PrintSettings;

/** A form value with nothing to show (the seal is shown and changed beside it). */
function HiddenValue(_props: { value?: unknown }) {
  return null;
}

/** 打印设置 (administrators): printers, the hall's document profile, printer status and the waybill pool. */
export function PrintSettingsSection() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Fields>();
  const settings = usePrintingStore((s) => s.settings);
  const load = usePrintingStore((s) => s.loadSettings);
  const save = usePrintingStore((s) => s.saveSettings);
  const listPrinters = usePrintingStore((s) => s.systemPrinters);
  const [printers, setPrinters] = useState<SystemPrinter[]>([]);
  const [saving, setSaving] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const seal = Form.useWatch(['documents', 'sealPng'], form);

  useEffect(() => {
    void load().then((r) => !r.ok && setLoadError(errorMessage(r.error)));
    void listPrinters().then((r) => r.ok && setPrinters(r.value));
  }, [load, listPrinters]);

  const submit = async (values: Fields) => {
    setSaving(true);
    const result = await save(values);
    setSaving(false);
    if (result.ok) {
      return void message.success(t('printing.settings.saved'));
    }
    if (!showFieldErrors(form, result.error)) void message.error(errorMessage(result.error));
  };

  const pickSeal = async (file: File) => {
    if (file.type !== 'image/png') return void message.error(t('printing.settings.sealBadType'));
    if (file.size > SEAL_MAX_BYTES) return void message.error(t('printing.settings.sealTooLarge'));
    form.setFieldValue(['documents', 'sealPng'], await readAs(file, 'dataUrl'));
  };

  const systemOptions = printers.map((p) => ({
    value: `system:${p.name}`,
    label: `${p.name}${p.isDefault ? ' ★' : ''}`,
  }));

  return (
    <Card title={t('printing.settings.section')} style={{ marginTop: 24 }} id="print-settings-card">
      {loadError && <Alert type="error" showIcon title={t('printing.settings.loadFailed')} description={loadError} />}
      {settings && (
        <Form<Fields>
          form={form}
          name="print-settings"
          layout="vertical"
          initialValues={settings}
          onFinish={(v) => void submit(v)}
        >
          <Typography.Paragraph type="secondary">{t('printing.settings.intro')}</Typography.Paragraph>
          <Row gutter={16}>
            <Col span={16}>
              <Form.Item
                label={t('printing.settings.thermal')}
                name={['printers', 'thermal']}
                rules={[schemaRule(printerField.thermal)]}
                required
              >
                <AutoComplete
                  className="mono"
                  placeholder="tcp://192.168.1.50:9100"
                  options={[{ value: 'none', label: 'none' }, ...systemOptions]}
                />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item label={t('printing.settings.thermalWidth')} name={['printers', 'thermalWidth']}>
                <Radio.Group
                  optionType="button"
                  options={[
                    { value: 80, label: t('printing.settings.width80') },
                    { value: 58, label: t('printing.settings.width58') },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                label={t('printing.settings.a4')}
                name={['printers', 'a4']}
                rules={[schemaRule(printerField.a4)]}
                required
              >
                <Select options={[{ value: 'pdf', label: 'pdf（PDF 文件夹）' }, ...systemOptions]} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item
                label={t('printing.settings.label')}
                name={['printers', 'label']}
                rules={[schemaRule(printerField.label)]}
                required
              >
                <Select options={[{ value: 'pdf', label: 'pdf（PDF 文件夹）' }, ...systemOptions]} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item label={t('printing.settings.labelSize')} name={['printers', 'labelSize']}>
                <Select
                  options={(['label-76x130', 'label-100x150'] as const).map((f) => ({
                    value: f,
                    label: t(`printing.formats.${f}`),
                  }))}
                />
              </Form.Item>
            </Col>
          </Row>
          <Divider titlePlacement="start">{t('printing.settings.hall')}</Divider>
          <Row gutter={16}>
            <Col span={16}>
              <Form.Item
                label={t('printing.settings.hallAddress')}
                name={['documents', 'hallAddress']}
                rules={[schemaRule(documentField.hallAddress)]}
              >
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item
                label={t('printing.settings.hallPhone')}
                name={['documents', 'hallPhone']}
                rules={[schemaRule(documentField.hallPhone)]}
              >
                <Input maxLength={24} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item
                label={t('printing.settings.hotline')}
                name={['documents', 'hotline']}
                rules={[schemaRule(documentField.hotline)]}
                required
              >
                <Input maxLength={24} />
              </Form.Item>
            </Col>
            <Col span={16}>
              <Form.Item
                label={t('printing.settings.ratingUrl')}
                name={['documents', 'ratingUrl']}
                rules={[schemaRule(documentField.ratingUrl)]}
                extra={t('printing.settings.ratingHelp')}
                required
              >
                <Input className="mono" maxLength={300} />
              </Form.Item>
            </Col>
            <Col span={16}>
              <Form.Item name={['documents', 'sealPng']} noStyle>
                <HiddenValue />
              </Form.Item>
              <Form.Item label={t('printing.settings.seal')}>
                <Space align="center">
                  {seal ? (
                    <Image
                      src={seal}
                      alt={t('printing.settings.seal')}
                      width={72}
                      height={72}
                      preview={false}
                      style={{ objectFit: 'contain' }}
                    />
                  ) : (
                    <Typography.Text type="secondary">{t('printing.settings.sealNone')}</Typography.Text>
                  )}
                  <Upload
                    accept="image/png"
                    showUploadList={false}
                    beforeUpload={(file) => {
                      void pickSeal(file);
                      return false;
                    }}
                  >
                    <Button icon={<UploadOutlined aria-hidden />}>{t('printing.settings.sealUpload')}</Button>
                  </Upload>
                  {seal && (
                    <Button onClick={() => form.setFieldValue(['documents', 'sealPng'], null)}>
                      {t('printing.settings.sealRemove')}
                    </Button>
                  )}
                </Space>
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item
                label={t('printing.settings.lowWatermark')}
                name={['waybillPool', 'lowWatermark']}
                rules={[
                  {
                    required: true,
                    type: 'integer',
                    min: 0,
                    max: 100000,
                    message: t('fields.number-range', { min: 0, max: 100000 }),
                  },
                ]}
              >
                <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('printing.settings.save')}
          </Button>
        </Form>
      )}
      <SealCertificateCard />
      <Divider />
      <PrinterStatusTable />
      <Divider titlePlacement="start">{t('printing.settings.pool')}</Divider>
      <PoolImport />
    </Card>
  );
}
