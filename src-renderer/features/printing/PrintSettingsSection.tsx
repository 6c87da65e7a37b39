import { ExperimentOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
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
  List,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  printSettingsSchema,
  type PrinterStatus,
  type PrintSettings,
  type SystemPrinter,
} from '../../../src-main/common/printing/print-settings';
import type { PoolImportReport } from '../../../src-main/common/printing/waybill';
import { schemaRule } from '../../forms/rules';
import { showFieldErrors } from '../../forms/server-errors';
import { errorMessage } from '../../i18n/errors';
import { usePrintingStore } from './store';

const printerField = printSettingsSchema.shape.printers.shape;
const documentField = printSettingsSchema.shape.documents.shape;
const SEAL_MAX_BYTES = 290 * 1024;

type Fields = PrintSettings;

function readAs(file: Blob, as: 'text' | 'dataUrl'): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    if (as === 'text') reader.readAsText(file);
    else reader.readAsDataURL(file);
  });
}

/** A form value with nothing to show (the seal is shown and changed beside it). */
function HiddenValue(_props: { value?: unknown }) {
  return null;
}

/** 打印机状态: each configured printer's state, refreshable, with 测试打印. */
function PrinterStatusTable() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const status = usePrintingStore((s) => s.status);
  const test = usePrintingStore((s) => s.test);
  // Reloaded whenever the settings are saved.
  const settings = usePrintingStore((s) => s.settings);
  const [rows, setRows] = useState<PrinterStatus[]>([]);
  const [busy, setBusy] = useState(false);
  const [testing, setTesting] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    setBusy(true);
    const result = await status();
    setBusy(false);
    if (result.ok) setRows(result.value);
    else void message.error(errorMessage(result.error));
  }, [status, message]);
  useEffect(() => {
    let live = true;
    void status().then((r) => live && r.ok && setRows(r.value));
    return () => {
      live = false;
    };
  }, [status, settings]);

  const runTest = async (role: PrinterStatus['role']) => {
    setTesting(role);
    const result = await test(role);
    setTesting(null);
    if (!result.ok) void message.error(`${t('printing.settings.test')}：${errorMessage(result.error)}`);
    else if (result.value.output === 'pdf')
      void message.success(t('printing.settings.testedPdf', { path: result.value.pdfPath ?? '' }));
    else void message.success(t('printing.settings.testedPrinter', { role: t(`printing.settings.role.${role}`) }));
    void refresh();
  };

  const color = (s: PrinterStatus['state']) =>
    s === 'ready'
      ? 'success'
      : s === 'paper-near-end' || s === 'unknown'
        ? 'warning'
        : s === 'not-configured'
          ? 'default'
          : 'error';
  return (
    <>
      <Space style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('printing.settings.status')}</Typography.Text>
        <Button size="small" icon={<ReloadOutlined aria-hidden />} loading={busy} onClick={() => void refresh()}>
          {t('printing.settings.refresh')}
        </Button>
      </Space>
      <Table<PrinterStatus>
        size="small"
        rowKey="role"
        pagination={false}
        aria-label={t('printing.settings.status')}
        dataSource={rows}
        columns={[
          {
            key: 'role',
            title: t('printing.settings.statusCols.role'),
            render: (_v, r) => t(`printing.settings.role.${r.role}`),
          },
          {
            key: 'target',
            title: t('printing.settings.statusCols.target'),
            render: (_v, r) => <span className="mono">{r.target}</span>,
          },
          {
            key: 'state',
            title: t('printing.settings.statusCols.state'),
            render: (_v, r) => <Tag color={color(r.state)}>{t(`printing.settings.states.${r.state}`)}</Tag>,
          },
          {
            key: 'detail',
            title: t('printing.settings.statusCols.detail'),
            render: (_v, r) =>
              r.detail ? (
                <span title={r.detail}>{t(`printing.settings.details.${r.detail}`, { defaultValue: r.detail })}</span>
              ) : (
                '—'
              ),
          },
          {
            key: 'test',
            title: t('printing.settings.statusCols.test'),
            render: (_v, r) => (
              <Button
                size="small"
                icon={<ExperimentOutlined aria-hidden />}
                disabled={r.state === 'not-configured'}
                loading={testing === r.role}
                onClick={() => void runTest(r.role)}
                aria-label={`${t('printing.settings.test')} ${t(`printing.settings.role.${r.role}`)}`}
              >
                {t('printing.settings.test')}
              </Button>
            ),
          },
        ]}
      />
    </>
  );
}

/** 运单号池: import EMS numbers from pasted text or a file; every invalid line is listed with its reason. */
function PoolImport() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const importPool = usePrintingStore((s) => s.importPool);
  const loadPool = usePrintingStore((s) => s.pool);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<PoolImportReport | null>(null);
  const [available, setAvailable] = useState<number | null>(null);

  useEffect(() => {
    void loadPool().then((r) => r.ok && setAvailable(r.value.available));
  }, [loadPool]);

  const run = async () => {
    if (!text.trim()) return;
    setBusy(true);
    const result = await importPool(text);
    setBusy(false);
    if (!result.ok) return void message.error(errorMessage(result.error));
    setReport(result.value);
    setAvailable(result.value.pool.available);
    if (result.value.invalid.length === 0) setText('');
  };

  return (
    <>
      <Typography.Paragraph type="secondary">{t('printing.settings.poolIntro')}</Typography.Paragraph>
      {available !== null && (
        <Typography.Paragraph>{t('printing.waybills.pool', { count: available })}</Typography.Paragraph>
      )}
      <Input.TextArea
        aria-label={t('printing.settings.poolText')}
        placeholder={t('printing.settings.poolText')}
        rows={5}
        className="mono"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <Space style={{ marginTop: 8 }}>
        <Button type="primary" loading={busy} disabled={!text.trim()} onClick={() => void run()}>
          {t('printing.settings.poolImport')}
        </Button>
        <Upload
          accept=".txt,.csv,text/plain"
          showUploadList={false}
          beforeUpload={(file) => {
            void readAs(file, 'text').then(setText);
            return false;
          }}
        >
          <Button icon={<UploadOutlined aria-hidden />}>{t('printing.settings.poolFile')}</Button>
        </Upload>
      </Space>
      {report && (
        <Alert
          style={{ marginTop: 12 }}
          type={report.invalid.length ? 'warning' : 'success'}
          showIcon
          role="status"
          title={t('printing.settings.poolImported', {
            imported: report.imported,
            already: report.alreadyInPool,
            invalid: report.invalid.length,
          })}
          description={
            report.invalid.length ? (
              <List
                size="small"
                dataSource={report.invalid}
                renderItem={(p) => (
                  <List.Item>
                    {t('printing.settings.poolInvalid', {
                      line: p.line,
                      text: p.text,
                      reason: t(`printing.settings.poolReasons.${p.code}`),
                    })}
                  </List.Item>
                )}
              />
            ) : undefined
          }
        />
      )}
    </>
  );
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
      <Divider />
      <PrinterStatusTable />
      <Divider titlePlacement="start">{t('printing.settings.pool')}</Divider>
      <PoolImport />
    </Card>
  );
}
